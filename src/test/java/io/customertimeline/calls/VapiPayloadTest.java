package io.customertimeline.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class VapiPayloadTest {

    private final CallPayloads payloads = new CallPayloads();

    private ObjectNode call(String fixture) {
        CallDelivery delivery = payloads.read(Fixtures.bytes("vapi/" + fixture));
        assertThat(delivery).isInstanceOf(CallDelivery.Accepted.class);
        return ((CallDelivery.Accepted) delivery).call();
    }

    @Test
    void inboundReportBecomesACanonicalCallWithTheCallerAsCustomer() {
        ObjectNode call = call("end-of-call-report-inbound-quote.json");

        assertThat(call.get("call_id").stringValue()).isEqualTo("5f3c9b2e-1d4a-4c6e-9f8b-2a7d1e0c3b41");
        assertThat(call.get("vendor").stringValue()).isEqualTo("vapi");
        assertThat(call.get("direction").stringValue()).isEqualTo("inbound");
        assertThat(call.get("customer_phone").stringValue()).isEqualTo("+27821234567");
        assertThat(call.get("from_number").stringValue()).isEqualTo("+27821234567");
        assertThat(call.get("to_number").stringValue()).isEqualTo("+27215550100");
        assertThat(call.get("customer_name").stringValue()).isEqualTo("Thandi Nkosi");
        assertThat(call.get("started_at").stringValue()).isEqualTo("2025-01-15T10:00:00Z");
        assertThat(call.get("ended_at").stringValue()).isEqualTo("2025-01-15T10:01:02.500Z");
        assertThat(call.get("duration_seconds").longValue()).isEqualTo(63);
        assertThat(call.get("status").stringValue()).isEqualTo("completed");
        assertThat(call.get("ended_reason").stringValue()).isEqualTo("customer-ended-call");
        assertThat(call.get("summary").stringValue()).contains("promised to email a quote by Friday");
        assertThat(call.get("transcript").stringValue()).startsWith("AI: Good day").contains("User: Hi Lerato.");
        assertThat(call.get("recording_url").stringValue()).endsWith("-mono.wav");
        assertThat(call.get("successful").booleanValue()).isTrue();
        assertThat(call.get("analysis").get("intent").stringValue()).isEqualTo("quote");
        assertThat(call.get("metadata").get("crm_contact_id").stringValue()).isEqualTo("c_8812");
        assertThat(call.has("sentiment")).as("Vapi gives no sentiment of its own").isFalse();
        assertThat(call.propertyNames()).isSubsetOf(CanonicalCall.FIELDS);
    }

    @Test
    void turnsKeepWhoSaidWhatAndWhenButNotTheSystemPrompt() {
        JsonNode turns = call("end-of-call-report-inbound-quote.json").get("turns");

        assertThat(turns).hasSize(6);
        assertThat(turns.get(0).get("speaker").stringValue()).isEqualTo("agent");
        assertThat(turns.get(0).get("at_seconds").doubleValue()).isEqualTo(0.82);
        assertThat(turns.get(1).get("speaker").stringValue()).isEqualTo("customer");
        assertThat(turns.get(1).get("text").stringValue()).startsWith("Hi Lerato.");
        assertThat(turns.findValuesAsString("text")).noneMatch(t -> t.contains("voice assistant for Audico"));
    }

    @Test
    void customerTextIsOnlyWhatTheCustomerSaid() {
        ObjectNode call = call("end-of-call-report-inbound-quote.json");

        assertThat(CanonicalCall.customerText(call))
                .contains("Sonos Arc Ultra", "wall brackets", "really helpful")
                .doesNotContain("Lerato from Audico", "I'll email you");
    }

    @Test
    void outboundReportNamesTheCalledNumberAsCustomer() {
        ObjectNode call = call("end-of-call-report-outbound-complaint.json");

        assertThat(call.get("direction").stringValue()).isEqualTo("outbound");
        assertThat(call.get("customer_phone").stringValue()).isEqualTo("+27831112222");
        assertThat(call.get("from_number").stringValue()).isEqualTo("+27215550100");
        assertThat(call.get("to_number").stringValue()).isEqualTo("+27831112222");
        assertThat(call.get("successful").booleanValue()).isFalse();
        assertThat(call.get("duration_seconds").longValue()).isEqualTo(24);
    }

    @ParameterizedTest
    @CsvSource({
            "end-of-call-report-no-answer.json, no_answer, customer-did-not-answer",
            "end-of-call-report-busy.json, busy, customer-busy",
            "end-of-call-report-voicemail.json, voicemail, voicemail",
            "end-of-call-report-silence.json, no_answer, silence-timed-out",
            "end-of-call-report-failed.json, failed, pipeline-error-openai-llm-failed",
    })
    void callsWithoutAConversationSayWhyInTheirStatus(String fixture, String status, String reason) {
        ObjectNode call = call(fixture);

        assertThat(call.get("status").stringValue()).isEqualTo(status);
        assertThat(call.get("ended_reason").stringValue()).isEqualTo(reason);
        assertThat(call.has("summary")).as("blank summary left out").isFalse();
    }

    @Test
    void silenceAfterTheCustomerSpokeIsStillAConversation() {
        assertThat(VapiAdapter.status("silence-timed-out", true)).isEqualTo(CallStatus.COMPLETED);
        assertThat(VapiAdapter.status("silence-timed-out", false)).isEqualTo(CallStatus.NO_ANSWER);
    }

    @Test
    void anErrorAfterTheCustomerSpokeEndsAConversationThatNeedsItsFollowUp() {
        assertThat(VapiAdapter.status("pipeline-error-openai-llm-failed", true)).isEqualTo(CallStatus.COMPLETED);
        assertThat(VapiAdapter.status("pipeline-error-openai-llm-failed", false)).isEqualTo(CallStatus.FAILED);
        assertThat(VapiAdapter.status("manually-canceled", true)).isEqualTo(CallStatus.FAILED);
    }

    @Test
    void otherServerMessagesAreAcknowledgedAndIgnored() {
        CallDelivery delivery = payloads.read(Fixtures.bytes("vapi/status-update.json"));

        assertThat(delivery).isEqualTo(new CallDelivery.Ignored(CallVendor.VAPI, "status-update"));
    }

    @Test
    void reportWithoutCallIdNamesTheMissingField() {
        String body = """
                {"message": {"type": "end-of-call-report", "customer": {"number": "+27821234567"}}}
                """;

        assertThatThrownBy(() -> payloads.read(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(InvalidPayloadException.class,
                        e -> assertThat(e.field()).isEqualTo("message.call.id"));
    }

    @Test
    void reportWithoutAnyCustomerIdentityIsRejected() {
        String body = """
                {"message": {"type": "end-of-call-report", "call": {"id": "c1", "type": "webCall"}}}
                """;

        assertThatThrownBy(() -> payloads.read(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(InvalidPayloadException.class,
                        e -> assertThat(e.field()).isEqualTo("message.customer.number"));
    }

    @Test
    void badTimestampNamesTheField() {
        String body = """
                {"message": {"type": "end-of-call-report", "call": {"id": "c1"},
                 "customer": {"number": "+27821234567"}, "startedAt": "yesterday"}}
                """;

        assertThatThrownBy(() -> payloads.read(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(InvalidPayloadException.class,
                        e -> assertThat(e.field()).isEqualTo("message.startedAt"));
    }
}
