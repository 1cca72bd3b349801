package io.customertimeline.insights;

import static io.customertimeline.TestApp.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.customertimeline.Events;
import io.customertimeline.TestApp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InsightsTest {

    private final TestApp app = TestApp.get();
    private final Insights insights = app.bean(Insights.class);

    private void inbound(String customer, Instant at) {
        app.sync("sync_email_thread", Events.email(unique("in_"), customer).with("created_at", at.toString()).json());
    }

    private void reply(String customer, Instant at) {
        app.sync("sync_email_thread", Events.email(unique("out_"), "support@shop.co.za").with("direction", "outbound")
                .with("to_email", customer).with("created_at", at.toString()).json());
    }

    private UUID id(String customer) {
        return UUID.fromString(app.get("/api/timeline?action=profile&customerId=" + customer).json().path("id").asString());
    }

    @Test
    void responseTimeIsTheDelayToOurNextOutboundContact() {
        String customer = unique("rt") + "@example.co.za";
        Instant t = Instant.now().minus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        inbound(customer, t);
        reply(customer, t.plus(1, ChronoUnit.HOURS));
        inbound(customer, t.plus(1, ChronoUnit.DAYS));
        reply(customer, t.plus(1, ChronoUnit.DAYS).plus(3, ChronoUnit.HOURS));
        inbound(customer, t.plus(2, ChronoUnit.DAYS)); // still waiting

        Insights.ResponseTime rt = insights.responseTime(id(customer));
        assertThat(rt.answered()).isEqualTo(2);
        assertThat(rt.unanswered()).isEqualTo(1);
        assertThat(rt.average()).isEqualTo(Duration.ofHours(2));
        assertThat(rt.median()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void responseTimeIsHowWeAnswerNowNotOverAWholeHistory() {
        String customer = unique("rtrecent") + "@example.co.za";
        Instant t = Instant.now().minus(300, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        inbound(customer, t);
        reply(customer, t.plus(1, ChronoUnit.HOURS));
        for (int i = 0; i < Insights.RESPONSE_TIME_OVER; i++) {
            inbound(customer, t.plus(1, ChronoUnit.DAYS).plus(i, ChronoUnit.HOURS));
        }

        Insights.ResponseTime rt = insights.responseTime(id(customer));
        assertThat(rt.answered()).as("the one answered message is older than the latest %d", Insights.RESPONSE_TIME_OVER)
                .isZero();
        assertThat(rt.unanswered()).isEqualTo(Insights.RESPONSE_TIME_OVER);
        assertThat(rt.known()).isFalse();
    }

    @Test
    void frequencyCountsEveryPeriodIncludingEmptyOnes() {
        String customer = unique("freq") + "@example.co.za";
        Instant now = Instant.now();
        inbound(customer, now.minus(1, ChronoUnit.MINUTES));
        inbound(customer, now.minus(2, ChronoUnit.MINUTES));

        var weeks = insights.frequency(id(customer), "week", 26);
        assertThat(weeks).hasSize(26);
        assertThat(weeks.stream().mapToLong(Insights.Bucket::count).sum()).isEqualTo(2);
        assertThat(weeks.get(weeks.size() - 1).count()).isEqualTo(2);
    }
}
