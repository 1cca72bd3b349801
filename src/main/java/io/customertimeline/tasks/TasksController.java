package io.customertimeline.tasks;

import io.customertimeline.customers.Customers;
import io.customertimeline.system.InvalidInputException;
import io.customertimeline.system.NotFoundException;
import io.customertimeline.timeline.TimelineSidecar;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Follow-up tasks for staff: {@code GET /api/tasks} (open, overdue, done, all; by customer), complete, reopen, snooze. */
@RestController
@RequestMapping("/api/tasks")
class TasksController {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,4})\\s*([mhdw])");

    private final Tasks tasks;
    private final Customers customers;
    private final Clock clock;

    TasksController(Tasks tasks, Customers customers, Clock clock) {
        this.tasks = tasks;
        this.customers = customers;
        this.clock = clock;
    }

    record TaskList(List<Tasks.Task> tasks) {
    }

    @GetMapping
    @Operation(summary = "Tasks, soonest due first: status = open (default), overdue, done or all; customerId = email, "
            + "phone, handle or profile id")
    TaskList list(@RequestParam(required = false) String status, @RequestParam(required = false) String customerId,
            @RequestParam(defaultValue = "100") int limit) {
        Tasks.Filter filter;
        try {
            filter = status == null ? Tasks.Filter.OPEN : Tasks.Filter.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new InvalidInputException("status", "'status' must be open, overdue, done or all");
        }
        Optional<UUID> customer = customerId == null ? Optional.empty() : Optional.of(customers.require(customerId));
        return new TaskList(tasks.list(filter, customer, limit));
    }

    @GetMapping("/{id}")
    Tasks.Task one(@PathVariable UUID id) {
        return tasks.find(id).orElseThrow(() -> notFound(id));
    }

    @PostMapping("/{id}/complete")
    @Operation(summary = "Mark done by staff")
    Tasks.Task complete(@PathVariable UUID id) {
        return tasks.complete(id).orElseThrow(() -> notFound(id));
    }

    @PostMapping("/{id}/reopen")
    @Operation(summary = "Open again (also after an automatic close)")
    Tasks.Task reopen(@PathVariable UUID id) {
        return tasks.reopen(id).orElseThrow(() -> notFound(id));
    }

    @PostMapping("/{id}/snooze")
    @Operation(summary = "Not overdue before a time: {\"until\": \"2025-01-20T09:00:00+02:00\"} or {\"for\": \"2h\"} (m, h, d, w)")
    Tasks.Task snooze(@PathVariable UUID id, @RequestBody(required = false) JsonNode body) {
        return tasks.snooze(id, until(body)).orElseThrow(() -> notFound(id));
    }

    private Instant until(JsonNode body) {
        if (body != null && body.path("until").isString()) {
            try {
                return OffsetDateTime.parse(body.get("until").asString().strip()).toInstant();
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("until", "'until' must be an ISO-8601 date-time with offset");
            }
        }
        if (body != null && body.path("for").isString()) {
            Matcher m = SHORT_DURATION.matcher(body.get("for").asString().strip().toLowerCase(Locale.ROOT));
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                Duration d = switch (m.group(2)) {
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    case "d" -> Duration.ofDays(n);
                    default -> Duration.ofDays(7 * n);
                };
                return clock.instant().plus(d);
            }
            throw new InvalidInputException("for", "'for' must be a number with m, h, d or w, e.g. \"2h\"");
        }
        throw new InvalidInputException("until", "send {\"until\": <ISO-8601 date-time>} or {\"for\": \"2h\"}");
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("id", "No task " + id);
    }

    /** Open tasks beside the customer's timeline entries. */
    @Component
    static class OpenTasksBesideTimeline implements TimelineSidecar {
        private final Tasks tasks;

        OpenTasksBesideTimeline(Tasks tasks) {
            this.tasks = tasks;
        }

        @Override
        public String name() {
            return "open_tasks";
        }

        @Override
        public String presence() {
            return "SELECT FROM follow_up_tasks WHERE customer_id = {customer} AND status = 'open'";
        }

        @Override
        public Object none() {
            return List.of();
        }

        @Override
        public Object forCustomer(UUID customer) {
            return tasks.openFor(customer);
        }
    }
}
