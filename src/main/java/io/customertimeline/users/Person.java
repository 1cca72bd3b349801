package io.customertimeline.users;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** The signed-in person as the dashboard needs them: name and what they may do. */
public record Person(String username, boolean agent, boolean admin) {

    public static Person of(Authentication auth) {
        boolean agent = has(auth, Role.AGENT_AUTHORITY);
        boolean admin = has(auth, Role.ADMIN_AUTHORITY);
        return new Person(auth.getName(), agent, admin);
    }

    /** True for a dashboard person (not an API key). */
    public static boolean isPerson(Authentication auth) {
        return auth != null && auth.isAuthenticated() && has(auth, Role.VIEWER_AUTHORITY);
    }

    public String role() {
        return admin ? "admin" : agent ? "agent" : "viewer";
    }

    /** Agents and admins export always; viewers when the admin allows it. */
    public boolean mayExport(DashboardSettings settings) {
        return agent || settings.viewersMayExport();
    }

    private static boolean has(Authentication auth, String authority) {
        return auth != null && auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(authority::equals);
    }
}
