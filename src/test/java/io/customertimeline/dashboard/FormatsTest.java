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
    void sentimentReasonsDoNotQuoteAScoreThatLooksLikeTheOppositeOfTheirWords() {
        assertThat(fmt.reason(new Reason("sentiment_declining", "Sentiment is declining (score 0.252)", 1, null)))
                .isEqualTo("Mood getting worse lately");
        assertThat(fmt.reason(new Reason("negative_latest", "Latest interaction was negative", 1, null)))
                .isEqualTo("Last message was negative");
    }
}
