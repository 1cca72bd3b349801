package io.customertimeline.tasks;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code timeline.tasks.*} ({@code TIMELINE_TASKS_DAY_END} ...): the end of the working day that
 * spoken due dates resolve to, the default due date in business days, and how soon an email or
 * social post must be answered. The zone is the shop's ({@code TIMELINE_TIMEZONE}) unless
 * {@code TIMELINE_TASKS_ZONE} says otherwise.
 */
@ConfigurationProperties("timeline.tasks")
public record TaskProperties(
        ZoneId zone,
        @DefaultValue("17:00") LocalTime dayEnd,
        @DefaultValue("1") int defaultBusinessDays,
        @DefaultValue("24h") Duration emailResponseWithin,
        @DefaultValue("48h") Duration socialResponseWithin) {

    public TaskProperties {
        if (defaultBusinessDays < 0) {
            throw new IllegalArgumentException("timeline.tasks.default-business-days must not be negative");
        }
    }

    /** These settings with {@code zone} filled in from the shop's zone when not set. */
    public TaskProperties inZone(ZoneId shopZone) {
        return zone != null ? this : new TaskProperties(shopZone, dayEnd, defaultBusinessDays, emailResponseWithin,
                socialResponseWithin);
    }

    public static TaskProperties defaults() {
        return new TaskProperties(ZoneId.of("Africa/Johannesburg"), LocalTime.of(17, 0), 1,
                Duration.ofHours(24), Duration.ofHours(48));
    }
}
