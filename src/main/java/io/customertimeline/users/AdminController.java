package io.customertimeline.users;

import io.customertimeline.customers.Customers;
import io.customertimeline.system.InvalidInputException;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admin pages (the security chain lets only admins in): users and roles, export setting, read audit. */
@Controller
@RequestMapping("/admin")
class AdminController {

    private final Users users;
    private final DashboardSettings settings;
    private final ProfileReads reads;
    private final Customers customers;

    AdminController(Users users, DashboardSettings settings, ProfileReads reads, Customers customers) {
        this.users = users;
        this.settings = settings;
        this.reads = reads;
        this.customers = customers;
    }

    @ModelAttribute
    void common(Model model, Authentication auth) {
        model.addAttribute("me", Person.of(auth));
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
