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
 * @param opencartLookback how far before its watermark each OpenCart pull starts again
 * @param quotechatLookback how far before its watermark each quote chat pull starts again
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
}
