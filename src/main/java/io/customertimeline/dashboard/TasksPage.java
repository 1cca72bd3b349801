package io.customertimeline.dashboard;

import io.customertimeline.customers.Customers;
import io.customertimeline.customers.Profile;
import io.customertimeline.system.NotFoundException;
import io.customertimeline.system.TimelineProperties;
import io.customertimeline.tasks.Tasks;
import io.customertimeline.users.Person;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** Follow-ups across customers by when they are due, counted and paged, completable by agents. */
@Controller
class TasksPage {

    private final Tasks tasks;
    private final Customers customers;
    private final Formats fmt;
    private final TimelineProperties props;
    private final Clock clock;

    TasksPage(Tasks tasks, Customers customers, Formats fmt, TimelineProperties props, Clock clock) {
        this.tasks = tasks;
        this.customers = customers;
        this.fmt = fmt;
        this.props = props;
        this.clock = clock;
    }

    /** A task with the name of its customer. */
    public record Row(Tasks.Task task, String customerName) {
    }

    /** The tabs, in order: what is late, what is due today (in the shop's zone), what comes later, all open, done. */
    static final List<String> TABS = List.of("overdue", "today", "upcoming", "open", "done");
    static final int PAGE = 100;

    /** One tab with how many tasks it holds. */
    public record Tab(String name, String label, long count) {
    }

    @GetMapping("/timeline/tasks")
    String page(@RequestParam(defaultValue = "open") String show, @RequestParam(defaultValue = "1") int page, Model model,
            Authentication auth) {
        String tab = TABS.contains(show.toLowerCase(Locale.ROOT)) ? show.toLowerCase(Locale.ROOT) : "open";
        Map<String, Tasks.Window> windows = windows();
        // the done tasks only grow and their number is not shown: counted only when their tab is open
        List<Tab> tabs = TABS.stream().map(t -> new Tab(t, LABELS.get(t),
                t.equals("done") && !tab.equals("done") ? -1 : tasks.count(windows.get(t)))).toList();
        long total = tabs.get(TABS.indexOf(tab)).count();
        int pages = (int) Math.max(1, (total + PAGE - 1) / PAGE);
        int at = Math.max(1, Math.min(page, pages));
        Map<UUID, String> names = new HashMap<>();
        List<Row> rows = tasks.page(windows.get(tab), PAGE, (long) (at - 1) * PAGE).stream()
                .map(t -> new Row(t, names.computeIfAbsent(t.customerId(), this::name)))
                .toList();
        model.addAttribute("rows", rows);
        model.addAttribute("show", tab);
        model.addAttribute("tabs", tabs);
        model.addAttribute("total", total);
        model.addAttribute("first", total == 0 ? 0 : (long) (at - 1) * PAGE + 1);
        model.addAttribute("last", (long) (at - 1) * PAGE + rows.size());
        model.addAttribute("previous", at > 1 ? at - 1 : null);
        model.addAttribute("next", at < pages ? at + 1 : null);
        model.addAttribute("me", Person.of(auth));
        model.addAttribute("fmt", fmt);
        return "tasks";
    }

    private static final Map<String, String> LABELS = Map.of("overdue", "Overdue", "today", "Due today", "upcoming", "Upcoming",
            "open", "All open", "done", "Done");

    private Map<String, Tasks.Window> windows() {
        ZoneId zone = props.timezone();
        Instant now = clock.instant();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        return Map.of("overdue", Tasks.Window.open(null, now),
                "today", Tasks.Window.open(today.atStartOfDay(zone).toInstant(), today.plusDays(1).atStartOfDay(zone).toInstant()),
                "upcoming", Tasks.Window.open(now, null),
                "open", Tasks.Window.open(null, null),
                "done", Tasks.Window.doneOnes());
    }

    /** Completes a task; answers with its new row (tasks page) or the profile card's task list. */
    @PostMapping("/timeline/tasks/{id}/complete")
    String complete(@PathVariable UUID id, @RequestHeader(name = "HX-Target", required = false) String target,
            Model model, Authentication auth) {
        requireAgent(auth, "complete");
        boolean open = tasks.find(id).map(t -> t.status().equals("open")).orElse(false);
        Tasks.Task done = tasks.complete(id).orElseThrow(() -> new NotFoundException("id", "No task " + id));
        if (open) { // an undo, focused where the Complete button was; not for a task a later contact or a colleague had closed
            model.addAttribute("justDone", done);
        }
        return answer(done, target, model, auth);
    }

    /** Opens a done task again: the undo after a Complete clicked by mistake, or a task closed too early. */
    @PostMapping("/timeline/tasks/{id}/reopen")
    String reopen(@PathVariable UUID id, @RequestHeader(name = "HX-Target", required = false) String target,
            Model model, Authentication auth) {
        requireAgent(auth, "reopen");
        return answer(tasks.reopen(id).orElseThrow(() -> new NotFoundException("id", "No task " + id)), target, model, auth);
    }

    /** Puts a task off: {@code until=2h}, or {@code tomorrow} (9:00 in the shop's zone); answered like completing. */
    @PostMapping("/timeline/tasks/{id}/snooze")
    String snooze(@PathVariable UUID id, @RequestParam(defaultValue = "tomorrow") String until,
            @RequestHeader(name = "HX-Target", required = false) String target, Model model, Authentication auth) {
        requireAgent(auth, "snooze");
        ZoneId zone = props.timezone();
        Instant when = until.equals("2h") ? clock.instant().plus(java.time.Duration.ofHours(2))
                : LocalDate.now(clock.withZone(zone)).plusDays(1).atTime(9, 0).atZone(zone).toInstant();
        return answer(tasks.snooze(id, when).orElseThrow(() -> new NotFoundException("id", "No task " + id)), target, model, auth);
    }

    private static void requireAgent(Authentication auth, String action) {
        if (!Person.of(auth).agent()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only agents and admins " + action + " tasks.");
        }
    }

    private String answer(Tasks.Task done, String target, Model model, Authentication auth) {
        model.addAttribute("me", Person.of(auth));
        model.addAttribute("fmt", fmt);
        if (target != null && target.startsWith("open-tasks")) {
            model.addAttribute("openTasks", tasks.openFor(done.customerId()));
            model.addAttribute("customer", done.customerId());
            return "timeline :: open-tasks";
        }
        model.addAttribute("row", new Row(done, name(done.customerId())));
        return "tasks :: task-row";
    }

    private String name(UUID customer) {
        Profile p = customers.profile(customers.find(customer.toString()).orElse(customer));
        return p.name() != null ? p.name() : p.email() != null ? p.email() : p.phone() != null ? p.phone() : "Unnamed";
    }
}
