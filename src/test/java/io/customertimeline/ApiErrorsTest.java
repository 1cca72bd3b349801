package io.customertimeline;

import static io.customertimeline.TestApp.unique;
import static io.customertimeline.TestApp.uniqueNumber;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

class ApiErrorsTest {

    private final TestApp app = TestApp.get();

    private static void assertProblem(TestApp.Response r, int status, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        if (field != null) {
            assertThat(r.json().path("field").asString()).isEqualTo(field);
        }
    }

    @Test
    void unknownActionIsA400NamingAction() {
        assertProblem(app.sync("sync_fax", "{}"), 400, "action");
        assertProblem(app.get("/api/timeline?action=everything"), 400, "action");
        assertProblem(app.post("/api/timeline", "{\"action\":\"delete_everything\",\"customerId\":\"x@y.z\"}"), 400, "action");
    }

    @Test
    void malformedJsonIsA400WordedAlikeOnEveryEndpoint() {
        String broken = "{\"action\": \"sync_opencart_order\", \"data\": {";
        var sync = app.post("/api/sync", broken);
        assertProblem(sync, 400, "body");
        for (var other : new TestApp.Response[] {app.post("/api/webhooks/timeline", broken, "Bearer " + TestApp.TIMELINE_WEBHOOK_SECRET),
                app.post("/api/integrations/call-system", broken, "Bearer " + TestApp.CALL_SYSTEM_SECRET)}) {
            assertProblem(other, 400, "body");
            assertThat(other.json().path("title").asString()).isEqualTo(sync.json().path("title").asString()).isEqualTo("Malformed JSON");
            assertThat(other.json().path("detail").asString()).isEqualTo(sync.json().path("detail").asString());
        }
    }

    @Test
    void wrongTypesAndMissingFieldsName400s() {
        String email = unique("bad") + "@example.co.za";
        assertProblem(app.sync("sync_opencart_order", Events.order(uniqueNumber(), email).with("order_total", "lots").json()),
                400, "data.order_total");
        assertProblem(app.sync("sync_opencart_order", Events.order(uniqueNumber(), email).without("order_id").json()),
                400, "data.order_id");
        assertProblem(app.sync("sync_opencart_order", Events.order(uniqueNumber(), email).with("order_date", "yesterday").json()),
                400, "data.order_date");
        assertProblem(app.sync("sync_email_thread", Events.email(unique("m"), "not-an-email").json()), 400, "data.from_email");
        assertProblem(app.sync("sync_social_interaction", Events.social("x", "ok", "hi").with("sentiment", "ecstatic").json()),
                400, "data.sentiment");
        assertProblem(app.sync("sync_opencart_order", "[1,2]"), 400, "data");
        assertProblem(app.get("/api/timeline?action=timeline&customerId=" + email + "&limit=100000"), 400, "limit");
        assertProblem(app.get("/api/timeline?action=timeline&customerId=" + email + "&sources=fax"), 400, "sources");
        assertProblem(app.get("/api/timeline?action=timeline&customerId=" + email + "&dateFrom=soon"), 400, "dateFrom");
        assertProblem(app.get("/api/timeline?action=timeline"), 400, "customerId");
        var number = app.post("/api/timeline", "{\"action\":\"update_profile\",\"customerId\":123}");
        assertProblem(number, 400, "customerId");
        assertThat(number.json().path("detail").asString()).contains("must be a string");
    }

