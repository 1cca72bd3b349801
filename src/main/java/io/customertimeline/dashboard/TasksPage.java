package io.customertimeline.dashboard;

import io.customertimeline.customers.Customers;
import io.customertimeline.customers.Profile;
import io.customertimeline.system.NotFoundException;
import io.customertimeline.tasks.Tasks;
import io.customertimeline.users.Person;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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

/** Open and overdue follow-ups across customers, completable by agents. */
@Controller
class TasksPage {

    private final Tasks tasks;
    private final Customers customers;
    private final Formats fmt;

    TasksPage(Tasks tasks, Customers customers, Formats fmt) {
        this.tasks = tasks;
        this.customers = customers;
        this.fmt = fmt;
    }

    /** A task with the name of its customer. */
    public record Row(Tasks.Task task, String customerName) {
    }

    @GetMapping("/timeline/tasks")
    String page(@RequestParam(defaultValue = "open") String show, Model model, Authentication auth) {
        Tasks.Filter filter = show.equalsIgnoreCase("overdue") ? Tasks.Filter.OVERDUE
                : show.equalsIgnoreCase("done") ? Tasks.Filter.DONE : Tasks.Filter.OPEN;
        Map<UUID, String> names = new HashMap<>();
        List<Row> rows = tasks.list(filter, Optional.empty(), 200).stream()
                .map(t -> new Row(t, names.computeIfAbsent(t.customerId(), this::name)))
                .toList();
        model.addAttribute("rows", rows);
        model.addAttribute("show", filter.name().toLowerCase(Locale.ROOT));
        model.addAttribute("me", Person.of(auth));
        model.addAttribute("fmt", fmt);
        return "tasks";
    }

    /** Completes a task; answers with its new row (tasks page) or the profile card's task list. */
    @PostMapping("/timeline/tasks/{id}/complete")
    String complete(@PathVariable UUID id, @RequestHeader(name = "HX-Target", required = false) String target,
            Model model, Authentication auth) {
        if (!Person.of(auth).agent()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only agents and admins complete tasks.");
        }
        Tasks.Task done = tasks.complete(id).orElseThrow(() -> new NotFoundException("id", "No task " + id));
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
