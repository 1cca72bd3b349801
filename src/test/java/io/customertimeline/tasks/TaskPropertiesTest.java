package io.customertimeline.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class TaskPropertiesTest {

    static TaskProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("timeline.tasks", Bindable.of(TaskProperties.class));
    }

    @Test
    void defaultsAreFivePmAndOneBusinessDayInTheShopsZone() {
        assertThat(bind(Map.of()).inZone(ZoneId.of("Africa/Johannesburg"))).isEqualTo(TaskProperties.defaults());
        assertThat(bind(Map.of("timeline.tasks.zone", "Europe/London")).inZone(ZoneId.of("Africa/Johannesburg")).zone())
                .isEqualTo(ZoneId.of("Europe/London"));
    }

    @Test
    void everySettingCanBeChanged() {
        TaskProperties props = bind(Map.of(
                "timeline.tasks.zone", "Europe/London",
                "timeline.tasks.day-end", "16:30",
                "timeline.tasks.default-business-days", "2",
                "timeline.tasks.email-response-within", "4h",
                "timeline.tasks.social-response-within", "90m"));

        assertThat(props).isEqualTo(new TaskProperties(ZoneId.of("Europe/London"), LocalTime.of(16, 30), 2,
                Duration.ofHours(4), Duration.ofMinutes(90)));
    }
}
