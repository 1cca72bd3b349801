package io.customertimeline.tasks;

import static io.customertimeline.TestApp.CALL_SYSTEM_SECRET;
import static io.customertimeline.TestApp.unique;
import static io.customertimeline.TestApp.uniqueNumber;
import static org.assertj.core.api.Assertions.assertThat;

import io.customertimeline.Events;
import io.customertimeline.TestApp;
import io.customertimeline.calls.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Follow-up tasks over real HTTP: made by calls, emails and posts; closed by what fulfils them. */
class TasksApiTest {

    final TestApp app = TestApp.get();

    static String phone() {
        return "+2783" + String.format("%07d", uniqueNumber() % 10_000_000);
    }

    static String enc(String id) {
        return id.replace("+", "%2B");
    }

    /** A Vapi fixture for a new call to {@code phone}, ended {@code endedAt}. */
    String vapiCall(String fixture, String phone, Instant endedAt) {
        ObjectNode root = (ObjectNode) app.json.readTree(Fixtures.bytes("vapi/" + fixture));
        ObjectNode m = (ObjectNode) root.get("message");
        ((ObjectNode) m.get("call")).put("id", unique("call-"));
        ((ObjectNode) m.get("customer")).put("number", phone);
        ((ObjectNode) m.at("/call/customer")).put("number", phone);
        m.put("startedAt", endedAt.minusSeconds(60).toString());
        m.put("endedAt", endedAt.toString());
        return root.toString();
    }

