package io.customertimeline.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.customertimeline.calls.CallDelivery;
import io.customertimeline.calls.CallPayloads;
import io.customertimeline.calls.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class FollowUpRulesTest {

    static final ZoneId JOBURG = ZoneId.of("Africa/Johannesburg");
    static final Instant RECEIVED = Instant.parse("2025-01-15T10:05:00Z");
    static final JsonMapper JSON = JsonMapper.builder().build();

    final FollowUpRules rules = FollowUpRules.from(TaskProperties.defaults());

    static JsonNode fixtureCall(String name) {
        return ((CallDelivery.Accepted) new CallPayloads().read(Fixtures.bytes(name))).call();
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    static String local(Instant instant) {
        return instant.atZone(JOBURG).toLocalDateTime().toString();
    }

    /** A completed inbound call on Wednesday 15 January 2025 at 12:00 in Johannesburg. */
    static JsonNode call(String turnsJson, String extra) {
        return json("""
                {"call_id": "c1", "vendor": "plain", "direction": "inbound", "customer_phone": "+27821234567",
                 "customer_name": "Thandi Nkosi", "started_at": "2025-01-15T09:59:00Z", "ended_at": "2025-01-15T10:00:00Z",
                 "status": "completed", "turns": %s %s}
                """.formatted(turnsJson, extra));
    }

    static String turns(String... speakerAndText) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < speakerAndText.length; i += 2) {
            out.append(i == 0 ? "" : ",").append("{\"speaker\":\"").append(speakerAndText[i])
                    .append("\",\"text\":\"").append(speakerAndText[i + 1]).append("\"}");
        }
        return out.append("]").toString();
    }

    @Nested
    class VendorCalls {
        @Test
        void promisedQuoteIsDueWhenTheAgentSaid() {
            List<FollowUp> tasks = rules.forCall(fixtureCall("vapi/end-of-call-report-inbound-quote.json"), RECEIVED);

            assertThat(tasks).hasSize(1);
            FollowUp quote = tasks.get(0);
            assertThat(quote.kind()).isEqualTo(TaskKind.QUOTE_OR_INFO);
            assertThat(quote.title()).isEqualTo("Send quote to Thandi Nkosi");
            assertThat(quote.reason()).isEqualTo("I'll email you a quote with the brackets by Friday.");
            assertThat(quote.duePhrase()).isEqualTo("by Friday");
            assertThat(local(quote.due())).isEqualTo("2025-01-17T17:00");
        }

        @Test
        void lateOrderWithComplaintGetsCallbackComplaintAndOrderTasks() {
            List<FollowUp> tasks = rules.forCall(fixtureCall("vapi/end-of-call-report-outbound-complaint.json"), RECEIVED);

            assertThat(tasks).extracting(FollowUp::kind, FollowUp::title, t -> local(t.due())).containsExactly(
                    tuple(TaskKind.CALLBACK, "Call back Pieter van der Merwe", "2025-01-16T17:00"),
                    tuple(TaskKind.COMPLAINT, "Resolve complaint from Pieter van der Merwe", "2025-01-16T17:00"),
                    tuple(TaskKind.ORDER_PROBLEM, "Resolve order problem for Pieter van der Merwe (order #10234)",
                            "2025-01-16T17:00"));
            assertThat(tasks.get(0).reason())
                    .isEqualTo("I'll ask our dispatch manager to call you back tomorrow with a delivery date.");
            assertThat(tasks.get(1).reason()).isEqualTo("Honestly this is unacceptable, I've been waiting two weeks.");
            assertThat(tasks.get(2).reason())
                    .isEqualTo("My order 10234 still hasn't arrived and it was promised for last week.");
        }

        @Test
        void requestedCallbackAndFaultyPurchaseFromRetell() {
            List<FollowUp> tasks = rules.forCall(fixtureCall("retell/call-analyzed-inbound.json"), RECEIVED);

            assertThat(tasks).extracting(FollowUp::kind, FollowUp::duePhrase).containsExactly(
                    tuple(TaskKind.CALLBACK, "this afternoon"),
                    tuple(TaskKind.ORDER_PROBLEM, "this afternoon")); // the agent's answer two sentences on
            assertThat(tasks.get(0).title()).isEqualTo("Call back Naledi Mokoena");
            assertThat(tasks.get(0).reason()).isEqualTo("Can someone please call me back this afternoon?");
            assertThat(local(tasks.get(0).due())).isEqualTo("2025-01-15T17:00");
            assertThat(tasks.get(1).reason()).contains("HDMI port stopped working");
        }

        @Test
        void callEndedAndCallAnalyzedProposeTheSameTasks() {
            assertThat(rules.forCall(fixtureCall("retell/call-ended-inbound.json"), RECEIVED))
                    .isEqualTo(rules.forCall(fixtureCall("retell/call-analyzed-inbound.json"), RECEIVED));
        }

        @Test
        void priceComplaintAndPromiseToGetBack() {
            List<FollowUp> tasks = rules.forCall(fixtureCall("retell/call-analyzed-outbound-complaint.json"), RECEIVED);

            assertThat(tasks).extracting(FollowUp::kind, FollowUp::title).containsExactly(
                    tuple(TaskKind.QUOTE_OR_INFO, "Get back to +27609998888 with the promised information"),
                    tuple(TaskKind.COMPLAINT, "Resolve complaint from +27609998888"));
            assertThat(tasks.get(0).duePhrase()).isEqualTo("in 2 days");
            assertThat(local(tasks.get(0).due())).isEqualTo("2025-01-17T17:00");
        }

        @ParameterizedTest
        @ValueSource(strings = {"vapi/end-of-call-report-no-answer.json", "vapi/end-of-call-report-busy.json",
                "vapi/end-of-call-report-voicemail.json", "vapi/end-of-call-report-silence.json",
                "vapi/end-of-call-report-failed.json", "retell/call-ended-dial-no-answer.json",
                "retell/call-ended-dial-busy.json", "retell/call-ended-dial-failed.json",
                "retell/call-ended-voicemail-reached.json", "retell/call-analyzed-in-voicemail.json"})
        void callsWithoutAConversationMakeNoTasks(String fixture) {
            assertThat(rules.forCall(fixtureCall(fixture), RECEIVED)).isEmpty();
        }

        @Test
        void aPleasantCallMakesNoTasks() {
            assertThat(rules.forCall(fixtureCall("plain/call.json"), RECEIVED)).isEmpty();
        }
    }

    @Nested
    class Rules {
        @Test
        void agentQuestionsPromiseNothing() {
            JsonNode call = call(turns("agent", "Shall I call you back tomorrow?", "customer", "No thanks, that's fine."), "");

            assertThat(rules.forCall(call, RECEIVED)).isEmpty();
        }

        @Test
        void customerDecliningACallbackIsNoCallback() {
            JsonNode call = call(turns("customer", "No need to call me back, thanks."), "");

            assertThat(rules.forCall(call, RECEIVED)).isEmpty();
        }

        @Test
        void customerSayingTheyWillCallBackIsNoTaskForUs() {
            JsonNode call = call(turns("customer", "I'll call back later when I have my order number."), "");

            assertThat(rules.forCall(call, RECEIVED)).isEmpty();
        }

        @Test
        void customerAskingForAQuoteIsAQuoteTask() {
            JsonNode call = call(turns("customer", "Could I get a quote for ten ceiling speakers?",
                    "agent", "Sure."), "");

            assertThat(rules.forCall(call, RECEIVED)).extracting(FollowUp::kind, FollowUp::title)
                    .containsExactly(tuple(TaskKind.QUOTE_OR_INFO, "Send quote to Thandi Nkosi"));
        }

        @Test
        void withoutASpokenDateTheDefaultApplies() {
            JsonNode call = call(turns("customer", "Please call me back about the amplifier."), "");

            FollowUp task = rules.forCall(call, RECEIVED).get(0);

            assertThat(task.duePhrase()).isNull();
            assertThat(local(task.due())).isEqualTo("2025-01-16T17:00");
        }

        @Test
        void theSummaryCountsWhenTheTranscriptIsSilentOnIt() {
            JsonNode call = call("[]", ", \"summary\": \"Customer requested a callback on Monday about a refund.\"");

            List<FollowUp> tasks = rules.forCall(call, RECEIVED);

            assertThat(tasks).extracting(FollowUp::kind).containsExactly(TaskKind.CALLBACK);
            assertThat(local(tasks.get(0).due())).isEqualTo("2025-01-20T17:00");
        }

        @Test
        void unsuccessfulCallWithoutComplaintIsFollowedUp() {
            JsonNode call = call(turns("customer", "Hi, what are your opening hours?", "agent", "We open at nine."),
                    ", \"successful\": false, \"ended_reason\": \"customer-ended-call\"");

            List<FollowUp> tasks = rules.forCall(call, RECEIVED);

            assertThat(tasks).extracting(FollowUp::kind, FollowUp::title).containsExactly(
                    tuple(TaskKind.COMPLAINT, "Follow up unsuccessful call with Thandi Nkosi"));
            assertThat(tasks.get(0).reason()).contains("marked this call unsuccessful (customer-ended-call)");
        }

        @Test
        void transcriptLinesWithSpeakerPrefixesWorkWithoutTurns() {
            JsonNode call = json("""
                    {"call_id": "c2", "direction": "inbound", "customer_phone": "+27821234567", "status": "completed",
                     "ended_at": "2025-01-15T10:00:00Z",
                     "transcript": "AI: Audico, how can I help?\\nUser: The speaker I ordered arrived damaged.\\nAI: I'm sorry, we'll sort it out today."}
                    """);

            List<FollowUp> tasks = rules.forCall(call, RECEIVED);

            assertThat(tasks).extracting(FollowUp::kind).containsExactly(TaskKind.ORDER_PROBLEM);
            assertThat(tasks.get(0).duePhrase()).isEqualTo("today");
        }

        @Test
        void happyCustomerSayingNoComplaintsIsNoComplaint() {
            JsonNode call = call(turns("customer", "No complaints at all, the install was perfect."), "");

            assertThat(rules.forCall(call, RECEIVED)).isEmpty();
        }

        @Test
        void missingEventTimeFallsBackToReceipt() {
            JsonNode call = json("""
                    {"call_id": "c3", "direction": "inbound", "customer_phone": "+27821234567", "status": "completed",
                     "turns": [{"speaker": "customer", "text": "Call me tomorrow please."}]}
                    """);

            assertThat(local(rules.forCall(call, RECEIVED).get(0).due())).isEqualTo("2025-01-16T17:00");
        }
    }

    @Nested
    class EmailAndSocial {
        @Test
        void supportEmailNeedsAReplyWithinADay() {
            JsonNode email = json("""
                    {"email_id": "msg_abc123", "from_email": "customer@example.com", "from_name": "Customer Name",
                     "subject": "Support request", "body": "I need help with my soundbar. It keeps disconnecting.",
                     "category": "support", "status": "unread", "sentiment": "neutral", "created_at": "2025-01-15T12:00:00Z"}
                    """);

            FollowUp task = rules.forEmail(email, RECEIVED).orElseThrow();

            assertThat(task.kind()).isEqualTo(TaskKind.RESPOND);
            assertThat(task.title()).isEqualTo("Reply to support from Customer Name: Support request");
            assertThat(task.reason()).isEqualTo("I need help with my soundbar.");
            assertThat(task.due()).isEqualTo(Instant.parse("2025-01-16T12:00:00Z"));
        }

        @Test
        void anEmailDatedWithoutAnOffsetIsDueFromThatTimeInTheShopsZone() {
            JsonNode email = json("""
                    {"email_id": "m-local", "from_email": "customer@example.com", "subject": "Support request",
                     "body": "I need help with my soundbar.", "category": "support", "status": "unread",
                     "created_at": "2024-03-01 09:00:00"}
                    """);

            assertThat(rules.forEmail(email, RECEIVED).orElseThrow().due())
                    .as("24 hours after 09:00 in Johannesburg, not after the email was received")
                    .isEqualTo(Instant.parse("2024-03-02T07:00:00Z"));
        }

        @Test
        void complaintEmailQuotesTheComplaint() {
            JsonNode email = json("""
                    {"email_id": "m2", "from_email": "pieter@example.co.za", "subject": "Order 10234",
                     "body": "Good morning. Your courier service is appalling and nobody answers the phone.",
                     "category": "Complaint", "created_at": "2025-01-15T12:00:00Z"}
                    """);

            FollowUp task = rules.forEmail(email, RECEIVED).orElseThrow();

            assertThat(task.title()).isEqualTo("Reply to complaint from pieter@example.co.za: Order 10234");
            assertThat(task.reason()).isEqualTo("Your courier service is appalling and nobody answers the phone.");
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "{\"category\": \"newsletter\", \"status\": \"unread\"}",
                "{\"category\": \"inquiry\", \"status\": \"replied\"}",
                "{\"category\": \"support\", \"direction\": \"outbound\"}",
                "{\"category\": \"support\", \"metadata\": {\"direction\": \"sent\"}}",
                "{\"subject\": \"no category\"}"})
        void emailsThatNeedNoReplyMakeNoTask(String email) {
            assertThat(rules.forEmail(json(email), RECEIVED)).isEmpty();
        }

        @Test
        void socialPostThatRequiresAResponse() {
            JsonNode post = json("""
                    {"platform": "instagram", "interaction_type": "comment", "customer_name": "Jane Smith",
                     "customer_handle": "@janesmith", "content": "Still no reply to my DM?! Where is my order.",
                     "sentiment": "negative", "post_url": "https://instagram.com/p/abc123", "requires_response": true,
                     "interaction_date": "2025-01-15T14:20:00Z"}
                    """);

            FollowUp task = rules.forSocial(post, RECEIVED).orElseThrow();

            assertThat(task.title()).isEqualTo("Respond to instagram comment from @janesmith");
            assertThat(task.reason()).isEqualTo("Still no reply to my DM?!");
            assertThat(task.due()).isEqualTo(Instant.parse("2025-01-15T14:20:00Z").plus(Duration.ofHours(48)));
        }

        @Test
        void socialPostWithoutRequiresResponseMakesNoTask() {
            assertThat(rules.forSocial(json("{\"platform\": \"twitter\", \"content\": \"Great service!\","
                    + " \"requires_response\": false}"), RECEIVED)).isEmpty();
            assertThat(rules.forSocial(json("{\"platform\": \"twitter\", \"content\": \"Great service!\"}"), RECEIVED))
                    .isEmpty();
        }

        @Test
        void configuredResponseTimesApply() {
            var props = new TaskProperties(JOBURG, LocalTime.of(17, 0), 1, Duration.ofHours(4), Duration.ofHours(2));
            var fast = FollowUpRules.from(props);

            assertThat(fast.forSocial(json("{\"requires_response\": \"true\", \"interaction_date\": \"2025-01-15T14:20:00Z\"}"),
                    RECEIVED).orElseThrow().due()).isEqualTo(Instant.parse("2025-01-15T16:20:00Z"));
        }
    }

    @Test
    void sentencesAreLowerCasedWithTheirWhitespaceFoldedToOneSpace() {
        assertThat(FollowUpRules.normalise("Please  CALL\tme \n\n back\u2019s\r\nnow \u000B\f ok"))
                .isEqualTo("please call me back's now ok");
        assertThat(FollowUpRules.normalise("one space each")).isEqualTo("one space each");
    }
}
