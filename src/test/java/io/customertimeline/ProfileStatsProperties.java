package io.customertimeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.customertimeline.ingest.EventType;
import io.customertimeline.ingest.Ingest;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rules that must always hold: incrementally kept statistics equal a from-scratch
 * recompute, whatever the events (repeats, status changes, merges) and their order; and the
 * grouping into people does not depend on the order events arrive in.
 */
class ProfileStatsProperties {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> STATUSES = List.of("Pending", "Processing", "Complete", "Refunded", "Canceled", "Shipped");
    private static final List<String> SENTIMENTS = List.of("positive", "neutral", "negative");
    private final TestApp app = TestApp.get();

    /** An abstract event over small pools, so identities collide and records repeat. */
    record Step(int kind, int key, int email, int phone, int status, int cents, int sentiment, int day) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(-1, 3), Arbitraries.integers().between(-1, 2),
                Arbitraries.integers().between(0, STATUSES.size() - 1), Arbitraries.integers().between(1, 500_000),
                Arbitraries.integers().between(-1, 2), Arbitraries.integers().between(1, 28))
                .as((kind, key, email, phone, status, cents, sentiment, day) ->
                        new Step(kind, key, email, phone, status, cents, sentiment, day));
        return step.list().ofMinSize(1).ofMaxSize(25);
    }

    @Property(tries = 40)
    void incrementalStatisticsEqualARecompute(@ForAll("steps") List<Step> steps) {
        String ns = TestApp.unique("p");
        List<Step> withRepeats = new ArrayList<>(steps);
        withRepeats.addAll(steps.subList(0, steps.size() / 2));
        for (Step s : withRepeats) {
            send(ns, s);
        }
        for (UUID profile : liveProfiles(ns)) {
            assertARecomputeAgrees(profile);
            // search finds each person by the words of their current name and company, at their current value
            assertThat(termsOf(profile, "SELECT customer_id, term, lifetime_value FROM customer_search_terms"))
                    .isEqualTo(termsOf(profile, """
                            SELECT p.id AS customer_id, t AS term, p.lifetime_value
                            FROM customer_profiles p, customer_search_terms_of(p.name, p.company) t WHERE p.merged_into IS NULL
                            """));
            // and by text inside their current name or company
            assertThat(app.jdbc().sql("SELECT concat_ws(' / ', name, company) FROM customer_search_names WHERE customer_id = :id")
                    .param("id", profile).query(String.class).optional())
                    .isEqualTo(app.jdbc().sql("""
                            SELECT concat_ws(' / ', name, company) FROM customer_profiles
                            WHERE id = :id AND (name IS NOT NULL OR company IS NOT NULL)
                            """).param("id", profile).query(String.class).optional());
        }
        assertThat(app.jdbc().sql("""
                SELECT count(*) FROM customer_search_terms t JOIN customer_profiles p ON p.id = t.customer_id
                WHERE p.merged_into IS NOT NULL
                """).query(Long.class).single()).as("search terms of merged profiles").isZero();
        assertThat(app.jdbc().sql("""
                SELECT count(*) FROM customer_search_names n JOIN customer_profiles p ON p.id = n.customer_id
                WHERE p.merged_into IS NOT NULL
                """).query(Long.class).single()).as("search names of merged profiles").isZero();
    }

    /**
     * Live events mostly arrive newer than everything the customer has, and then the attention
     * facts move without probing history: each such arrival must leave what a recompute gives.
     */
    @Example
    void entriesNewerThanAllOthersMoveTheAttentionFactsAsARecomputeWould() {
        String ns = TestApp.unique("n");
        Step waitingPost = new Step(1, 1, 0, -1, 0, 2, 2, 1);
        Step inboundEmail = new Step(3, 2, 0, -1, 0, 1, 2, 2);
        Step quoteSent = new Step(2, 3, 0, -1, 1, 5_000, -1, 3);
        Step reply = new Step(3, 4, 0, -1, 0, 3, -1, 4);
        Step order = new Step(0, 5, 0, -1, 2, 12_000, -1, 5);
        Step laterPost = new Step(1, 6, 0, -1, 0, 4, 0, 6);
        Step anotherPost = new Step(1, 7, 0, -1, 0, 6, 1, 7);
        Step anotherEmail = new Step(3, 8, 0, -1, 0, 1, 1, 8);
        Step yetAnotherEmail = new Step(3, 9, 0, -1, 0, 1, 1, 9);
        Step anotherQuote = new Step(2, 10, 0, -1, 1, 7_000, -1, 10);
        Step yetAnotherQuote = new Step(2, 11, 0, -1, 1, 8_000, -1, 11);
        String[] expected = {
                "null null 01 null negative", // a post waiting for an answer
                "null 02 01 null negative", // an email waiting beside it
                "null 02 01 03 null", // a quote sent, no order after it
                "04 null null 03 null", // our reply answers the email and the post
                "04 null null null null", // an order closes the quote
                "04 null 06 null positive", // a new post waits again
                "04 null 06 null neutral", // the oldest waiting post stays the oldest
                "04 08 06 null neutral",
                "04 08 06 null neutral", // and the oldest waiting email
                "04 08 06 10 null",
                "04 08 06 10 null", // and the oldest open quote
        };
        List<Step> steps = List.of(waitingPost, inboundEmail, quoteSent, reply, order, laterPost, anotherPost, anotherEmail,
                yetAnotherEmail, anotherQuote, yetAnotherQuote);
        for (int i = 0; i < steps.size(); i++) {
            send(ns, steps.get(i));
            List<UUID> profiles = liveProfiles(ns);
            assertThat(profiles).hasSize(1);
            UUID profile = profiles.get(0);
            Map<String, Object> s = stats(profile);
            assertThat(Stream.of("last_outbound_at", "oldest_unanswered_email_at", "oldest_unanswered_social_at",
                            "oldest_open_quote_at", "last_sentiment")
                    .map(c -> s.get(c) instanceof Timestamp t ? "%02d".formatted(t.toInstant().atZone(ZoneOffset.UTC).getDayOfMonth())
                            : String.valueOf(s.get(c)))
                    .collect(Collectors.joining(" "))).as("after step %d", i + 1).isEqualTo(expected[i].replaceAll(" *//.*", ""));
            assertARecomputeAgrees(profile);
        }
    }

    /**
     * The trend of scored entries that each arrive newest (the profile's ten latest scores move
     * without a probe), then of late ones: inside the ten, as the tenth, older than all ten, at the
     * same time as one of them, and after the scores were lost. Always what a recompute gives.
     */
    @Example
    void theTrendTurnsAsScoresArriveNewestAndLate() {
        String ns = TestApp.unique("s");
        int negative = 2;
        int positive = 0;
        List<String> trends = new ArrayList<>();
        for (int day = 2; day <= 28; day += 2) {
            send(ns, new Step(3, day, 0, -1, 0, 1, day <= 10 || day >= 22 ? negative : positive, day));
            UUID profile = liveProfiles(ns).get(0);
            trends.add((String) stats(profile).get("sentiment_trend"));
            assertARecomputeAgrees(profile);
        }
        assertThat(trends.subList(0, 5)).as("fewer than six scores").containsOnly("stable");
        assertThat(trends.subList(5, 10)).as("positive after negative").containsOnly("improving");
        assertThat(trends.get(13)).as("four negative and a positive after four positive and a negative").isEqualTo("declining");
        UUID profile = liveProfiles(ns).get(0);
        assertThat((String) stats(profile).get("recent_scores")).startsWith("{-").contains(",0.").endsWith("}");

        // scores not known (a profile from before V51): the next one reads them rather than starting afresh
        app.jdbc().sql("UPDATE customer_profiles SET recent_scores = NULL WHERE id = :id").param("id", profile).update();
        send(ns, new Step(3, 127, 0, -1, 0, 1, positive, 27));
        assertARecomputeAgrees(profile);
        // late: the tenth latest, older than all ten, among them, at the same time as one of them
        for (int day : new int[] {13, 1, 23, 24}) {
            send(ns, new Step(3, 100 + day, 0, -1, 0, 1, positive, day));
            assertARecomputeAgrees(profile);
        }
    }

    /**
     * trend_of_scores, which the kept scores feed, says what the trend always said (V46's query):
     * the mean of the 5 latest against the mean of the up to 5 before, ±0.15 inclusive, stable
     * below 6 scores. Steps of 0.05 so that differences of exactly 0.15 come up.
     */
    @Property(tries = 300)
    void theTrendOfKeptScoresIsTheMeanOfTheFiveLatestAgainstTheFiveBefore(
            @ForAll("scores") List<Integer> twentieths) {
        String scores = twentieths.stream().map(t -> BigDecimal.valueOf(t * 5L, 2).toPlainString())
                .collect(Collectors.joining(",", "{", "}"));
        Map<String, Object> both = app.jdbc().sql("""
                SELECT trend_of_scores(CAST(:scores AS numeric[])) AS kept,
                       (SELECT CASE WHEN count(*) < 6 THEN 'stable'
                                    WHEN avg(s) FILTER (WHERE n <= 5) - avg(s) FILTER (WHERE n > 5) >= 0.15 THEN 'improving'
                                    WHEN avg(s) FILTER (WHERE n <= 5) - avg(s) FILTER (WHERE n > 5) <= -0.15 THEN 'declining'
                                    ELSE 'stable' END
                        FROM unnest(CAST(:scores AS numeric[])) WITH ORDINALITY AS u(s, n) WHERE n <= 10) AS queried
                """).param("scores", scores).query().singleRow();
        assertThat(both.get("kept")).as(scores).isEqualTo(both.get("queried"));
    }

    /** Scores from -0.3 to 0.3: small steps in a narrow band put many differences on the boundary. */
    @Provide
    Arbitrary<List<Integer>> scores() {
        return Arbitraries.integers().between(-6, 6).list().ofMaxSize(12);
    }

    @Example
    void aRiseOrFallOfExactlyPointFifteenCounts() {
        Map<String, String> expected = Map.of(
                "{0.15,0.15,0.15,0.15,0.15,0}", "improving",
                "{0,0,0,0,0,0.15}", "declining",
                "{0.149,0.15,0.15,0.15,0.15,0}", "stable",
                "{0.15,0.15,0.15,0.15,0.15}", "stable",
                "{1,1,1,1,1,-1,-1,-1,-1,-1,1}", "improving");
        expected.forEach((scores, trend) -> assertThat(app.jdbc().sql("SELECT trend_of_scores(CAST(:s AS numeric[]))")
                .param("s", scores).query(String.class).single()).as(scores).isEqualTo(trend));
    }

    /**
     * Entries at the same time as the latest are ordered by id, as the timeline is, so they are not
     * "newer than all others" and take the probing path: the last sentiment is the later id's.
     */
    @Example
    void entriesAtTheSameTimeAsTheLatestLeaveWhatARecomputeGives() {
        String ns = TestApp.unique("t");
        for (int i = 0; i < 6; i++) {
            send(ns, new Step(1, i, 0, -1, 0, 1, i % 2 == 0 ? 0 : 2, 12));
            assertARecomputeAgrees(liveProfiles(ns).get(0));
        }
    }

    /**
     * Live events mostly arrive newer than everything the customer has, imports of history and
     * late deliveries older (both mostly without a probe, the rest probed), some at the same time
     * as the latest: after every single arrival, in any order, with ties, the profile is what a
     * recompute gives.
     */
    @Property(tries = 30)
    void everyArrivalInAnyOrderLeavesWhatARecomputeGives(@ForAll("oneCustomer") List<Step> steps) {
        String ns = TestApp.unique("o");
        for (int i = 0; i < steps.size(); i++) {
            send(ns, withKey(steps.get(i), i));
            assertARecomputeAgrees(liveProfiles(ns).get(0));
        }
    }

    /** One person (one email, no phone), every kind of entry, a week of days so that times tie. */
    @Provide
    Arbitrary<List<Step>> oneCustomer() {
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, STATUSES.size() - 1),
                        Arbitraries.integers().between(1, 500_000), Arbitraries.integers().between(-1, 2),
                        Arbitraries.integers().between(1, 7))
                .as((kind, status, cents, sentiment, day) -> new Step(kind, 0, 0, -1, status, cents, sentiment, day))
                .list().ofMinSize(1).ofMaxSize(20);
    }

    private void assertARecomputeAgrees(UUID profile) {
        Map<String, Object> incremental = stats(profile);
        app.jdbc().sql("SELECT update_customer_profile_stats(:id)").param("id", profile.toString()).query().singleRow();
        assertThat(stats(profile)).isEqualTo(incremental);
    }

    private List<String> termsOf(UUID profile, String terms) {
        return app.jdbc().sql("SELECT term || ' = ' || lifetime_value FROM (" + terms + ") x WHERE customer_id = :id ORDER BY 1")
                .param("id", profile).query(String.class).list();
    }

    @Property(tries = 25)
    void groupingAndStatisticsDoNotDependOnArrivalOrder(@ForAll("steps") List<Step> steps, @ForAll long seed) {
        String first = TestApp.unique("a");
        String second = TestApp.unique("b");
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            order.add(i);
            send(first, withKey(steps.get(i), i));
        }
        Collections.shuffle(order, new Random(seed));
        for (int i : order) {
            send(second, withKey(steps.get(i), i));
        }
        assertThat(summary(second)).isEqualTo(summary(first));
    }

    private static Step withKey(Step s, int index) {
        return new Step(s.kind(), 100 + index, s.email(), s.phone(), s.status(), s.cents(), s.sentiment(), s.day());
    }

    private void send(String ns, Step s) {
        var data = JSON.createObjectNode();
        boolean outbound = s.kind() == 3 && s.cents() % 3 == 0;
        if (s.email() >= 0 || s.phone() < 0 || s.kind() == 3) {
            String field = s.kind() != 3 ? "customer_email" : outbound ? "to_email" : "from_email";
            data.put(field, ns + "-" + Math.max(0, s.email()) + "@example.test");
        }
        if (s.phone() >= 0 && s.kind() == 1) {
            data.put("customer_handle", "@" + ns + "-h" + s.phone());
        } else if (s.phone() >= 0 && s.kind() != 3) {
            data.put("customer_phone", phone(ns, s.phone()));
        }
        String date = "2024-02-%02dT10:00:00Z".formatted(s.day());
        String key = ns + "-" + s.key();
        EventType type = switch (s.kind()) {
            case 0 -> {
                data.put("order_id", Math.abs((long) key.hashCode()) * 10 + s.key() % 10);
                data.put("order_status", STATUSES.get(s.status()));
                data.put("order_total", BigDecimal.valueOf(s.cents(), 2));
                data.put("order_date", date);
                yield EventType.ORDER;
            }
            case 1 -> {
                data.put("platform", "instagram");
                data.put("post_id", key);
                data.put("content", "post " + s.cents());
                data.put("requires_response", s.cents() % 2 == 0);
                data.put("interaction_date", date);
                if (s.sentiment() >= 0) {
                    data.put("sentiment", SENTIMENTS.get(s.sentiment()));
                }
                yield EventType.SOCIAL;
            }
            case 2 -> {
                data.put("session_id", key);
                data.put("status", List.of("active", "quote_sent", "accepted").get(s.status() % 3));
                data.put("total_amount", BigDecimal.valueOf(s.cents(), 2));
                data.put("created_at", date);
                yield EventType.QUOTE;
            }
            default -> {
                data.put("email_id", key);
                if (outbound) {
                    data.put("direction", "outbound");
                    data.put("from_email", "sales@shop.test");
                }
                data.put("subject", "Order " + s.cents());
                data.put("created_at", date);
                if (s.sentiment() >= 0) {
                    data.put("sentiment", SENTIMENTS.get(s.sentiment()));
                }
                yield EventType.EMAIL;
            }
        };
        app.bean(Ingest.class).accept(type, data);
    }

    /** Distinct valid SA mobile numbers per namespace. */
    private static String phone(String ns, int n) {
        int block = PHONE_BLOCKS.computeIfAbsent(ns, k -> PHONE_BLOCKS.size() + 1);
        return "+2784" + String.format("%06d", block) + n;
    }

    private static final Map<String, Integer> PHONE_BLOCKS = new java.util.concurrent.ConcurrentHashMap<>();

    private List<UUID> liveProfiles(String ns) {
        return app.jdbc().sql("""
                SELECT DISTINCT p.id FROM customer_identities i JOIN customer_profiles p ON p.id = i.customer_id
                WHERE (i.value LIKE :ns OR i.value LIKE :phones) AND p.merged_into IS NULL
                """).param("ns", "%" + ns + "-%").param("phones", phone(ns, 0).substring(0, 11) + "_").query(UUID.class).list();
    }

    private Map<String, Object> stats(UUID profile) {
        return app.jdbc().sql("""
                SELECT total_orders, paid_orders, total_spend, lifetime_value, average_order_value, total_interactions,
                       call_count, email_count, chat_count, social_count, first_interaction_at, last_interaction_at,
                       sentiment_sum, sentiment_count, sentiment_score, sentiment_trend, recent_scores::text, recent_scored_at::text, last_sentiment, last_outbound_at,
                       oldest_unanswered_email_at, oldest_unanswered_social_at, oldest_open_quote_at
                FROM customer_profiles WHERE id = :id
                """).param("id", profile).query().singleRow();
    }

    private List<String> summary(String ns) {
        List<String> rows = new ArrayList<>();
        for (UUID p : liveProfiles(ns)) {
            Map<String, Object> s = stats(p);
            List<String> ids = app.jdbc().sql("SELECT kind || ':' || CASE WHEN kind = 'phone' THEN right(value, 1) ELSE replace(value, :ns, '') END FROM customer_identities WHERE customer_id = :id ORDER BY 1")
                    .param("ns", ns).param("id", p).query(String.class).list();
            rows.add(ids + " orders=" + s.get("total_orders") + " ltv=" + s.get("lifetime_value") + " n=" + s.get("total_interactions")
                    + " sentiment=" + s.get("sentiment_sum") + "/" + s.get("sentiment_count"));
        }
        Collections.sort(rows);
        return rows;
    }
}