    TestApp.Response call(String body) {
        var r = app.post("/api/integrations/call-system", body, "Bearer " + CALL_SYSTEM_SECRET);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    JsonNode tasksOf(String customer, String status) {
        return app.get("/api/tasks?status=" + status + "&customerId=" + enc(customer)).json().path("tasks");
    }

    @Test
    void complaintCallMakesTasksThatShowBesideTheTimeline() {
        String phone = phone();
        call(vapiCall("end-of-call-report-outbound-complaint.json", phone, Instant.now()));

        JsonNode tasks = tasksOf(phone, "open");

        assertThat(tasks.findValuesAsString("kind")).containsExactlyInAnyOrder("callback", "complaint", "order_problem");
        JsonNode order = tasks.valueStream().filter(t -> t.path("kind").asString().equals("order_problem")).findFirst().orElseThrow();
        assertThat(order.path("title").asString()).startsWith("Resolve order problem for Pieter van der Merwe (order #10234)");
        assertThat(order.path("reason").asString()).contains("still hasn't arrived");
        assertThat(order.path("due_phrase").asString()).isEqualTo("tomorrow");
        assertThat(order.path("overdue").asBoolean()).isFalse();
        var timeline = app.get("/api/timeline?action=timeline&customerId=" + enc(phone)).json();
        assertThat(timeline.path("related").path("open_tasks")).hasSize(3);
        var details = app.get("/api/timeline?action=customer_details&customerId=" + enc(phone)).json();
        assertThat(details.path("related").path("open_tasks")).hasSize(3);
    }

    @Test
    void openTasksComeWithTheFirstPageOfTheTimelineOnly() {
        String phone = phone();
        call(vapiCall("end-of-call-report-outbound-complaint.json", phone, Instant.now().minus(1, ChronoUnit.HOURS)));
        app.sync("sync_quote_session", Events.quote(unique("qs_"), unique("pages") + "@example.co.za")
                .with("customer_phone", phone).json());

        var first = app.get("/api/timeline?action=timeline&limit=1&customerId=" + enc(phone)).json();
        assertThat(first.path("related").path("open_tasks")).hasSize(3);
        var second = app.get("/api/timeline?action=timeline&limit=1&customerId=" + enc(phone) + "&cursor="
                + enc(first.path("next_cursor").asString())).json();
        assertThat(second.path("timeline")).hasSize(1);
        assertThat(second.path("timeline").get(0).path("id").asString()).isNotEqualTo(first.path("timeline").get(0).path("id").asString());
        assertThat(second.has("related")).isFalse();
    }

    @Test
    void theTimelineShowsNoOpenTasksOnceAllAreDoneAndTheReopenedOneAgain() {
        String phone = phone();
        call(vapiCall("end-of-call-report-outbound-complaint.json", phone, Instant.now()));
        List<String> ids = tasksOf(phone, "open").findValuesAsString("id");
        ids.forEach(id -> assertThat(app.post("/api/tasks/" + id + "/complete", "").status()).isEqualTo(200));

        JsonNode none = app.get("/api/timeline?action=timeline&customerId=" + enc(phone)).json().path("related").path("open_tasks");
        assertThat(none.isArray()).as("open_tasks is still there, empty").isTrue();
        assertThat(none).isEmpty();

        app.post("/api/tasks/" + ids.get(0) + "/reopen", "");
        JsonNode one = app.get("/api/timeline?action=timeline&customerId=" + enc(phone)).json().path("related").path("open_tasks");
        assertThat(one.findValuesAsString("id")).containsExactly(ids.get(0));
        assertThat(app.get("/api/timeline?action=customer_details&customerId=" + enc(phone)).json()
                .path("related").path("open_tasks").findValuesAsString("id")).containsExactly(ids.get(0));
    }

    @Test
    void noConversationMeansNoTasks() {
        String phone = phone();
        call(vapiCall("end-of-call-report-no-answer.json", phone, Instant.now()));

        assertThat(tasksOf(phone, "all")).isEmpty();
    }

    /**
     * Retell's report of an outbound call to {@code phone} that reached a greeting asking to be
     * called back; only call_analyzed knows it was a voicemail ({@code in_voicemail}).
     */
    String retellVoicemailGreeting(String event, String callId, String phone) {
        ObjectNode root = (ObjectNode) app.json.readTree(Fixtures.bytes("retell/call-analyzed-in-voicemail.json"));
        root.put("event", event);
        ObjectNode call = (ObjectNode) root.get("call");
        call.put("call_id", callId);
        call.put("to_number", phone);
        ((ObjectNode) call.get("transcript_object").get(0)).put("content",
                "You've reached Naledi's phone, please call me back later, leave a message after the tone.");
        call.remove("transcript");
        if (event.equals("call_ended")) {
            call.remove("call_analysis");
        }
        return root.toString();
    }

    @Test
    void aCallTheAnalysisFindsWasAVoicemailClosesTheTasksItsFirstReportMade() {
        String phone = phone();
        String callId = unique("call-");
        call(retellVoicemailGreeting("call_ended", callId, phone));
        assertThat(tasksOf(phone, "open").findValuesAsString("kind")).containsExactly("callback");

        var analyzed = call(retellVoicemailGreeting("call_analyzed", callId, phone));

        assertThat(tasksOf(phone, "open")).isEmpty();
        JsonNode done = tasksOf(phone, "done").get(0);
        assertThat(done.path("completed_by").asString()).isEqualTo("auto");
        assertThat(done.path("closed_by_interaction_id").asString()).isEqualTo(analyzed.json().path("interaction_id").asString());
    }

    @Test
    void aVoicemailAnalysedBeforeItsCallEndedMakesNoTasks() {
        String phone = phone();
        String callId = unique("call-");
        call(retellVoicemailGreeting("call_analyzed", callId, phone));

        call(retellVoicemailGreeting("call_ended", callId, phone));

        assertThat(tasksOf(phone, "all")).isEmpty();
    }

    @Test
    void repeatedAndUpdatedReportsDoNotDuplicateTasks() {
        String phone = phone();
        String body = vapiCall("end-of-call-report-outbound-complaint.json", phone, Instant.now());
        call(body);
        ObjectNode changed = (ObjectNode) app.json.readTree(body);
        ((ObjectNode) changed.at("/message/analysis")).put("summary", "Updated summary: order 10234 is late.");
        call(changed.toString());

        assertThat(tasksOf(phone, "all")).hasSize(3);
    }

    @Test
    void promisedQuoteClosesWhenAQuoteSessionArrives() {
        String phone = phone();
        String email = unique("quote") + "@example.co.za";
        var callResponse = call(vapiCall("end-of-call-report-inbound-quote.json", phone, Instant.now().minusSeconds(600)));
        assertThat(tasksOf(phone, "open").findValuesAsString("kind")).containsExactly("quote_or_info");

        var quote = app.sync("sync_quote_session", Events.quote(unique("qs_"), email).with("customer_phone", phone)
                .with("created_at", Instant.now().toString()).json());

        assertThat(tasksOf(phone, "open")).isEmpty();
        JsonNode done = tasksOf(phone, "done").get(0);
        assertThat(done.path("completed_by").asString()).isEqualTo("auto");
        assertThat(done.path("closed_by_interaction_id").asString()).isEqualTo(quote.json().path("interaction_id").asString());
        assertThat(done.path("source_interaction_id").asString()).isEqualTo(callResponse.json().path("interaction_id").asString());

        // an agent on a page from before the quote marks it done too: it stays closed by the quote, when the quote came
        var again = app.post("/api/tasks/" + done.path("id").asString() + "/complete", "");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("completed_by").asString()).isEqualTo("auto");
        assertThat(again.json().path("completed_at").asString()).isEqualTo(done.path("completed_at").asString());
    }

