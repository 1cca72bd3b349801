package io.customertimeline.webhooks;

import static io.customertimeline.TestApp.TIMELINE_WEBHOOK_SECRET;
import static io.customertimeline.TestApp.unique;
import static io.customertimeline.TestApp.uniqueNumber;
import static org.assertj.core.api.Assertions.assertThat;

import io.customertimeline.Events;
import io.customertimeline.TestApp;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /api/webhooks/timeline} and the delivery inbox over real HTTP. */
class TimelineWebhookApiTest {

    static final String PATH = "/api/webhooks/timeline";
    final TestApp app = TestApp.get();

    static String body(String type, Events.Event data) {
        return "{\"type\":\"" + type + "\",\"data\":" + data.json() + "}";
    }

    TestApp.Response bearer(String body) {
        return app.post(PATH, body, "Bearer " + TIMELINE_WEBHOOK_SECRET);
    }

    TestApp.Response signed(String body, String id, Instant at, String secret) {
        return app.send(HttpRequest.newBuilder(app.uri(PATH)).header("Content-Type", "application/json")
                .header("webhook-id", id).header("webhook-timestamp", Long.toString(at.getEpochSecond()))
                .header("webhook-signature", Signatures.standard(secret, id, at, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void theSeedsFourTypesAreAcceptedWithTheBearerSecret() {
        String email = unique("hook") + "@example.co.za";
        var order = bearer(body("opencart_order", Events.order(uniqueNumber(), email)));
        var quote = bearer(body("quote_session_update", Events.quote(unique("qs_"), email)));
        var mail = bearer(body("email_thread", Events.email(unique("msg_"), email)));
        var social = bearer(body("social_interaction", Events.social("twitter", "@" + unique("h"), "Great service!")
                .with("customer_email", email)));

        for (var r : new TestApp.Response[] {order, quote, mail, social}) {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().path("outcome").asString()).isEqualTo("created");
            assertThat(r.json().path("duplicate").asBoolean()).isFalse();
        }
        var timeline = app.get("/api/timeline?action=timeline&customerId=" + email).json().path("timeline");
        assertThat(timeline).hasSize(4);
    }

    @Test
    void standardWebhooksDeliveryIsAcceptedOnceAndItsRepeatIsADuplicate() {
        String email = unique("sw") + "@example.co.za";
        String body = body("opencart_order", Events.order(uniqueNumber(), email));
        String id = unique("msg_");

        var first = signed(body, id, Instant.now(), TIMELINE_WEBHOOK_SECRET);
        var again = signed(body, id, Instant.now(), TIMELINE_WEBHOOK_SECRET);

        assertThat(first.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("duplicate").asBoolean()).isTrue();
        assertThat(again.json().path("delivery_id").asLong()).isEqualTo(first.json().path("delivery_id").asLong());
        var delivery = app.jdbc().sql("SELECT attempts, delivery_key, outcome FROM webhook_deliveries WHERE id = :id")
                .param("id", first.json().path("delivery_id").asLong()).query().singleRow();
        assertThat(delivery.get("attempts")).isEqualTo(2);
        assertThat(delivery.get("delivery_key")).isEqualTo("id:" + id);
        assertThat(delivery.get("outcome")).isEqualTo("created");
        assertThat(app.get("/api/timeline?action=profile&customerId=" + email).json().path("total_orders").asInt()).isEqualTo(1);
    }

    @Test
    void repeatedWebhookIdWithAChangedBodyStillChangesNothing() {
        String email = unique("swc") + "@example.co.za";
        long orderId = uniqueNumber();
        String id = unique("msg_");
        signed(body("opencart_order", Events.order(orderId, email)), id, Instant.now(), TIMELINE_WEBHOOK_SECRET);

        var again = signed(body("opencart_order", Events.order(orderId, email).with("order_status", "Refunded")), id,
                Instant.now(), TIMELINE_WEBHOOK_SECRET);

        assertThat(again.json().path("duplicate").asBoolean()).isTrue();
        assertThat(app.get("/api/timeline?action=order_history&customerId=" + email).json()
                .at("/orders/0/order_status").asString()).isEqualTo("Complete");
    }

    @Test
    void aRepeatedWebhookIdIsADuplicateEvenWhenItsBodyNoLongerReads() {
        String email = unique("swi") + "@example.co.za";
        String id = unique("msg_");
        var first = signed(body("opencart_order", Events.order(uniqueNumber(), email)), id, Instant.now(), TIMELINE_WEBHOOK_SECRET);

        var again = signed("{\"type\":\"opencart_order\",\"data\":{}}", id, Instant.now(), TIMELINE_WEBHOOK_SECRET);
        var unseen = signed("{\"type\":\"opencart_order\",\"data\":{}}", unique("msg_"), Instant.now(), TIMELINE_WEBHOOK_SECRET);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("duplicate").asBoolean()).isTrue();
        assertThat(again.json().path("delivery_id").asLong()).isEqualTo(first.json().path("delivery_id").asLong());
        assertThat(unseen.status()).as("the same body under a new id is read, and refused").isEqualTo(400);
    }

    @Test
    void deliveriesSentAtOnceShareCommitsEachCommittedWithItsInboxRowAndACopyCountsOnce() throws Exception {
        int senders = 24;
        int perSender = 3;
        int copies = 8;
        String copiedEmail = unique("copy") + "@example.co.za";
        String copiedId = unique("msg_");
        String copiedBody = body("opencart_order", Events.order(uniqueNumber(), copiedEmail));
        CyclicBarrier start = new CyclicBarrier(senders + copies);
        ExecutorService pool = Executors.newFixedThreadPool(senders + copies);
        try {
            List<Future<List<TestApp.Response>>> sent = new ArrayList<>();
            for (int s = 0; s < senders + copies; s++) {
                boolean copy = s >= senders;
                sent.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    List<TestApp.Response> answers = new ArrayList<>();
                    for (int i = 0; i < (copy ? 1 : perSender); i++) {
                        answers.add(copy ? signed(copiedBody, copiedId, Instant.now(), TIMELINE_WEBHOOK_SECRET)
                                : signed(body("opencart_order", Events.order(uniqueNumber(), unique("many") + "@example.co.za")),
                                        unique("msg_"), Instant.now(), TIMELINE_WEBHOOK_SECRET));
                    }
                    return answers;
                }));
            }
            List<TestApp.Response> answers = new ArrayList<>();
            for (Future<List<TestApp.Response>> f : sent) {
                answers.addAll(f.get(60, TimeUnit.SECONDS));
            }

            assertThat(answers).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(200));
            assertThat(answers.stream().filter(r -> !r.json().path("duplicate").asBoolean()))
                    .as("every distinct delivery once, the copied one once").hasSize(senders * perSender + 1);
            long[] deliveries = answers.stream().filter(r -> !r.json().path("duplicate").asBoolean())
                    .mapToLong(r -> r.json().path("delivery_id").asLong()).toArray();
            var stored = app.jdbc().sql("""
                    SELECT count(*) AS rows, count(*) FILTER (WHERE d.xmin::text = i.xmin::text OR d.attempts > 1) AS together,
                           count(DISTINCT d.xmin::text) AS commits
                    FROM webhook_deliveries d JOIN customer_interactions i ON i.id = d.interaction_id
                    WHERE d.id = ANY(CAST(:ids AS bigint[]))
                    """).param("ids", deliveries).query((rs, n) -> new long[] {rs.getLong("rows"), rs.getLong("together"),
                            rs.getLong("commits")}).single();
            assertThat(stored[0]).as("every answered delivery has its inbox row and its entry").isEqualTo(deliveries.length);
            assertThat(stored[1]).as("each inbox row committed by its entry's transaction (a copy's attempt rewrites the row)")
                    .isEqualTo(deliveries.length);
            assertThat(stored[2]).as("deliveries that arrived together shared commits").isLessThan(deliveries.length);
            assertThat(app.jdbc().sql("SELECT attempts FROM webhook_deliveries WHERE delivery_key = :k")
                    .param("k", "id:" + copiedId).query(Integer.class).single()).isEqualTo(copies);
            assertThat(app.get("/api/timeline?action=profile&customerId=" + copiedEmail).json().path("total_orders").asInt())
                    .isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBodyThatComesBackAfterAChangeIsAnUpdateNotADuplicate() {
        String email = unique("aba") + "@example.co.za";
        long orderId = uniqueNumber();
        String complete = body("opencart_order", Events.order(orderId, email));

        bearer(complete);
        bearer(body("opencart_order", Events.order(orderId, email).with("order_status", "Refunded")));
        var back = bearer(complete);

        assertThat(back.json().path("outcome").asString()).isEqualTo("updated");
        assertThat(app.get("/api/timeline?action=order_history&customerId=" + email).json()
                .at("/orders/0/order_status").asString()).isEqualTo("Complete");
    }

