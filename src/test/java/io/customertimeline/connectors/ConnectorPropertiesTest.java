package io.customertimeline.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Intervals and lookbacks that would hammer a source or skip its changes are refused at start-up. */
class ConnectorPropertiesTest {

    private static ConnectorProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("timeline.connectors", ConnectorProperties.class);
    }

    @Test
    void defaultsAreAccepted() {
        assertThat(bind(Map.of()).opencartInterval()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void zeroOrNegativeIntervalIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> bind(Map.of("timeline.connectors.opencart-interval", "0s")))
                .hasStackTraceContaining("TIMELINE_CONNECTORS_OPENCART_INTERVAL must be at least 1s, not PT0S");
        assertThatThrownBy(() -> bind(Map.of("timeline.connectors.imap-interval", "-5m")))
                .hasStackTraceContaining("TIMELINE_CONNECTORS_IMAP_INTERVAL must be at least 1s, not PT-5M");
        assertThatThrownBy(() -> bind(Map.of("timeline.connectors.quotechat-interval", "500ms")))
                .hasStackTraceContaining("TIMELINE_CONNECTORS_QUOTECHAT_INTERVAL must be at least 1s");
        assertThat(bind(Map.of("timeline.connectors.imap-interval", "1s")).imapInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void zeroLookbackMeansNoneButANegativeOneIsRefused() {
        assertThat(bind(Map.of("timeline.connectors.opencart-lookback", "0s")).opencartLookback()).isZero();
        assertThatThrownBy(() -> bind(Map.of("timeline.connectors.opencart-lookback", "-2m")))
                .hasStackTraceContaining("TIMELINE_CONNECTORS_OPENCART_LOOKBACK must be at least 0s, not PT-2M");
        assertThatThrownBy(() -> bind(Map.of("timeline.connectors.quotechat-lookback", "-1s")))
                .hasStackTraceContaining("TIMELINE_CONNECTORS_QUOTECHAT_LOOKBACK must be at least 0s");
    }

    @Test
    void negativeStartDelayOrBackoffIsRefused() {
        assertThatThrownBy(() -> bind(Map.of("timeline.connectors.start-delay", "-1s")))
                .hasStackTraceContaining("TIMELINE_CONNECTORS_START_DELAY must be at least 0s");
        assertThatThrownBy(() -> bind(Map.of("timeline.connectors.max-backoff", "-1h")))
                .hasStackTraceContaining("TIMELINE_CONNECTORS_MAX_BACKOFF must be at least 0s");
    }
}
