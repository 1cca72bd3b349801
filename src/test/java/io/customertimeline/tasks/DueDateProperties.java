package io.customertimeline.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A task is never born overdue: every due date lies after the moment it was said. */
class DueDateProperties {

    final DueDates dueDates = new DueDates(ZoneId.of("Africa/Johannesburg"), LocalTime.of(17, 0), 1);

    @Provide
    Arbitrary<Instant> moments() {
        return Arbitraries.longs().between(Instant.parse("2024-01-01T00:00:00Z").getEpochSecond(),
                Instant.parse("2027-12-31T23:59:59Z").getEpochSecond()).map(Instant::ofEpochSecond);
    }

    @Provide
    Arbitrary<String> phrases() {
        return Arbitraries.of("today", "tonight", "end of day", "tomorrow", "tomorrow morning", "by Friday",
                "on Monday", "next Sunday", "next week", "this week", "the end of the month", "in 2 days",
                "within 3 business days", "in an hour", "within 24 hours", "on the 1st of March", "December 31",
                "29 February", "next month", "asap");
    }

    @Property(tries = 3000)
    void spokenDueDatesAreInTheFuture(@ForAll("phrases") String phrase, @ForAll("moments") Instant saidAt) {
        dueDates.find("We'll do it " + phrase + ".", saidAt)
                .ifPresent(due -> assertThat(due.at()).isAfter(saidAt));
    }

    @Property(tries = 1000)
    void defaultDueDateIsInTheFuture(@ForAll("moments") Instant eventAt) {
        assertThat(dueDates.byDefault(eventAt)).isAfter(eventAt);
    }
}