    @Test
    void wrongMissingAndStaleCredentialsAre401AndWriteNothing() {
        String email = unique("bad") + "@example.co.za";
        String body = body("opencart_order", Events.order(uniqueNumber(), email));

        var missing = app.post(PATH, body, null);
        var wrongBearer = app.post(PATH, body, "Bearer wrong");
        var wrongSignature = signed(body, unique("msg_"), Instant.now(), "whsec_" + "QUJD".repeat(8));
        var stale = signed(body, unique("msg_"), Instant.now().minus(Duration.ofMinutes(6)), TIMELINE_WEBHOOK_SECRET);
        var future = signed(body, unique("msg_"), Instant.now().plus(Duration.ofMinutes(6)), TIMELINE_WEBHOOK_SECRET);

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().path("reason").asString()).isEqualTo("missing");
        assertThat(wrongBearer.json().path("reason").asString()).isEqualTo("wrong");
        assertThat(wrongSignature.status()).isEqualTo(401);
        assertThat(wrongSignature.json().path("reason").asString()).isEqualTo("wrong");
        assertThat(stale.json().path("reason").asString()).isEqualTo("stale");
        assertThat(future.json().path("reason").asString()).isEqualTo("stale");
        assertThat(app.get("/api/timeline?action=profile&customerId=" + email).status()).isEqualTo(404);
    }

    @Test
    void theApiKeyIsNotTheWebhookSecret() {
        assertThat(app.post(PATH, body("opencart_order", Events.order(uniqueNumber(), unique("k") + "@example.com")),
                "Bearer " + TestApp.API_KEY).status()).isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "{", "[1]", "{\"data\": {}}", "{\"type\": 5}", "{\"type\": \"pizza\", \"data\": {}}",
            "{\"type\": \"opencart_order\"}", "{\"type\": \"opencart_order\", \"data\": []}",
            "{\"type\": \"opencart_order\", \"data\": {\"order_id\": \"abc\"}}",
            "{\"type\": \"email_thread\", \"data\": {\"email_id\": \"m\", \"from_email\": \"x@example.com\", \"created_at\": \"soon\"}}"})
    void malformedBodiesAre400ProblemsNeverA500(String body) {
        var r = bearer(body);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).contains("application/problem+json");
        assertThat(r.json().path("field").asString()).isNotBlank();
    }

    @Test
    void getDescribesTheEndpointWithoutCredentials() {
        var r = app.send(HttpRequest.newBuilder(app.uri(PATH)).GET());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("supported_types").has("quote_session_update")).isTrue();
        assertThat(r.json().path("supported_types").has("email_thread")).isTrue();
        assertThat(r.json().path("authentication").toString()).contains("standard-webhooks", "bearer");
        assertThat(r.json().path("example").path("type").asString()).isEqualTo("opencart_order");
        assertThat(r.body()).doesNotContain(TIMELINE_WEBHOOK_SECRET.substring(6));
    }

    @Test
    void adminsListDeliveriesAndReplayOne() {
        String email = unique("replay") + "@example.co.za";
        var first = bearer(body("email_thread", Events.email(unique("msg_"), email)));
        long id = first.json().path("delivery_id").asLong();

        var list = app.get("/api/admin/webhooks/deliveries?endpoint=timeline&limit=50").json().path("deliveries");
        var one = app.get("/api/admin/webhooks/deliveries/" + id).json();
        var replay = app.post("/api/admin/webhooks/deliveries/" + id + "/replay", "");

        assertThat(list.findValuesAsString("id")).isNotNull();
        assertThat(list.toString()).contains("\"id\":" + id);
        assertThat(list.get(0).path("raw_body").isNull()).isTrue();
        assertThat(one.path("raw_body").asString()).contains(email);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.json().path("replay_of").asLong()).isEqualTo(id);
        assertThat(replay.json().path("effect").path("outcome").asString()).isEqualTo("unchanged");
        assertThat(app.jdbc().sql("SELECT count(*) FROM webhook_deliveries WHERE replay_of = :id").param("id", id)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void adminEndpointsNeedTheApiKey() {
        var r = app.send(HttpRequest.newBuilder(app.uri("/api/admin/webhooks/deliveries")).GET());
        assertThat(r.status()).isEqualTo(401);
        assertThat(app.get("/api/admin/webhooks/deliveries/999999999").status()).isEqualTo(404);
        assertThat(app.get("/api/admin/webhooks/deliveries?endpoint=nope").status()).isEqualTo(400);
    }
}
