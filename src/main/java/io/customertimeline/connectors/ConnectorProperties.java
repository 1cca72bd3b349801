package io.customertimeline.connectors;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often connectors run ({@code TIMELINE_CONNECTORS_*}). A connector is on when its source is
 * configured ({@code OPENCART_DB_URL}, {@code TIMELINE_IMAP_URL}, {@code AUDICO_CHAT_QUOTE_SUPABASE_URL}).
 *
 * @param scheduling     run connectors on their intervals ({@code false}: only on "run now")
 * @param startDelay     wait after start-up before the first runs
 * @param maxBackoff     longest wait after failures in a row (the wait doubles per failure from the interval)
 * @param opencartLookback how far before its watermark each OpenCart pull starts again (0: not at all)
 * @param quotechatLookback how far before its watermark each quote chat pull starts again (0: not at all)
 */
@ConfigurationProperties("timeline.connectors")
public record ConnectorProperties(
        @DefaultValue("true") boolean scheduling,
        @DefaultValue("30s") Duration startDelay,
        @DefaultValue("1h") Duration maxBackoff,
        @DefaultValue("15m") Duration opencartInterval,
        @DefaultValue("5m") Duration imapInterval,
        @DefaultValue("5m") Duration quotechatInterval,
        @DefaultValue("2m") Duration opencartLookback,
        @DefaultValue("2m") Duration quotechatLookback) {

    /**
     * The shortest interval. A zero interval made every run follow the last at once (and backing off
     * doubled nothing): 1,392 requests to a source in 20 s; a negative one failed every run.
     */
    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    public ConnectorProperties {
        atLeast(MIN_INTERVAL, "1s", opencartInterval, "TIMELINE_CONNECTORS_OPENCART_INTERVAL");
        atLeast(MIN_INTERVAL, "1s", imapInterval, "TIMELINE_CONNECTORS_IMAP_INTERVAL");
        atLeast(MIN_INTERVAL, "1s", quotechatInterval, "TIMELINE_CONNECTORS_QUOTECHAT_INTERVAL");
        // a negative lookback would start each pull after its watermark and skip what changed in between
        atLeast(Duration.ZERO, "0s", opencartLookback, "TIMELINE_CONNECTORS_OPENCART_LOOKBACK");
        atLeast(Duration.ZERO, "0s", quotechatLookback, "TIMELINE_CONNECTORS_QUOTECHAT_LOOKBACK");
        atLeast(Duration.ZERO, "0s", startDelay, "TIMELINE_CONNECTORS_START_DELAY");
        atLeast(Duration.ZERO, "0s", maxBackoff, "TIMELINE_CONNECTORS_MAX_BACKOFF");
    }

    private static void atLeast(Duration min, String shown, Duration value, String variable) {
        if (value.compareTo(min) < 0) {
            throw new IllegalArgumentException(variable + " must be at least " + shown + ", not " + value);
        }
    }
}
