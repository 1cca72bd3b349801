package io.customertimeline.calls;

import static io.customertimeline.TestApp.CALL_SYSTEM_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import io.customertimeline.TestApp;
import io.customertimeline.webhooks.Signatures;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The call system endpoint over real HTTP against the embedded PostgreSQL. */
class CallSystemApiTest {

    static final String PATH = "/api/integrations/call-system";
    final TestApp app = TestApp.get();

    /** A fixture with its call id and customer number made unique, so tests keep to their own data. */
    String fixture(String name, String callIdField, String... phoneFields) {
        ObjectNode root = (ObjectNode) app.json.readTree(Fixtures.bytes(name));
        String suffix = TestApp.unique("");
        String phone = "+2782" + String.format("%07d", Math.abs(suffix.hashCode()) % 10_000_000);
        for (String path : phoneFields) {
            set(root, path, phone);
        }
        set(root, callIdField, "call-" + suffix);
        return root.toString();
    }

    static void set(ObjectNode root, String dottedPath, String value) {
        String[] parts = dottedPath.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            node = (ObjectNode) node.get(parts[i]);
        }
        node.put(parts[parts.length - 1], value);
    }

    String vapi(String name) {
        return fixture("vapi/" + name, "message.call.id", "message.customer.number", "message.call.customer.number");
    }

    String retellInbound(String name) {
        return fixture("retell/" + name, "call.call_id", "call.from_number");
    }

    TestApp.Response post(String body, String... headers) {
        var b = HttpRequest.newBuilder(app.uri(PATH)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return app.send(b);
    }

    TestApp.Response bearer(String body) {
        return post(body, "Authorization", "Bearer " + CALL_SYSTEM_SECRET);
    }

    JsonNode timelineOf(String customerId) {
        return app.get("/api/timeline?action=timeline&customerId=" + customerId).json().path("timeline");
    }

    @Test
    void vapiReportStoresTheCallWithCustomerOnlySentiment() {
        String body = vapi("end-of-call-report-inbound-quote.json");
        String phone = app.json.readTree(body).at("/message/customer/number").asString();

        var r = post(body, "x-vapi-secret", CALL_SYSTEM_SECRET);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("outcome").asString()).isEqualTo("created");
        assertThat(r.json().path("vendor").asString()).isEqualTo("vapi");
        JsonNode entry = timelineOf(phone.replace("+", "%2B")).get(0);
        assertThat(entry.path("source").asString()).isEqualTo("call");
        assertThat(entry.path("status").asString()).isEqualTo("completed");
        assertThat(entry.path("sentiment").asString()).isEqualTo("positive");
        String callId = r.json().path("call_id").asString();
        var row = app.jdbc().sql("SELECT vendor, status, summary, duration_seconds FROM call_transcripts WHERE call_id = :id")
                .param("id", callId).query().singleRow();
        assertThat(row.get("vendor")).isEqualTo("vapi");
        assertThat(row.get("duration_seconds")).isEqualTo(63);
        assertThat((String) row.get("summary")).contains("quote");
    }

    @Test
    void retellCallEndedThenCallAnalyzedUpdateOneRecord() {
        String ended = retellInbound("call-ended-inbound.json");
        JsonNode endedJson = app.json.readTree(ended);
        ObjectNode analyzed = (ObjectNode) app.json.readTree(Fixtures.bytes("retell/call-analyzed-inbound.json"));
        ((ObjectNode) analyzed.get("call")).put("call_id", endedJson.at("/call/call_id").asString());
        ((ObjectNode) analyzed.get("call")).put("from_number", endedJson.at("/call/from_number").asString());
        Instant now = Instant.now();

        var first = post(ended, "X-Retell-Signature", Signatures.retell(CALL_SYSTEM_SECRET, now, ended));
        var second = post(analyzed.toString(), "X-Retell-Signature",
                Signatures.retell(CALL_SYSTEM_SECRET, now, analyzed.toString()));

        assertThat(first.json().path("outcome").asString()).isEqualTo("created");
        assertThat(second.json().path("outcome").asString()).isEqualTo("updated");
        assertThat(second.json().path("interaction_id").asString()).isEqualTo(first.json().path("interaction_id").asString());
        String callId = endedJson.at("/call/call_id").asString();
        assertThat(app.jdbc().sql("SELECT count(*) FROM call_transcripts WHERE call_id = :id").param("id", callId)
                .query(Long.class).single()).isEqualTo(1);
        var row = app.jdbc().sql("SELECT summary, sentiment FROM call_transcripts WHERE call_id = :id")
                .param("id", callId).query().singleRow();
        assertThat((String) row.get("summary")).contains("HDMI");
        assertThat(row.get("sentiment")).isEqualTo("neutral");
    }

    @Test
    void reportsOfManyCallsAtOnceAreEachRecordedAndShareCommits() throws Exception {
        int calls = 24;
        CyclicBarrier start = new CyclicBarrier(calls);
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        try {
            List<Future<TestApp.Response>> sent = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                String body = vapi("end-of-call-report-inbound-quote.json");
                sent.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return post(body, "x-vapi-secret", CALL_SYSTEM_SECRET);
                }));
            }
            List<String> ids = new ArrayList<>();
            for (Future<TestApp.Response> f : sent) {
                TestApp.Response r = f.get(60, TimeUnit.SECONDS);
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                assertThat(r.json().path("outcome").asString()).isEqualTo("created");
                ids.add(r.json().path("interaction_id").asString());
            }
            var stored = app.jdbc().sql("""
                    SELECT count(*) AS rows, count(DISTINCT i.xmin::text) AS commits,
                           count(*) FILTER (WHERE t.xmin::text = i.xmin::text) AS together
                    FROM customer_interactions i JOIN call_transcripts t ON t.call_id = i.source_key
                    WHERE i.id = ANY(CAST(:ids AS uuid[]))
                    """).param("ids", ids.toArray(String[]::new))
                    .query((rs, n) -> new long[] {rs.getLong("rows"), rs.getLong("commits"), rs.getLong("together")}).single();
            assertThat(stored[0]).as("every answered call is stored").isEqualTo(calls);
            assertThat(stored[2]).as("each call's transcript committed with its entry").isEqualTo(calls);
            assertThat(stored[1]).as("calls that arrived together shared commits").isLessThan(calls);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void bothReportsOfACallArrivingAtOnceMakeOneRecordWithTheAnalysis() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String analyzed = retellInbound("call-analyzed-inbound.json");
                JsonNode a = app.json.readTree(analyzed);
                ObjectNode ended = (ObjectNode) app.json.readTree(Fixtures.bytes("retell/call-ended-inbound.json"));
                ((ObjectNode) ended.get("call")).put("call_id", a.at("/call/call_id").asString());
                ((ObjectNode) ended.get("call")).put("from_number", a.at("/call/from_number").asString());
                CyclicBarrier start = new CyclicBarrier(2);
                Future<TestApp.Response> first = pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return bearer(analyzed);
                });
                Future<TestApp.Response> second = pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return bearer(ended.toString());
                });

                assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
                assertThat(second.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
                var rows = app.jdbc().sql("SELECT summary, successful FROM call_transcripts WHERE call_id = :id")
                        .param("id", a.at("/call/call_id").asString()).query().listOfRows();
                assertThat(rows).as("one record for the call").hasSize(1);
                assertThat((String) rows.get(0).get("summary")).as("the analysis is kept, whichever came first").contains("HDMI");
                assertThat(rows.get(0).get("successful")).isEqualTo(true);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void callEndedArrivingAfterCallAnalyzedKeepsTheAnalysis() {
        String analyzed = retellInbound("call-analyzed-inbound.json");
        JsonNode a = app.json.readTree(analyzed);
        ObjectNode ended = (ObjectNode) app.json.readTree(Fixtures.bytes("retell/call-ended-inbound.json"));
        ((ObjectNode) ended.get("call")).put("call_id", a.at("/call/call_id").asString());
        ((ObjectNode) ended.get("call")).put("from_number", a.at("/call/from_number").asString());

        bearer(analyzed);
        var late = bearer(ended.toString());

        assertThat(late.status()).isEqualTo(200);
        var row = app.jdbc().sql("SELECT summary, successful FROM call_transcripts WHERE call_id = :id")
                .param("id", a.at("/call/call_id").asString()).query().singleRow();
        assertThat((String) row.get("summary")).contains("HDMI");
        assertThat(row.get("successful")).isEqualTo(true);
    }

    /**
     * Retell's outbound call that reached a voicemail greeting: the agent hangs up after its
     * message, and only call_analyzed's {@code in_voicemail} says it was a voicemail.
     */
    ObjectNode retellVoicemailGreeting(String event) {
        ObjectNode root = (ObjectNode) app.json.readTree(fixture("retell/call-analyzed-in-voicemail.json", "call.call_id",
                "call.to_number"));
        root.put("event", event);
        ObjectNode call = (ObjectNode) root.get("call");
        ((ObjectNode) call.get("transcript_object").get(0)).put("content",
                "You've reached Naledi's phone, please call me back later, leave a message after the tone.");
        call.remove("transcript");
        if (event.equals("call_ended")) {
            call.remove("call_analysis");
        }
        return root;
    }

    @Test
    void voicemailSeenOnlyByTheAnalysisStaysVoicemailWhenCallEndedComesLate() {
        ObjectNode analyzed = retellVoicemailGreeting("call_analyzed");
        ObjectNode ended = retellVoicemailGreeting("call_ended");
        ((ObjectNode) ended.get("call")).put("call_id", analyzed.at("/call/call_id").asString());
        ((ObjectNode) ended.get("call")).put("to_number", analyzed.at("/call/to_number").asString());

        bearer(analyzed.toString());
        var late = bearer(ended.toString());

        assertThat(late.status()).isEqualTo(200);
        String status = app.jdbc().sql("SELECT status FROM call_transcripts WHERE call_id = :id")
                .param("id", analyzed.at("/call/call_id").asString()).query(String.class).single();
        assertThat(status).isEqualTo("voicemail");
        JsonNode entry = timelineOf(analyzed.at("/call/to_number").asString().replace("+", "%2B")).get(0);
        assertThat(entry.path("status").asString()).isEqualTo("voicemail");
    }

    @ParameterizedTest
    @ValueSource(strings = {"end-of-call-report-no-answer.json", "end-of-call-report-busy.json",
            "end-of-call-report-voicemail.json", "end-of-call-report-failed.json"})
    void callsWithoutConversationAreRecordedAsSuch(String fixture) {
        String body = vapi(fixture);

        var r = bearer(body);

        assertThat(r.status()).isEqualTo(200);
        String status = app.jdbc().sql("SELECT status FROM call_transcripts WHERE call_id = :id")
                .param("id", r.json().path("call_id").asString()).query(String.class).single();
        assertThat(status).isNotEqualTo("completed");
    }

    @Test
    void otherVendorEventsAreAcknowledgedAndIgnored() {
        var r = bearer(new String(Fixtures.bytes("retell/call-started.json"), StandardCharsets.UTF_8));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("outcome").asString()).isEqualTo("ignored");
        assertThat(r.json().path("event").asString()).isEqualTo("call_started");
    }

    @Test
    void repeatedReportWithoutDeliveryIdChangesNothing() {
        String body = vapi("end-of-call-report-inbound-quote.json");
        var first = bearer(body);
        var again = bearer(body);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("outcome").asString()).isEqualTo("unchanged");
        assertThat(again.json().path("interaction_id").asString()).isEqualTo(first.json().path("interaction_id").asString());
        assertThat(app.jdbc().sql("SELECT count(*) FROM call_transcripts WHERE call_id = :id")
                .param("id", first.json().path("call_id").asString()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void repeatedWebhookIdIsADuplicateWithNoEffect() {
        String body = vapi("end-of-call-report-inbound-quote.json");
        String id = "msg_" + UUID.randomUUID();
        var first = post(body, "Authorization", "Bearer " + CALL_SYSTEM_SECRET, "webhook-id", id);
        var again = post(body, "Authorization", "Bearer " + CALL_SYSTEM_SECRET, "webhook-id", id);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("duplicate").asBoolean()).isTrue();
        assertThat(again.json().path("delivery_id").asLong()).isEqualTo(first.json().path("delivery_id").asLong());
        assertThat(app.jdbc().sql("SELECT attempts FROM webhook_deliveries WHERE id = :id")
                .param("id", first.json().path("delivery_id").asLong()).query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void getDescribesTheEndpointWithoutCredentials() {
        var r = app.send(HttpRequest.newBuilder(app.uri(PATH)).GET());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("formats").findValuesAsString("vendor")).containsExactly("vapi", "retell", "plain");
        assertThat(r.body()).doesNotContain(CALL_SYSTEM_SECRET);
        // the example is a call the endpoint takes as it stands
        var example = bearer(r.json().path("example").toString().replace("pbx-000871", TestApp.unique("pbx-")));
        assertThat(example.status()).as(example.body()).isEqualTo(200);
        assertThat(example.json().path("outcome").asString()).isEqualTo("created");
    }

    @Test
    void bodiesOverTheSizeLimitAre413() {
        var r = bearer("{\"call_id\": \"" + "x".repeat(1_100_000) + "\"}");

        assertThat(r.status()).isEqualTo(413);
    }

    @Test
    void agentEnthusiasmDoesNotMakeAnUnhappyCustomerPositive() {
        String phone = "+2784" + String.format("%07d", TestApp.uniqueNumber() % 10_000_000);
        String body = "{\"call_id\":\"" + TestApp.unique("c") + "\",\"direction\":\"inbound\",\"customer_phone\":\""
                + phone + "\",\"ended_at\":\"2025-01-15T10:00:00Z\",\"turns\":["
                + "{\"speaker\":\"agent\",\"text\":\"Wonderful! Fantastic to hear from you, we love helping. Amazing!\"},"
                + "{\"speaker\":\"customer\",\"text\":\"My speaker arrived broken and I am really angry.\"},"
                + "{\"speaker\":\"agent\",\"text\":\"Great, brilliant, thank you so much!\"}]}";

        var r = bearer(body);

        var entry = timelineOf(phone.replace("+", "%2B")).get(0);
        assertThat(r.status()).isEqualTo(200);
        assertThat(entry.path("sentiment").asString()).isEqualTo("negative");
        assertThat(entry.path("sentiment_given").asBoolean()).isFalse();
    }

    @Test
    void standardWebhooksSignaturePasses() {
        String body = vapi("end-of-call-report-inbound-quote.json");
        String id = "msg_" + UUID.randomUUID();
        Instant now = Instant.now();

        var r = post(body, "webhook-id", id, "webhook-timestamp", Long.toString(now.getEpochSecond()),
                "webhook-signature", Signatures.standard(CALL_SYSTEM_SECRET, id, now, body));

        assertThat(r.status()).isEqualTo(200);
    }

    @Test
    void missingWrongAndStaleCredentialsAre401WithoutEffect() {
        String body = vapi("end-of-call-report-inbound-quote.json");
        String callId = app.json.readTree(body).at("/message/call/id").asString();
        Instant stale = Instant.now().minus(Duration.ofMinutes(10));

        var missing = post(body);
        var wrongBearer = post(body, "Authorization", "Bearer nope");
        var wrongVapi = post(body, "x-vapi-secret", "nope");
        var wrongRetell = post(body, "X-Retell-Signature", Signatures.retell("nope", Instant.now(), body));
        var staleRetell = post(body, "X-Retell-Signature", Signatures.retell(CALL_SYSTEM_SECRET, stale, body));

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().path("reason").asString()).isEqualTo("missing");
        assertThat(wrongBearer.json().path("reason").asString()).isEqualTo("wrong");
        assertThat(wrongVapi.json().path("reason").asString()).isEqualTo("wrong");
        assertThat(wrongRetell.json().path("reason").asString()).isEqualTo("wrong");
        assertThat(staleRetell.status()).isEqualTo(401);
        assertThat(staleRetell.json().path("reason").asString()).isEqualTo("stale");
        assertThat(staleRetell.contentType()).contains("application/problem+json");
        assertThat(missing.body()).doesNotContain(CALL_SYSTEM_SECRET);
        assertThat(app.jdbc().sql("SELECT count(*) FROM call_transcripts WHERE call_id = :id").param("id", callId)
                .query(Long.class).single()).isZero();
    }

    @Test
    void fieldsTheCoreRejectsAreNamedInTheSendersTerms() {
        String body = "{\"event\": \"call_ended\", \"call\": {\"call_id\": \"" + TestApp.unique("c")
                + "\", \"direction\": \"inbound\", \"from_number\": \"not a phone\", \"end_timestamp\": 1736942400000}}";

        var r = bearer(body);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("field").asString()).isEqualTo("call.from_number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "{", "[]", "null", "{\"message\": {\"type\": \"end-of-call-report\"}}",
            "{\"event\": \"call_ended\", \"call\": {\"call_id\": 5}}",
            "{\"event\": \"call_ended\", \"call\": {\"call_id\": \"x\", \"from_number\": \"+27821234567\", \"start_timestamp\": 1e300}}",
            "{\"call_id\": \"x\", \"direction\": \"inbound\", \"customer_phone\": \"not a phone\"}",
            "{\"call_id\": \"x\", \"direction\": \"inbound\", \"customer_phone\": \"+27821234567\"}"})
    void malformedBodiesAre400NeverA500(String body) {
        var r = bearer(body);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).contains("application/problem+json");
        assertThat(r.json().path("field").asString()).isNotBlank();
    }
}
