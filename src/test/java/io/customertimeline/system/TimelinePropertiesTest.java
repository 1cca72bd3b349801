package io.customertimeline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.assertj.core.util.Throwables;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Settings that would quietly break the service are refused at start-up, naming the variable and what is allowed. */
class TimelinePropertiesTest {

    private static TimelineProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("timeline", TimelineProperties.class);
    }

    @Test
    void defaultsAreAccepted() {
        TimelineProperties props = bind(Map.of());
        assertThat(props.currency()).isEqualTo("ZAR");
        assertThat(props.valuedOrderStatuses()).contains("Complete", "Canceled Reversal");
    }

    @Test
    void lowerCaseCurrencyCountsAsTheCode() {
        assertThat(bind(Map.of("timeline.currency", " zar ")).currency()).isEqualTo("ZAR");
    }

    @Test
    void currencyThatIsNotThreeLettersIsRefused() {
        assertThatThrownBy(() -> bind(Map.of("timeline.currency", "RAND")))
                .hasStackTraceContaining("TIMELINE_CURRENCY must be a three-letter ISO 4217 code such as ZAR, not 'RAND'");
        assertThatThrownBy(() -> bind(Map.of("timeline.currency", "R$1"))).hasStackTraceContaining("TIMELINE_CURRENCY");
    }

    @Test
    void bodySizeOfZeroOrLessIsRefused() {
        assertThatThrownBy(() -> bind(Map.of("timeline.max-body-size", "0")))
                .hasStackTraceContaining("TIMELINE_MAX_BODY_SIZE must be more than 0, not 0B");
        assertThatThrownBy(() -> bind(Map.of("timeline.max-body-size", "-1MB"))).hasStackTraceContaining("TIMELINE_MAX_BODY_SIZE");
    }

    @Test
    void negativeVipLtvIsRefused() {
        assertThatThrownBy(() -> bind(Map.of("timeline.vip-ltv", "-1")))
                .hasStackTraceContaining("TIMELINE_VIP_LTV must be 0 or more, not -1");
        assertThat(bind(Map.of("timeline.vip-ltv", "0")).vipLtv()).isZero();
    }

    @Test
    void inactiveAfterOfZeroOrLessIsRefused() {
        assertThatThrownBy(() -> bind(Map.of("timeline.inactive-after", "0s")))
                .hasStackTraceContaining("TIMELINE_INACTIVE_AFTER must be longer than 0, not PT0S");
        assertThatThrownBy(() -> bind(Map.of("timeline.inactive-after", "-3d"))).hasStackTraceContaining("TIMELINE_INACTIVE_AFTER");
    }

    @Test
    void emptyValuedOrderStatusesAreRefused() {
        assertThatThrownBy(() -> bind(Map.of("timeline.valued-order-statuses", "")))
                .hasStackTraceContaining("TIMELINE_VALUED_ORDER_STATUSES must name at least one order status");
        assertThatThrownBy(() -> bind(Map.of("timeline.valued-order-statuses", " , ")))
                .hasStackTraceContaining("TIMELINE_VALUED_ORDER_STATUSES");
        assertThat(bind(Map.of("timeline.valued-order-statuses", "Paid, Shipped")).valuedOrderStatuses())
                .containsExactly("Paid", "Shipped");
    }

    @Test
    void shortApiKeyIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> bind(Map.of("timeline.api-key", "tl_short")))
                .hasStackTraceContaining("TIMELINE_API_KEY must be at least 16 characters, not 8")
                .satisfies(e -> assertThat(Throwables.getStackTrace(e)).doesNotContain("tl_short"));
        assertThat(bind(Map.of("timeline.api-key", "0123456789abcdef")).apiKey()).hasSize(16);
        assertThat(bind(Map.of("timeline.api-key", "")).apiKey()).as("blank: generated later").isEmpty();
    }
}
