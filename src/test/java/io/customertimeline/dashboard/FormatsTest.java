package io.customertimeline.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.customertimeline.TestApp;
import io.customertimeline.timeline.CustomerLists.Reason;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class FormatsTest {

    private final Formats fmt = TestApp.get().bean(Formats.class);

    @Test
    void aReasonSaysHowManyAndSinceWhenInTheShopsTime() {
        var since = OffsetDateTime.parse("2026-11-25T11:03:00Z");
        assertThat(fmt.reason(new Reason("email_unanswered", "Email waiting for a reply", 1, since)))
                .isEqualTo("Email waiting for a reply · since 25 Nov 2026, 13:03");
        assertThat(fmt.reason(new Reason("task_overdue", "Overdue task: Call back", 6, since)))
                .isEqualTo("Overdue task: Call back (+5 more) · since 25 Nov 2026, 13:03");
    }

    @Test
    void statusesAndDirectionsAreInStaffsWordsNotCodes() {
        assertThat(fmt.statusLabel("no_answer")).isEqualTo("No answer");
        assertThat(fmt.statusLabel("quote_sent")).isEqualTo("Quote sent");
        assertThat(fmt.statusLabel("Complete")).isEqualTo("Complete");
        assertThat(fmt.statusLabel("classified")).isNull(); // the mail pipeline's bookkeeping
        assertThat(fmt.directionLabel("order", "inbound")).isNull();
        assertThat(fmt.directionLabel("email", "outbound")).isEqualTo("To customer");
        assertThat(fmt.directionLabel("call", "inbound")).isEqualTo("From customer");
    }

    @Test
    void amountsFromSourceRecordsAreWrittenLikeEveryOtherAmount() {
        assertThat(Formats.moneyText("39999", "ZAR")).isEqualTo(fmt.money(new java.math.BigDecimal("39999"), "ZAR")).isEqualTo("R39,999.00");
        assertThat(Formats.moneyText("59998.0", "USD")).isEqualTo("USD 59,998.00");
        assertThat(Formats.moneyText("on request", "ZAR")).isEqualTo("on request");
        assertThat(Formats.moneyText("1e999999999", "ZAR")).isEqualTo("1e999999999"); // not a billion digits
    }

    @Test
    void sentimentReasonsDoNotQuoteAScoreThatLooksLikeTheOppositeOfTheirWords() {
        assertThat(fmt.reason(new Reason("sentiment_declining", "Sentiment is declining (score 0.252)", 1, null)))
                .isEqualTo("Mood getting worse lately");
        assertThat(fmt.reason(new Reason("negative_latest", "Latest interaction was negative", 1, null)))
                .isEqualTo("Last message was negative");
    }
}
