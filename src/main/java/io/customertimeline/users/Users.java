package io.customertimeline.users;

import io.customertimeline.system.InvalidInputException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** Dashboard accounts: usernames (lower case), password hashes (bcrypt by default, prefix-tagged) and roles. */
@Component
public class Users implements UserDetailsService {

    public static final int MIN_PASSWORD = 10;
    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;

    Users(JdbcClient jdbc, PasswordEncoder encoder) {
        this.jdbc = jdbc;
        this.encoder = encoder;
    }

    public record Account(long id, String username, Role role, boolean enabled, OffsetDateTime createdAt) {
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        record Row(String username, String passwordHash, String role, boolean enabled) {
        }
        Row row = jdbc.sql("SELECT username, password_hash, role, enabled FROM dashboard_users WHERE username = :u")
                .param("u", normalise(username)).query(Row.class).optional()
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
        return User.withUsername(row.username()).password(row.passwordHash())
                .authorities(Role.of(row.role()).authorities()).disabled(!row.enabled()).build();
    }

    /** When the account last changed (role, password, enabled), while it may sign in ({@link SignedInAccounts}). */
    Optional<OffsetDateTime> changedAt(String username) {
        return jdbc.sql("SELECT updated_at FROM dashboard_users WHERE username = :u AND enabled")
                .param("u", normalise(username)).query(OffsetDateTime.class).optional();
    }

    public List<Account> list() {
        return jdbc.sql("SELECT id, username, role, enabled, created_at FROM dashboard_users ORDER BY username")
                .query((rs, n) -> new Account(rs.getLong("id"), rs.getString("username"), Role.of(rs.getString("role")),
                        rs.getBoolean("enabled"), rs.getObject("created_at", OffsetDateTime.class)))
                .list();
    }

    public Optional<Account> find(String username) {
        return list().stream().filter(a -> a.username().equals(normalise(username))).findFirst();
    }

    public boolean any() {
        return jdbc.sql("SELECT exists (SELECT 1 FROM dashboard_users)").query(Boolean.class).single();
    }

    public Account create(String username, String password, Role role) {
        String name = normalise(username);
        if (!name.matches("^[a-z0-9._@-]{2,64}$")) {
            throw new InvalidInputException("username", "username: 2 to 64 of a-z, 0-9, . _ @ -");
        }
        checkPassword(password);
        int inserted = jdbc.sql("""
                INSERT INTO dashboard_users (username, password_hash, role) VALUES (:u, :h, :r)
                ON CONFLICT (username) DO NOTHING
                """).param("u", name).param("h", encoder.encode(password)).param("r", role.wire()).update();
        if (inserted == 0) {
            throw new InvalidInputException("username", "username '" + name + "' is taken");
        }
        return find(name).orElseThrow();
    }

    public void setRole(String username, Role role) {
        update("UPDATE dashboard_users SET role = :v, updated_at = now() WHERE username = :u", username, role.wire());
    }

    public void setEnabled(String username, boolean enabled) {
        update("UPDATE dashboard_users SET enabled = :v, updated_at = now() WHERE username = :u", username, enabled);
    }

    public void setPassword(String username, String password) {
        checkPassword(password);
        update("UPDATE dashboard_users SET password_hash = :v, updated_at = now() WHERE username = :u", username, encoder.encode(password));
    }

    private void update(String sql, String username, Object value) {
        if (jdbc.sql(sql).param("u", normalise(username)).param("v", value).update() == 0) {
            throw new InvalidInputException("username", "no user '" + username + "'");
        }
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw new InvalidInputException("password", "password needs at least " + MIN_PASSWORD + " characters");
        }
    }

    static String normalise(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }
}
