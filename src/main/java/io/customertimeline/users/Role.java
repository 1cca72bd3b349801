package io.customertimeline.users;

import io.customertimeline.system.InvalidInputException;
import java.util.List;
import java.util.Locale;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** What a person may do; each role includes the ones before it. */
public enum Role {
    VIEWER, AGENT, ADMIN;

    public static final String VIEWER_AUTHORITY = "ROLE_VIEWER";
    public static final String AGENT_AUTHORITY = "ROLE_AGENT";
    public static final String ADMIN_AUTHORITY = "ROLE_ADMIN";

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role of(String wire) {
        for (Role r : values()) {
            if (r.wire().equalsIgnoreCase(wire == null ? "" : wire.strip())) {
                return r;
            }
        }
        throw new InvalidInputException("role", "role must be viewer, agent or admin");
    }

    /** The authorities this role carries: its own and those of every lesser role. */
    public List<GrantedAuthority> authorities() {
        return java.util.Arrays.stream(values()).filter(r -> r.ordinal() <= ordinal())
                .map(r -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + r.name())).toList();
    }
}
