package io.customertimeline.users;

import io.customertimeline.connectors.ConnectorOverview;
import io.customertimeline.customers.Customers;
import io.customertimeline.system.InvalidInputException;
import io.customertimeline.system.NotFoundException;
import io.customertimeline.system.TimelineProperties;
import io.customertimeline.webhooks.WebhookInbox;
import java.time.ZoneId;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Admin pages (the security chain lets only admins in): users and roles, export setting, read audit,
 * and operations (connectors with "run now", webhook deliveries with "replay").
 */
@Controller
@RequestMapping("/admin")
class AdminController {

    private final Users users;
    private final DashboardSettings settings;
    private final ProfileReads reads;
    private final Customers customers;
    private final ConnectorOverview connectors;
    private final WebhookInbox inbox;
    private final ZoneId zone;

    AdminController(Users users, DashboardSettings settings, ProfileReads reads, Customers customers,
            ConnectorOverview connectors, WebhookInbox inbox, TimelineProperties props) {
        this.zone = props.timezone();
        this.connectors = connectors;
        this.inbox = inbox;
        this.users = users;
        this.settings = settings;
        this.reads = reads;
        this.customers = customers;
    }

    @ModelAttribute
    void common(Model model, Authentication auth) {
        model.addAttribute("me", Person.of(auth));
        model.addAttribute("zone", zone); // times in the shop's zone, as on the dashboard
    }

    @GetMapping("/users")
    String users(Model model) {
        model.addAttribute("users", users.list());
        model.addAttribute("roles", Role.values());
        model.addAttribute("viewersMayExport", settings.viewersMayExport());
        return "admin/users";
    }

    @PostMapping("/users")
    String create(@RequestParam String username, @RequestParam String password, @RequestParam String role, RedirectAttributes flash) {
        return act(flash, () -> users.create(username, password, Role.of(role)), "Created " + Users.normalise(username) + ".");
    }

    @PostMapping("/users/role")
    String role(@RequestParam String username, @RequestParam String role, Authentication auth, RedirectAttributes flash) {
        return act(flash, () -> {
            refuseSelf(username, auth);
            users.setRole(username, Role.of(role));
        }, "Changed the role of " + username + ".");
    }

    @PostMapping("/users/enabled")
    String enabled(@RequestParam String username, @RequestParam boolean enabled, Authentication auth, RedirectAttributes flash) {
        return act(flash, () -> {
            refuseSelf(username, auth);
            users.setEnabled(username, enabled);
        }, (enabled ? "Enabled " : "Disabled ") + username + ".");
    }

    @PostMapping("/users/password")
    String password(@RequestParam String username, @RequestParam String password, RedirectAttributes flash) {
        return act(flash, () -> users.setPassword(username, password), "Set a new password for " + username + ".");
    }

    @PostMapping("/settings")
    String settings(@RequestParam(defaultValue = "false") boolean viewersMayExport, RedirectAttributes flash) {
        return act(flash, () -> settings.setViewersMayExport(viewersMayExport),
                viewersMayExport ? "Viewers may export." : "Viewers may not export.");
    }

    @GetMapping("/audit")
    String audit(@RequestParam(required = false) String customer, Model model) {
        UUID id = customer == null || customer.isBlank() ? null : customers.require(customer);
        model.addAttribute("customer", customer);
        model.addAttribute("reads", reads.latest(id, 500));
        return "admin/audit";
    }

    static final int DELIVERIES_SHOWN = 50;

    @GetMapping("/operations")
    String operations(Model model) {
        model.addAttribute("connectors", connectors.rows());
        model.addAttribute("deliveries", inbox.recent(null, DELIVERIES_SHOWN));
        return "admin/operations";
    }

    @PostMapping("/connectors/{name}/run")
    String runNow(@PathVariable String name, RedirectAttributes flash) {
        switch (connectors.runNow(name)) {
            case STARTED -> flash.addFlashAttribute("message", "Started " + name + "; reload to follow its progress.");
            case OFF -> flash.addFlashAttribute("problem", name + " is off and cannot run.");
            case ALREADY_RUNNING -> flash.addFlashAttribute("problem", name + " is already running.");
        }
        return "redirect:/admin/operations";
    }

    @PostMapping("/webhooks/deliveries/{id}/replay")
    String replay(@PathVariable long id, RedirectAttributes flash) {
        inbox.find(id).orElseThrow(() -> new NotFoundException("id", "No delivery " + id));
        try {
            WebhookInbox.Receipt r = inbox.replay(id);
            flash.addFlashAttribute("message", "Replayed delivery " + id + " as delivery " + r.deliveryId() + " ("
                    + r.effect().outcome() + ").");
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("problem", "Delivery " + id + " could not be replayed: " + e.getMessage());
        }
        return "redirect:/admin/operations";
    }

    private static void refuseSelf(String username, Authentication auth) {
        if (Users.normalise(username).equals(auth.getName())) {
            throw new InvalidInputException("username", "You cannot change your own role or lock yourself out.");
        }
    }

    private static String act(RedirectAttributes flash, Runnable action, String done) {
        try {
            action.run();
            flash.addFlashAttribute("message", done);
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/admin/users";
    }
}
