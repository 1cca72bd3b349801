package io.customertimeline.users;

import io.customertimeline.system.BadSetting;
import io.customertimeline.system.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * On a database without users, creates {@code admin} with {@code TIMELINE_ADMIN_PASSWORD}, or with a
 * generated password that {@link Secrets} stores in the data directory ({@code secrets.properties}).
 */
@Component
@ConditionalOnWebApplication // not in one-off commands (import)
@Order(0)
class FirstAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);
    private final Users users;
    private final Secrets secrets;
    private final String configured;
    private final Environment env;

    FirstAdmin(Users users, Secrets secrets, @Value("${timeline.admin-password:}") String configured, Environment env) {
        this.users = users;
        this.secrets = secrets;
        this.configured = configured;
        this.env = env;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.any()) {
            if (!configured.isBlank()) {
                log.info("TIMELINE_ADMIN_PASSWORD is set but the database has users: it only makes the first admin of an "
                        + "empty database. Change a password at /admin/users.");
            }
            return;
        }
        if (!configured.isBlank() && configured.length() < Users.MIN_PASSWORD) {
            throw new BadSetting("TIMELINE_ADMIN_PASSWORD", "must be at least " + Users.MIN_PASSWORD + " characters, not "
                    + configured.length() + " (the value is not shown)");
        }
        users.create("admin", secrets.get("TIMELINE_ADMIN_PASSWORD", configured, ""), Role.ADMIN);
        log.info("Created dashboard user 'admin': open http://localhost:{}/timeline and sign in as admin with {}",
                env.getProperty("local.server.port", "8080"), configured.isBlank()
                        ? "the generated TIMELINE_ADMIN_PASSWORD in the data directory's secrets.properties"
                        : "TIMELINE_ADMIN_PASSWORD");
    }
}
