package io.customertimeline.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.customertimeline.system.BadSetting;
import io.customertimeline.system.TimelineProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** A default region libphonenumber does not know stops the start with a message naming the variable. */
class DefaultRegionTest {

    private static IdentifierParser parser(String region) {
        return new IdentifierParser(new Binder(new MapConfigurationPropertySource(Map.of("timeline.default-region", region)))
                .bindOrCreate("timeline", TimelineProperties.class));
    }

    @Test
    void anUnknownRegionIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> parser("XX"))
                .isInstanceOf(BadSetting.class)
                .hasMessage("TIMELINE_DEFAULT_REGION must be a two-letter region code such as ZA, GB or US, not 'XX'");
    }

    @Test
    void aKnownRegionInLowerCaseIsTaken() {
        assertThat(parser("gb").callingCode()).isEqualTo(44);
    }
}
