package io.customertimeline.connectors;

import java.time.Duration;

/**
 * A pull connector as configured: its source (absent when it is off or misconfigured), how often
 * it runs, and what it reads from, with credentials masked.
 *
 * @param problem why it is off: "not configured: set OPENCART_DB_URL", or the configuration error
 */
public record Connector(String name, PullSource source, Duration interval, String target, String problem) {

    public static Connector on(PullSource source, Duration interval, String target) {
        return new Connector(source.name(), source, interval, target, null);
    }

    public static Connector off(String name, Duration interval, String problem) {
        return new Connector(name, null, interval, null, problem);
    }

    public boolean enabled() {
        return source != null;
    }
}
