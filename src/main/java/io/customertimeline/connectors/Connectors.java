package io.customertimeline.connectors;

import io.customertimeline.connectors.mail.ImapReader;
import io.customertimeline.connectors.mail.ImapSettings;
import io.customertimeline.connectors.opencart.OpenCartReader;
import io.customertimeline.connectors.opencart.OpenCartSettings;
import io.customertimeline.connectors.quotechat.QuoteChatReader;
import io.customertimeline.connectors.quotechat.QuoteChatSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The connectors of this service, read from the environment at start-up. A connector whose
 * settings are wrong is reported as off with the reason; it never stops the service.
 */
@Component
public class Connectors {

    private static final Logger log = LoggerFactory.getLogger(Connectors.class);
    static final List<String> NAMES = List.of("opencart", "imap", "quotechat");

    private final Map<String, Connector> connectors = new ConcurrentHashMap<>();

    Connectors(Environment environment, ConnectorProperties props, Clock clock, JdbcClient jdbc) {
        Function<String, String> env = environment::getProperty;
        add("opencart", props.opencartInterval(), "OPENCART_DB_URL", () -> OpenCartSettings.fromEnvironment(env)
                .map(s -> Connector.on(new OpenCartReader(s, props.opencartLookback()), props.opencartInterval(), s.displayUrl())));
        add("imap", props.imapInterval(), "TIMELINE_IMAP_URL", () -> ImapSettings.fromEnvironment(env)
                .map(s -> Connector.on(new ImapReader(s, clock, ImapReader.storedThreads(jdbc)), props.imapInterval(), s.displayUrl())));
        add("quotechat", props.quotechatInterval(), "AUDICO_CHAT_QUOTE_SUPABASE_URL", () -> QuoteChatSettings.fromEnvironment(env)
                .map(s -> Connector.on(new QuoteChatReader(s, props.quotechatLookback()), props.quotechatInterval(), s.restUrl() + s.table())));
    }

    private void add(String name, Duration interval, String variable, Supplier<Optional<Connector>> configured) {
        Connector c;
        try {
            c = configured.get().orElse(Connector.off(name, interval, "not configured: set " + variable));
            if (c.enabled()) {
                log.info("Connector {} reads {} every {}", name, c.target(), interval);
            }
        } catch (RuntimeException e) {
            c = Connector.off(name, interval, "misconfigured: " + e.getMessage());
            log.error("Connector {} is off: {}", name, c.problem());
        }
        connectors.put(name, c);
    }

    /** Replaces a connector (tests, and an admin page that edits settings later). */
    public void register(Connector connector) {
        connectors.put(connector.name(), connector);
    }

    public Optional<Connector> get(String name) {
        return Optional.ofNullable(connectors.get(name));
    }

    public List<Connector> all() {
        List<Connector> all = new ArrayList<>();
        NAMES.forEach(n -> all.add(connectors.get(n)));
        connectors.keySet().stream().filter(n -> !NAMES.contains(n)).sorted().forEach(n -> all.add(connectors.get(n)));
        return all;
    }
}