    @Test
    void identifiersAreShortNamesAreCutAndWhatPeopleWriteMayBeLong() {
        String email = unique("long") + "@example.co.za";
        var tooLong = app.sync("sync_email_thread", Events.email("m" + "1".repeat(2_000), email).json());
        assertProblem(tooLong, 400, "data.email_id");
        assertThat(tooLong.json().path("detail").asString()).contains("longer than 2000 characters");
        assertProblem(app.sync("sync_social_interaction", Events.social("x", unique("p"), "hi")
                .with("post_url", "https://x.com/" + "a".repeat(2_000)).json()), 400, "data.post_url");

        // a name or subject someone else chose is cut, not refused: the touchpoint is kept
        String longBody = "Ek soek die Sonos Era 100 in wit. ".repeat(3_000); // ~100,000 characters
        assertThat(app.sync("sync_email_thread", Events.email(unique("m"), email).with("from_name", "Prize Desk ".repeat(500))
                .with("subject", "Win ".repeat(1_000)).with("body", longBody).json()).status()).isEqualTo(200);
        var stored = app.jdbc().sql("SELECT subject, from_name, length(body) AS body FROM email_logs WHERE from_email = :e")
                .param("e", email).query().singleRow();
        assertThat((String) stored.get("subject")).hasSize(2_000).startsWith("Win Win").endsWith("Win…");
        assertThat((String) stored.get("from_name")).hasSize(2_000).endsWith("…");
        assertThat(stored.get("body")).isEqualTo(longBody.strip().length());
        assertThat(app.get("/api/timeline?action=profile&customerId=" + email).json().path("name").asString()).hasSize(2_000);

        assertProblem(app.sync("sync_email_thread", Events.email(unique("m"), email).with("body", "x".repeat(200_001)).json()),
                400, "data.body");
    }

    @Test
    void rejectedEventLeavesNothingHalfWritten() {
        String email = unique("atomic") + "@example.co.za";
        long orderId = uniqueNumber();
        app.sync("sync_opencart_order", Events.order(orderId, email).with("order_total", "NaN").json());
        assertThat(app.jdbc().sql("SELECT count(*) FROM customer_identities WHERE value = :e").param("e", email)
                .query(Integer.class).single()).isZero();
        assertThat(app.jdbc().sql("SELECT count(*) FROM opencart_orders_cache WHERE order_id = :o").param("o", orderId)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void unknownCustomerIsA404() {
        assertProblem(app.get("/api/timeline?action=profile&customerId=" + unique("ghost") + "@example.co.za"), 404, "customerId");
        assertProblem(app.post("/api/timeline", "{\"action\":\"update_profile\",\"customerId\":\"ghost@nowhere.test\"}"), 404, "customerId");
    }

    @Test
    void missingOrWrongKeyIsA401() {
        assertProblem(app.post("/api/sync", "{}", null), 401, null);
        assertProblem(app.post("/api/sync", "{}", "Bearer wrong-key"), 401, null);
        var r = app.send(HttpRequest.newBuilder(app.uri("/api/timeline?action=recent")).GET());
        assertProblem(r, 401, null);
        assertThat(r.body()).doesNotContain(TestApp.API_KEY);
    }

    @Test
    void jsonSentAsPlainTextOrWithoutATypeIsReadAsJsonAsTheSeedDid() {
        String email = unique("plain") + "@example.co.za";
        String body = "{\"action\":\"sync_email_thread\",\"data\":" + Events.email(unique("m"), email).json() + "}";
        var plain = app.send(HttpRequest.newBuilder(app.uri("/api/sync")).header("Content-Type", "text/plain;charset=UTF-8")
                .header("Authorization", "Bearer " + TestApp.API_KEY).POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(plain.status()).as(plain.body()).isEqualTo(200);
        assertThat(plain.contentType()).startsWith("application/json");
        var untyped = app.send(HttpRequest.newBuilder(app.uri("/api/timeline")).header("Authorization", "Bearer " + TestApp.API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"update_profile\",\"customerId\":\"" + email
                        + "\",\"company\":\"Untyped Ltd\"}")));
        assertThat(untyped.status()).as(untyped.body()).isEqualTo(200);
        assertThat(untyped.json().path("company").asString()).isEqualTo("Untyped Ltd");
        assertProblem(app.send(HttpRequest.newBuilder(app.uri("/api/sync")).header("Content-Type", "text/plain")
                .header("Authorization", "Bearer " + TestApp.API_KEY).POST(HttpRequest.BodyPublishers.ofString("{nope"))), 400, "body");
    }

    @Test
    void aFormBodyIsA415ThatSaysWhichTypeToSend() {
        // curl -d without -H sends a form, whose body the server reads as form fields
        var form = app.send(HttpRequest.newBuilder(app.uri("/api/sync")).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Bearer " + TestApp.API_KEY).POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"x\"}")));
        assertProblem(form, 415, "Content-Type");
        assertThat(form.json().path("detail").asString()).contains("application/json");
    }

