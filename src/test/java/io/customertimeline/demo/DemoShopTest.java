package io.customertimeline.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.customertimeline.ingest.EventType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoShopTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-06-01T08:00:00Z"), ZoneOffset.UTC);
    private final List<DemoShop.Event> events = DemoShop.generate(clock, DemoData.CUSTOMERS, 27L);

    @Test
    void aShopOfAtLeast200PeopleAnd5000InteractionsOver18MonthsInEverySource() {
        assertThat(events).hasSizeGreaterThanOrEqualTo(5000);
        assertThat(DemoShop.countBySource(events).keySet()).containsExactlyInAnyOrder(EventType.values());
        Set<String> people = events.stream().filter(e -> e.type() == EventType.ORDER)
                .map(e -> e.data().path("customer_id").asString()).collect(Collectors.toSet());
        assertThat(people).hasSizeGreaterThanOrEqualTo(200);
        Instant first = events.get(0).at();
        Instant last = events.get(events.size() - 1).at();
        assertThat(Duration.between(first, last).toDays()).isBetween(480L, 548L);
        assertThat(last).isBeforeOrEqualTo(clock.instant());
    }

    @Test
    void hasRefundsComplaintsPraiseAndChannelsThatOnlyKnowPartOfThePerson() {
        assertThat(events).anyMatch(e -> e.type() == EventType.ORDER && e.data().path("order_status").asString().equals("Refunded"));
        assertThat(events).anyMatch(e -> e.data().path("sentiment").asString().equals("negative"));
        assertThat(events).anyMatch(e -> e.data().path("sentiment").asString().equals("positive"));
        assertThat(events).anyMatch(e -> e.type() == EventType.CALL && !e.data().has("customer_email"));
        assertThat(events).anyMatch(e -> e.type() == EventType.SOCIAL && !e.data().has("customer_email"));
        assertThat(events).anyMatch(e -> e.type() == EventType.SOCIAL && e.data().path("requires_response").asBoolean());
    }

    @Test
    void demoDataIsOnForSpringBootRunOnTheEmbeddedDatabaseOnlyUnlessSaidOtherwise() {
        assertThat(DemoData.enabled("", true, "")).isTrue();
        assertThat(DemoData.enabled("", true, "postgresql://db/shop")).isFalse();
        assertThat(DemoData.enabled("", false, "")).isFalse();
        assertThat(DemoData.enabled("false", true, "")).isFalse();
        assertThat(DemoData.enabled("true", false, "postgresql://db/shop")).isTrue();
    }

    @Test
    void theSameSeedGivesTheSameShop() {
        assertThat(DemoShop.generate(clock, 20, 5L).toString()).isEqualTo(DemoShop.generate(clock, 20, 5L).toString());
    }
}
