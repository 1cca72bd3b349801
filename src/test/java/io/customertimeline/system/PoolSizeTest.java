package io.customertimeline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The pool follows the cores unless the operator says otherwise, and refuses nonsense at start-up. */
class PoolSizeTest {

    private static TimelineProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("timeline", TimelineProperties.class);
    }

    @Test
    void fourConnectionsPerCoreByDefault() {
        assertThat(bind(Map.of()).poolSize()).isEqualTo(4 * Runtime.getRuntime().availableProcessors());
    }

    @Test
    void theOperatorsSettingWins() {
        assertThat(bind(Map.of("timeline.db-pool-size", "12")).poolSize()).isEqualTo(12);
    }

    @Test
    void lessThanOneConnectionIsRefused() {
        assertThatThrownBy(() -> bind(Map.of("timeline.db-pool-size", "0")))
                .hasStackTraceContaining("TIMELINE_DB_POOL_SIZE must be at least 1");
    }
}