    @Test
    void bodyOverOneMegabyteIsA413() {
        String huge = "{\"action\":\"sync_email_thread\",\"data\":{\"body\":\"" + "x".repeat(1_100_000) + "\"}}";
        assertProblem(app.post("/api/sync", huge), 413, null);
    }

    @Test
    void bodyOverOneMegabyteSentInChunksIsA413() {
        String huge = "{\"action\":\"sync_email_thread\",\"data\":{\"body\":\"" + "x".repeat(1_100_000) + "\"}}";
        var chunked = HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofString(huge)); // no length
        assertProblem(app.send(HttpRequest.newBuilder(app.uri("/api/sync")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TestApp.API_KEY).POST(chunked)), 413, null);
    }

    @Test
    void aStrayNulCharacterIsDroppedFromAnEventAndRefusedInAQuery() {
        String email = unique("nul") + "@example.co.za";
        String emailId = unique("nul");
        var r = app.sync("sync_email_thread", Events.email(emailId + "\0", email).with("body", "bad \0byte").json());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        var stored = app.jdbc().sql("SELECT email_id, body FROM email_logs WHERE from_email = :e").param("e", email)
                .query().singleRow();
        assertThat(stored.get("email_id")).isEqualTo(emailId);
        assertThat(stored.get("body")).isEqualTo("bad byte");
        assertProblem(app.get("/api/timeline?action=profile&customerId=nul%00" + email), 400, null);
    }

    @Test
    void datesOutsideTheYearsOneTo9999AreA400() {
        String email = unique("far") + "@example.co.za";
        assertProblem(app.sync("sync_email_thread", Events.email(unique("m"), email).with("created_at", "+999999-01-15T08:45:00Z")
                .json()), 400, "data.created_at");
        assertProblem(app.get("/api/timeline?action=timeline&customerId=" + email + "&dateFrom=%2B999999999-01-01"), 400, "dateFrom");
        assertProblem(app.get("/api/timeline?action=timeline&customerId=" + email + "&dateTo=%2B20000-01-01T00:00:00Z"), 400, "dateTo");
    }

    @Test
    void anAmountThatWouldOverflowTheCustomersTotalsIsA400AndChangesNothing() {
        String email = unique("whale") + "@example.co.za"; // refunds, so as not to top the shared database's "top" list
        assertThat(app.sync("sync_opencart_order", Events.order(uniqueNumber(), email).with("order_total", -999_999_999_999L).json())
                .status()).isEqualTo(200);
        var second = app.sync("sync_opencart_order", Events.order(uniqueNumber(), email).with("order_total", -999_999_999_999L).json());
        assertProblem(second, 400, null);
        assertThat(second.json().path("detail").asString()).contains("out of range").doesNotContain("UPDATE").doesNotContain("SQL");
        var profile = app.get("/api/timeline?action=profile&customerId=" + email).json();
        assertThat(profile.path("total_orders").asInt()).isEqualTo(1);
        assertThat(app.get("/api/timeline?action=timeline&customerId=" + email).json().path("timeline")).hasSize(1);
    }

    @Test
    void aTouchpointDatedMoreThanADayAheadIsA400NamingTheField() {
        String email = unique("future") + "@example.co.za";
        var farAhead = app.sync("sync_opencart_order", Events.order(uniqueNumber(), email)
                .with("order_date", java.time.Instant.now().plus(java.time.Duration.ofDays(10)).toString()).json());
        assertProblem(farAhead, 400, "data.order_date");
        assertThat(farAhead.json().path("detail").asString()).contains("more than a day ahead");
        assertThat(app.get("/api/timeline?action=profile&customerId=" + email).status()).as("nothing written").isEqualTo(404);
        // a sender's clock a few hours fast is still taken
        assertThat(app.sync("sync_opencart_order", Events.order(uniqueNumber(), email)
                .with("order_date", java.time.Instant.now().plus(java.time.Duration.ofHours(3)).toString()).json()).status()).isEqualTo(200);
    }

    @Test
    void healthAndApiDocsAreOpen() {
        assertThat(app.send(HttpRequest.newBuilder(app.uri("/actuator/health")).GET()).status()).isEqualTo(200);
        assertThat(app.send(HttpRequest.newBuilder(app.uri("/actuator/health/readiness")).GET()).status()).isEqualTo(200);
        assertThat(app.bean(org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups.class).get("readiness").isMember("db"))
                .as("ready only with its database").isTrue();
        var docs = app.send(HttpRequest.newBuilder(app.uri("/v3/api-docs")).GET());
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/timeline", "/api/sync", "lifetime_value", "next_cursor", "reasons");
        assertThat(docs.body()).contains("\"name\":\"customerId\"", "\"name\":\"dateFrom\"", "\"name\":\"cursor\"")
                .doesNotContain("\"name\":\"params\"");
        // the inbound channels take a JSON object and their own secret; the import takes the file as it is
        for (String[] inbound : new String[][] {{"/api/webhooks/timeline", "timelineWebhook"}, {"/api/integrations/call-system", "callSystem"}}) {
            var post = docs.json().path("paths").path(inbound[0]).path("post");
            assertThat(post.path("parameters").findValuesAsString("name")).as(inbound[0]).doesNotContain("headers");
            assertThat(post.path("requestBody").path("content").path("application/json").path("schema").path("type").asString())
                    .isEqualTo("object");
            assertThat(post.path("security").toString()).isEqualTo("[{\"" + inbound[1] + "\":[]}]");
        }
        // every documented sync example is accepted as it stands (ids made unique for this test database)
        var examples = docs.json().path("paths").path("/api/sync").path("post").path("requestBody").path("content")
                .path("application/json").path("examples");
        assertThat(examples.propertyNames()).containsExactlyInAnyOrder("sync_opencart_order", "sync_social_interaction",
                "sync_quote_session", "sync_email_thread", "sync_call_transcript", "bulk_update_profiles");
        String tag = Long.toString(uniqueNumber());
        for (String name : examples.propertyNames()) {
            String body = examples.path(name).path("value").toString().replace("12345", tag).replace("qs_abc123", "qs_" + tag)
                    .replace("msg_xyz789", "msg_" + tag).replace("call_1", "call_" + tag).replace("@example.com", "." + tag + "@example.com")
                    .replace("abc123", "p" + tag).replace("555 1234", "555 " + tag.substring(tag.length() - 4));
            var r = app.post("/api/sync", body);
            assertThat(r.status()).as(name + ": " + r.body()).isEqualTo(200);
        }
        var importBody = docs.json().path("paths").path("/api/import/{source}").path("post").path("requestBody").path("content");
        assertThat(importBody.propertyNames()).contains("text/csv", "application/x-ndjson", "multipart/form-data");
        // what a generated client is built from: JSON bodies as any JSON (not Jackson's node class), errors as problems,
        // the endpoints' descriptions open, the dashboard's pages left out
        assertThat(docs.body()).doesNotContain("value_node", "missing_node");
        var paths = docs.json().path("paths");
        assertThat(paths.path("/api/sync").path("post").path("responses").path("401").path("content").propertyNames())
                .containsExactly("application/problem+json");
        assertThat(paths.path("/api/sync").path("post").path("responses").path("200").path("content").propertyNames())
                .containsExactly("application/json");
        for (String open : new String[] {"/api/webhooks/timeline", "/api/integrations/call-system"}) {
            assertThat(paths.path(open).path("get").path("security").toString()).as(open).isEqualTo("[]");
            assertThat(paths.path(open).path("get").path("responses").has("401")).as(open).isFalse();
        }
        assertThat(paths.propertyNames()).allMatch(p -> p.startsWith("/api/"));
        assertThat(paths.path("/api/connectors/{name}/run").path("post").path("responses").propertyNames()).contains("202", "409");
    }
}