    @Test
    void requestedCallbackClosesOnlyWhenAnOutboundCallIsAnswered() {
        String phone = phone();
        Instant asked = Instant.now().minusSeconds(3600);
        String body = "{\"call_id\":\"" + unique("c") + "\",\"direction\":\"inbound\",\"customer_phone\":\"" + phone
                + "\",\"ended_at\":\"" + asked + "\",\"turns\":[{\"speaker\":\"customer\",\"text\":\"Please call me back tomorrow.\"}]}";
        call(body);
        assertThat(tasksOf(phone, "open").findValuesAsString("kind")).containsExactly("callback");

        call("{\"call_id\":\"" + unique("c") + "\",\"direction\":\"outbound\",\"to_number\":\"" + phone
                + "\",\"ended_at\":\"" + asked.plusSeconds(600) + "\",\"status\":\"no_answer\"}");
        assertThat(tasksOf(phone, "open")).hasSize(1);

        var answered = call("{\"call_id\":\"" + unique("c") + "\",\"direction\":\"outbound\",\"to_number\":\"" + phone
                + "\",\"ended_at\":\"" + asked.plusSeconds(1200) + "\",\"status\":\"completed\"}");
        assertThat(tasksOf(phone, "open")).isEmpty();
        assertThat(tasksOf(phone, "done").get(0).path("closed_by_interaction_id").asString())
                .isEqualTo(answered.json().path("interaction_id").asString());
    }

    @Test
    void overdueTaskIsAnAttentionReasonUntilSnoozedOrDone() {
        String phone = phone();
        call(vapiCall("end-of-call-report-inbound-quote.json", phone, Instant.now().minus(20, ChronoUnit.DAYS)));
        JsonNode task = tasksOf(phone, "overdue").get(0);
        String id = task.path("id").asString();
        String customer = task.path("customer_id").asString();
        assertThat(task.path("overdue").asBoolean()).isTrue();
        assertThat(attentionCodes(customer)).contains("task_overdue");

        var snoozed = app.post("/api/tasks/" + id + "/snooze", "{\"for\": \"2h\"}");
        assertThat(snoozed.status()).isEqualTo(200);
        assertThat(snoozed.json().path("overdue").asBoolean()).isFalse();
        assertThat(attentionCodes(customer)).doesNotContain("task_overdue");

        var done = app.post("/api/tasks/" + id + "/complete", "");
        assertThat(done.json().path("status").asString()).isEqualTo("done");
        assertThat(done.json().path("completed_by").asString()).isEqualTo("staff");
        var reopened = app.post("/api/tasks/" + id + "/reopen", "");
        assertThat(reopened.json().path("status").asString()).isEqualTo("open");
        assertThat(reopened.json().path("completed_at").isNull()).isTrue();
    }

    String attentionCodes(String customerId) {
        JsonNode customers = app.get("/api/timeline?action=attention&limit=200").json().path("customers");
        return customers.valueStream().filter(c -> c.path("id").asString().equals(customerId))
                .map(c -> c.path("reasons").toString()).findFirst().orElse("");
    }

    @Test
    void tasksFollowAProfileMerge() {
        String phone = phone();
        String email = unique("merge") + "@example.co.za";
        call(vapiCall("end-of-call-report-inbound-quote.json", phone, Instant.now()));
        app.sync("sync_email_thread", Events.email(unique("msg_"), email).with("category", "newsletter").json());

        app.sync("sync_opencart_order", Events.order(uniqueNumber(), email).with("customer_phone", phone).json());

        JsonNode byEmail = tasksOf(email, "open");
        assertThat(byEmail.findValuesAsString("kind")).contains("quote_or_info");
        String survivor = app.get("/api/timeline?action=profile&customerId=" + email).json().path("id").asString();
        assertThat(byEmail.findValuesAsString("customer_id")).containsOnly(survivor);
    }

