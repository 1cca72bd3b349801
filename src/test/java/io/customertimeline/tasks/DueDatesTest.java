package io.customertimeline.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DueDatesTest {

    static final ZoneId JOBURG = ZoneId.of("Africa/Johannesburg");
    /** Wednesday 15 January 2025, 12:00 in Johannesburg. */
    static final Instant WEDNESDAY_NOON = LocalDateTime.parse("2025-01-15T12:00").atZone(JOBURG).toInstant();

    final DueDates dueDates = new DueDates(JOBURG, LocalTime.of(17, 0), 1);

    static String local(Instant instant) {
        return instant.atZone(JOBURG).toLocalDateTime().toString();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "I'll call you back tomorrow.                         | 2025-01-16T17:00 | tomorrow",
            "Call me tomorrow morning please                      | 2025-01-16T12:00 | tomorrow morning",
            "We'll sort it out today                              | 2025-01-15T17:00 | today",
            "You'll have it by end of day                         | 2025-01-15T17:00 | end of day",
            "I'll send it by close of business                    | 2025-01-15T17:00 | close of business",
            "Please call me back this afternoon                   | 2025-01-15T17:00 | this afternoon",
            "I need it ASAP                                       | 2025-01-15T17:00 | ASAP",
            "I'll email you a quote by Friday.                    | 2025-01-17T17:00 | by Friday",
            "The technician can come on Monday                    | 2025-01-20T17:00 | on Monday",
            "Expect a call on Wednesday                           | 2025-01-22T17:00 | on Wednesday",
            "We'll deliver next Monday                            | 2025-01-20T17:00 | next Monday",
            "We'll deliver next Friday                            | 2025-01-24T17:00 | next Friday",
            "I'll get back to you next week                       | 2025-01-24T17:00 | next week",
            "You'll have it by the end of the week                | 2025-01-17T17:00 | the end of the week",
            "I'll get back to you in 2 days                       | 2025-01-17T17:00 | in 2 days",
            "I'll get back to you in two days                     | 2025-01-17T17:00 | in two days",
            "We'll confirm within 3 business days                 | 2025-01-20T17:00 | within 3 business days",
            "Someone will call you in a couple of days            | 2025-01-17T17:00 | in a couple of days",
            "I'll call you within 24 hours                         | 2025-01-16T12:00 | within 24 hours",
            "I'll phone you in an hour                            | 2025-01-15T13:00 | in an hour",
            "We'll follow up in a week                            | 2025-01-22T17:00 | in a week",
            "The stock arrives on the 3rd of February             | 2025-02-03T17:00 | 3rd of February",
            "Can we do March 7?                                   | 2025-03-07T17:00 | March 7",
            "The sale ended 10 January, we'll call you            | 2026-01-10T17:00 | 10 January",
            "The day after tomorrow works                         | 2025-01-17T17:00 | The day after tomorrow",
            "We'll call tomorrow, or Friday at the latest         | 2025-01-16T17:00 | tomorrow",
            "It broke last Friday, please call me on Monday       | 2025-01-20T17:00 | on Monday",
            "By the end of the month                              | 2025-01-31T17:00 | the end of the month",
    })
    void spokenDueDatesResolveInTheShopsZone(String text, String expected, String phrase) {
        Optional<DueDates.Due> due = dueDates.find(text, WEDNESDAY_NOON);

        assertThat(due).isPresent();
        assertThat(local(due.get().at())).isEqualTo(expected);
        assertThat(due.get().phrase()).isEqualToIgnoringCase(phrase);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Thanks, that's all.", "It arrived last Friday", "I've been waiting two weeks",
            "The order from last week", "", "   "})
    void textWithoutAFutureDateHasNoDueDate(String text) {
        assertThat(dueDates.find(text, WEDNESDAY_NOON)).isEmpty();
    }

    @Test
    void todayAfterHoursIsDueBeforeMidnight() {
        Instant evening = LocalDateTime.parse("2025-01-15T18:30").atZone(JOBURG).toInstant();

        assertThat(local(dueDates.find("I'll send it tonight", evening).orElseThrow().at()))
                .isEqualTo("2025-01-15T23:59");
    }

    @Test
    void callsLateInTheUtcDayUseTheShopsCalendarDay() {
        Instant utcEvening = Instant.parse("2025-01-15T22:30:00Z"); // already Thursday 00:30 in Johannesburg

        assertThat(local(dueDates.find("call me tomorrow", utcEvening).orElseThrow().at()))
                .isEqualTo("2025-01-17T17:00");
    }

    @ParameterizedTest(name = "{0} + 1 business day -> {1}")
    @CsvSource({
            "2025-01-15T12:00, 2025-01-16T17:00",
            "2025-01-17T12:00, 2025-01-20T17:00",
            "2025-01-18T09:00, 2025-01-20T17:00",
            "2025-01-19T09:00, 2025-01-20T17:00",
    })
    void defaultIsOneBusinessDayLater(String eventAt, String expected) {
        Instant at = LocalDateTime.parse(eventAt).atZone(JOBURG).toInstant();

        assertThat(local(dueDates.byDefault(at))).isEqualTo(expected);
    }

    @Test
    void defaultOfZeroBusinessDaysIsTheSameWorkingDay() {
        DueDates sameDay = new DueDates(JOBURG, LocalTime.of(16, 30), 0);

        assertThat(local(sameDay.byDefault(WEDNESDAY_NOON))).isEqualTo("2025-01-15T16:30");
    }
}
