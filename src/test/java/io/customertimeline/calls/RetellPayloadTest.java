package io.customertimeline.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class RetellPayloadTest {

    private final CallPayloads payloads = new CallPayloads();

    private CallDelivery.Accepted accepted(String fixture) {
        CallDelivery delivery = payloads.read(Fixtures.bytes("retell/" + fixture));
        assertThat(delivery).isInstanceOf(CallDelivery.Accepted.class);
        return (CallDelivery.Accepted) delivery;
    }

    @Test
    void callEndedBecomesACanonicalCallWithTheCallerAsCustomer() {
        CallDelivery.Accepted delivery = accepted("call-ended-inbound.json");
        ObjectNode call = delivery.call();

        assertThat(delivery.event()).isEqualTo("call_ended");
        assertThat(delivery.callId()).isEqualTo("Jabr9TXYYJHfvl6Syypi88rdAHYHmcq6");
        assertThat(call.get("vendor").stringValue()).isEqualTo("retell");
        assertThat(call.get("direction").stringValue()).isEqualTo("inbound");
        assertThat(call.get("customer_phone").stringValue()).isEqualTo("+27726667777");
        assertThat(call.get("customer_name").stringValue()).isEqualTo("Naledi Mokoena");
        assertThat(call.get("customer_email").stringValue()).isEqualTo("naledi@example.co.za");
        assertThat(call.get("started_at").stringValue()).isEqualTo("2025-01-15T12:00:00Z");
        assertThat(call.get("ended_at").stringValue()).isEqualTo("2025-01-15T12:00:31.500Z");
        assertThat(call.get("duration_seconds").longValue()).isEqualTo(32);
        assertThat(call.get("status").stringValue()).isEqualTo("completed");
        assertThat(call.get("ended_reason").stringValue()).isEqualTo("user_hangup");
        assertThat(call.get("transcript").stringValue()).startsWith("Agent: Hello, thanks for calling Audico");
        assertThat(call.get("recording_url").stringValue()).endsWith("/recording.wav");
        assertThat(call.has("summary")).as("call_ended has no analysis yet").isFalse();
        assertThat(call.has("sentiment")).isFalse();
        assertThat(call.has("successful")).isFalse();
        assertThat(call.propertyNames()).isSubsetOf(CanonicalCall.FIELDS);
    }

    @Test
    void turnsCarrySpeakerAndTheFirstWordsStart() {
        JsonNode turns = accepted("call-ended-inbound.json").call().get("turns");

        assertThat(turns).hasSize(6);
        assertThat(turns.get(1).get("speaker").stringValue()).isEqualTo("customer");
        assertThat(turns.get(1).get("at_seconds").doubleValue()).isEqualTo(5.2);
        assertThat(turns.get(2).get("speaker").stringValue()).isEqualTo("agent");
    }

    @Test
    void callAnalyzedForTheSameCallAddsSummarySentimentAndSuccess() {
        CallDelivery.Accepted ended = accepted("call-ended-inbound.json");
        CallDelivery.Accepted analyzed = accepted("call-analyzed-inbound.json");
        ObjectNode call = analyzed.call();

        assertThat(analyzed.callId()).isEqualTo(ended.callId());
        assertThat(call.get("summary").stringValue()).contains("faulty HDMI port");
        assertThat(call.get("sentiment").stringValue()).isEqualTo("neutral");
        assertThat(call.get("successful").booleanValue()).isTrue();
        assertThat(call.get("analysis").get("product").stringValue()).isEqualTo("Denon AVR-X1800H");
        assertThat(call.get("turns")).isEqualTo(ended.call().get("turns"));
    }

    @Test
    void outboundCallNamesTheCalledNumberAsCustomer() {
        ObjectNode call = accepted("call-analyzed-outbound-complaint.json").call();

        assertThat(call.get("direction").stringValue()).isEqualTo("outbound");
        assertThat(call.get("customer_phone").stringValue()).isEqualTo("+27609998888");
        assertThat(call.get("from_number").stringValue()).isEqualTo("+27215550100");
        assertThat(call.get("sentiment").stringValue()).isEqualTo("negative");
        assertThat(call.get("successful").booleanValue()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            "call-ended-dial-no-answer.json, no_answer, dial_no_answer",
            "call-ended-dial-busy.json, busy, dial_busy",
            "call-ended-dial-failed.json, failed, dial_failed",
            "call-ended-voicemail-reached.json, voicemail, voicemail_reached",
            "call-analyzed-in-voicemail.json, voicemail, agent_hangup",
    })
    void callsWithoutAConversationSayWhyInTheirStatus(String fixture, String status, String reason) {
        ObjectNode call = accepted(fixture).call();

        assertThat(call.get("status").stringValue()).isEqualTo(status);
        assertThat(call.get("ended_reason").stringValue()).isEqualTo(reason);
        assertThat(call.get("customer_phone").stringValue()).isEqualTo("+27609998888");
    }

    @Test
    void aVoicemailOnlyTheAnalysisSawIsVoicemailWhicheverReportCameFirst() {
        ObjectNode analyzed = accepted("call-analyzed-in-voicemail.json").call();
        ObjectNode root = (ObjectNode) JsonMapper.builder().build().readTree(Fixtures.bytes("retell/call-analyzed-in-voicemail.json"));
        root.put("event", "call_ended");
        ((ObjectNode) root.get("call")).remove("call_analysis");
        CallDelivery.Accepted ended = (CallDelivery.Accepted) payloads.read(root);

        assertThat(ended.call().get("status").stringValue()).as("agent_hangup alone reads as a conversation").isEqualTo("completed");
        assertThat(CallSystemController.Processor.merge(ended.call(), analyzed, ended.beforeAnalysis()).get("status").stringValue())
                .isEqualTo("voicemail");
        assertThat(CallSystemController.Processor.merge(analyzed, ended.call(), false).get("status").stringValue())
                .isEqualTo("voicemail");
    }

    @Test
    void anErrorAfterTheCustomerSpokeEndsAConversationThatNeedsItsFollowUp() {
        assertThat(RetellAdapter.status("ended", "error_llm_websocket_lost_connection", false, true)).isEqualTo(CallStatus.COMPLETED);
        assertThat(RetellAdapter.status("error", "error_llm_websocket_lost_connection", false, false)).isEqualTo(CallStatus.FAILED);
        assertThat(RetellAdapter.status("ended", "scam_detected", false, true)).isEqualTo(CallStatus.FAILED);
    }

    @Test
    void unknownSentimentIsNoSentiment() {
        assertThat(accepted("call-analyzed-in-voicemail.json").call().has("sentiment")).isFalse();
    }

    @Test
    void callStartedIsAcknowledgedAndIgnored() {
        assertThat(payloads.read(Fixtures.bytes("retell/call-started.json")))
                .isEqualTo(new CallDelivery.Ignored(CallVendor.RETELL, "call_started"));
    }

    @Test
    void legacyDataEnvelopeIsReadLikeCall() {
        String body = """
                {"event": "call_ended", "data": {"call_id": "legacy-1", "direction": "inbound",
                 "from_number": "+27821234567", "to_number": "+27215550100", "call_status": "ended",
                 "disconnection_reason": "user_hangup"}}
                """;

        CallDelivery delivery = payloads.read(body.getBytes(StandardCharsets.UTF_8));

        assertThat(((CallDelivery.Accepted) delivery).callId()).isEqualTo("legacy-1");
    }

    @Test
    void missingCallerOfAnInboundCallNamesFromNumber() {
        String body = """
                {"event": "call_ended", "call": {"call_id": "x", "direction": "inbound", "to_number": "+27215550100"}}
                """;

        assertThatThrownBy(() -> payloads.read(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(InvalidPayloadException.class,
                        e -> assertThat(e.field()).isEqualTo("call.from_number"));
    }

    @Test
    void timestampThatIsNotANumberNamesTheField() {
        String body = """
                {"event": "call_ended", "call": {"call_id": "x", "from_number": "+27821234567",
                 "start_timestamp": "noon"}}
                """;

        assertThatThrownBy(() -> payloads.read(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(InvalidPayloadException.class,
                        e -> assertThat(e.field()).isEqualTo("call.start_timestamp"));
    }
}