    @Test
    void supportEmailNeedsAReplyAndAnOutboundMailClosesIt() {
        String email = unique("support") + "@example.co.za";
        app.sync("sync_email_thread", Events.email(unique("msg_"), email).with("category", "support")
                .with("subject", "Soundbar keeps disconnecting").with("created_at", Instant.now().minusSeconds(60).toString()).json());
        JsonNode task = tasksOf(email, "open").get(0);
        assertThat(task.path("kind").asString()).isEqualTo("respond");
        assertThat(task.path("title").asString()).isEqualTo("Reply to support from Customer Name: Soundbar keeps disconnecting");

        app.sync("sync_email_thread", Events.email(unique("msg_"), "shop@audico.co.za").with("direction", "outbound")
                .with("to_email", email).with("created_at", Instant.now().toString()).json());

        assertThat(tasksOf(email, "open")).isEmpty();
    }

    @Test
    void anEarlierReplySentAgainDoesNotCloseAQuestionAskedAfterIt() {
        String email = unique("later") + "@example.co.za";
        String reply = unique("msg_");
        var sentMonday = Events.email(reply, "shop@audico.co.za").with("direction", "outbound").with("to_email", email)
                .with("created_at", Instant.now().minus(Duration.ofDays(2)).toString());
        app.sync("sync_email_thread", sentMonday.json());
        app.sync("sync_email_thread", Events.email(unique("msg_"), email).with("category", "support")
                .with("subject", "Still not working").with("created_at", Instant.now().minus(Duration.ofDays(1)).toString()).json());
        assertThat(tasksOf(email, "open")).hasSize(1);

        // Monday's reply delivered again with a new status (a mail connector's second pass, a webhook retry)
        app.sync("sync_email_thread", sentMonday.with("status", "sent").json());

        assertThat(tasksOf(email, "open")).as("Tuesday's question has had no answer").hasSize(1);
    }

    @Test
    void aTaskReopenedByStaffStaysOpenUntilAContactAfterTheReopening() {
        String email = unique("reopen") + "@example.co.za";
        app.sync("sync_email_thread", Events.email(unique("msg_"), email).with("category", "support")
                .with("subject", "Remote lost").with("created_at", Instant.now().minus(Duration.ofHours(3)).toString()).json());
        var reply = Events.email(unique("msg_"), "shop@audico.co.za").with("direction", "outbound").with("to_email", email)
                .with("created_at", Instant.now().minus(Duration.ofHours(2)).toString());
        app.sync("sync_email_thread", reply.json());
        String id = tasksOf(email, "done").get(0).path("id").asString();

        assertThat(app.post("/api/tasks/" + id + "/reopen", "{}").status()).isEqualTo(200);
        app.sync("sync_email_thread", reply.with("status", "sent").json()); // the same reply, delivered again

        assertThat(tasksOf(email, "open")).as("the person who reopened it decided it was not done").hasSize(1);
        app.sync("sync_email_thread", Events.email(unique("msg_"), "shop@audico.co.za").with("direction", "outbound")
                .with("to_email", email).with("created_at", Instant.now().toString()).json());
        assertThat(tasksOf(email, "open")).as("a reply after the reopening closes it").isEmpty();
    }

    @Test
    void socialPostThatNeedsAResponseMakesATask() {
        String handle = "@" + unique("fan");
        app.sync("sync_social_interaction", Events.social("instagram", handle, "Where is my order?! Nobody replies.")
                .with("requires_response", true).with("interaction_date", Instant.now().toString()).json());

        JsonNode task = tasksOf("instagram:" + handle.substring(1), "open").get(0);

        assertThat(task.path("title").asString()).isEqualTo("Respond to instagram mention from " + handle);
    }

    @Test
    void badRequestsAreNamedProblems() {
        assertThat(app.get("/api/tasks?status=someday").json().path("field").asString()).isEqualTo("status");
        assertThat(app.get("/api/tasks/" + java.util.UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(app.get("/api/tasks/not-a-uuid").status()).isEqualTo(400);
        assertThat(app.get("/api/tasks?customerId=nobody-" + uniqueNumber() + "@example.com").status()).isEqualTo(404);
        var task = app.get("/api/tasks?status=all&limit=1").json().path("tasks");
        if (!task.isEmpty()) {
            String id = task.get(0).path("id").asString();
            assertThat(app.post("/api/tasks/" + id + "/snooze", "{\"for\": \"soon\"}").json().path("field").asString())
                    .isEqualTo("for");
            assertThat(app.post("/api/tasks/" + id + "/snooze", "{}").status()).isEqualTo(400);
        }
        assertThat(app.send(java.net.http.HttpRequest.newBuilder(app.uri("/api/tasks")).GET()).status()).isEqualTo(401);
    }
}
