package io.customertimeline.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

class PlainCallPayloadTest {

    private final CallPayloads payloads = new CallPayloads();

    private ObjectNode read(String json) {
        return ((CallDelivery.Accepted) payloads.read(json.getBytes(StandardCharsets.UTF_8))).call();
    }

    private io.customertimeline.system.InvalidInputException rejection(String json) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> payloads.read(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(thrown).isInstanceOf(io.customertimeline.system.InvalidInputException.class); // not JSON at all: worded as everywhere
        return (io.customertimeline.system.InvalidInputException) thrown;
    }

    @Test
    void fullPlainCallIsKeptAndTimesAreNormalisedToUtc() {
        CallDelivery.Accepted delivery = (CallDelivery.Accepted) payloads.read(Fixtures.bytes("plain/call.json"));
        ObjectNode call = delivery.call();

        assertThat(delivery.vendor()).isEqualTo(CallVendor.PLAIN);
        assertThat(call.get("vendor").stringValue()).isEqualTo("plain");
        assertThat(call.get("customer_phone").stringValue()).isEqualTo("082 123 4567");
        assertThat(call.get("started_at").stringValue()).isEqualTo("2025-01-15T14:05:00Z");
        assertThat(call.get("duration_seconds").longValue()).isEqualTo(270);
        assertThat(call.get("sentiment").stringValue()).isEqualTo("neutral");
        assertThat(call.get("transcript").stringValue())
                .isEqualTo("Agent: Audico, good afternoon.\nCustomer: How long does delivery to Durban take?\n"
                        + "Agent: Usually two to three working days.");
        assertThat(call.get("metadata").get("pbx").stringValue()).isEqualTo("3cx");
        assertThat(call.propertyNames()).containsExactlyElementsOf(CanonicalCall.FIELDS);
    }

    @Test
    void minimalOutboundCallTakesTheCustomerFromTheCalledNumber() {
        ObjectNode call = (ObjectNode) ((CallDelivery.Accepted) payloads.read(Fixtures.bytes("plain/call-minimal.json"))).call();

        assertThat(call.get("customer_phone").stringValue()).isEqualTo("+27831112222");
        assertThat(call.get("status").stringValue()).isEqualTo("no_answer");
        assertThat(call.propertyNames()).containsExactly("call_id", "vendor", "direction", "customer_phone",
                "to_number", "status");
    }

    @Test
    void statusDefaultsToCompleted() {
        assertThat(read("""
                {"call_id": "c", "direction": "inbound", "customer_email": "a@example.com"}
                """).get("status").stringValue()).isEqualTo("completed");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"direction\": \"inbound\", \"customer_phone\": \"+27821234567\"}                     | call_id",
            "{\"call_id\": \"  \", \"direction\": \"inbound\", \"customer_phone\": \"+27821234567\"}| call_id",
            "{\"call_id\": 1.5, \"direction\": \"inbound\", \"customer_phone\": \"+27821234567\"}   | call_id",
            "{\"call_id\": \"c\", \"customer_phone\": \"+27821234567\"}                             | direction",
            "{\"call_id\": \"c\", \"direction\": \"sideways\", \"customer_phone\": \"+27821234567\"}| direction",
            "{\"call_id\": \"c\", \"direction\": \"inbound\"}                                       | customer_phone",
            "{\"call_id\": \"c\", \"direction\": \"inbound\", \"customer_phone\": {}}                | customer_phone",
            "{\"call_id\": \"c\", \"direction\": \"inbound\", \"customer_phone\": \"1\", \"status\": \"great\"} | status",
            "{\"call_id\": \"c\", \"direction\": \"inbound\", \"customer_phone\": \"1\", \"started_at\": \"2025-01-15\"} | started_at",
            "{\"call_id\": \"c\", \"direction\": \"inbound\", \"customer_phone\": \"1\", \"started_at\": \"2025-01-15T10:00:00Z\", \"ended_at\": \"2025-01-15T09:00:00Z\"} | ended_at",
            "{\"call_id\": \"c\", \"direction\": \"inbound\", \"customer_phone\": \"1\", \"duration_seconds\": -3} | duration_seconds",
            "{\"call_id\": \"c\", \"direction\": \"inbound\", \"customer_phone\": \"1\", \"turns\": {}} | turns",
            "{\"call_id\": \"c\", \"direction\": \"inbound\", \"customer_phone\": \"1\", \"turns\": [\"hi\"]} | turns[0]",
            "{\"call_id\": \"c\", \"direction\": \"inbound\", \"customer_phone\": \"1\", \"turns\": [{\"speaker\": \"dog\", \"text\": \"woof\"}]} | turns[0].speaker",
            "{\"call_id\": \"c\", \"direction\": \"inbound\", \"customer_phone\": \"1\", \"turns\": [{\"speaker\": \"agent\"}]} | turns[0].text",
            "{\"call_id\": \"c\", \"direction\": \"inbound\", \"customer_phone\": \"1\", \"sentiment\": \"meh\"} | sentiment",
            "{\"call_id\": \"c\", \"direction\": \"inbound\", \"customer_phone\": \"1\", \"successful\": \"maybe\"} | successful",
            "{\"call_id\": \"c\", \"direction\": \"inbound\", \"customer_phone\": \"1\", \"metadata\": []} | metadata",
            "{\"call_id\": \"c\", \"direction\": \"inbound\", \"customer_phone\": \"1\", \"vendor\": \"vapi\"} | vendor",
    })
    void invalidPlainCallsNameTheField(String json, String field) {
        assertThat(rejection(json).field()).isEqualTo(field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "[]", "42", "\"call\"", "{", "{\"hello\": \"world\"}", "{\"message\": \"hi\"}",
            "{\"event\": \"call_ended\"}"})
    void bodiesThatAreNoCallAreRejectedAsBody(String body) {
        assertThat(rejection(body).field()).isEqualTo("body");
    }

    @Test
    void speakerLabelledTranscriptGivesTurnsSoSentimentCanUseTheCustomersWordsOnly() {
        ObjectNode call = read("""
                {"call_id": "c", "direction": "inbound", "customer_phone": "1",
                 "transcript": "Agent: Audico, good morning.\\nCustomer: My speaker is broken and I'm furious.\\n\\nAgent: Sorry!"}
                """);

        assertThat(call.get("turns")).hasSize(3);
        assertThat(call.get("transcript").stringValue()).startsWith("Agent: Audico");
        assertThat(CanonicalCall.customerText(call)).isEqualTo("My speaker is broken and I'm furious.");
    }

    @Test
    void unlabelledTranscriptGivesNoTurns() {
        ObjectNode call = read("""
                {"call_id": "c", "direction": "inbound", "customer_phone": "1", "transcript": "Hello.\\nCustomer: hi"}
                """);

        assertThat(call.has("turns")).isFalse();
        assertThat(CanonicalCall.customerText(call)).isEmpty();
    }

    @Test
    void veryLongCallIdIsRejected() {
        assertThatThrownBy(() -> read("{\"call_id\": \"" + "x".repeat(201)
                + "\", \"direction\": \"inbound\", \"customer_phone\": \"1\"}"))
                .isInstanceOfSatisfying(InvalidPayloadException.class, e -> assertThat(e.field()).isEqualTo("call_id"));
    }
}
