package io.customertimeline.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.customertimeline.system.BadSetting;
import org.junit.jupiter.api.Test;

/** TIMELINE_DEMO_DATA is true, false or unset; anything else stops the start instead of quietly meaning false. */
class DemoDataSwitchTest {

    @Test
    void trueOrFalseDecides() {
        assertThat(DemoData.enabled("true", false, "postgresql://db/shop")).isTrue();
        assertThat(DemoData.enabled(" FALSE ", true, "")).isFalse();
    }

    @Test
    void unsetLoadsOnlyUnderSpringBootRunOnTheEmbeddedDatabase() {
        assertThat(DemoData.enabled("", true, "")).isTrue();
        assertThat(DemoData.enabled(null, true, "postgresql://db/shop")).isFalse();
        assertThat(DemoData.enabled(null, false, null)).isFalse();
    }

    @Test
    void anythingElseIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> DemoData.enabled("maybe", false, ""))
                .isInstanceOf(BadSetting.class)
                .hasMessage("TIMELINE_DEMO_DATA must be true or false (or unset), not 'maybe'");
    }
}
