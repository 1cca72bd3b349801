package io.customertimeline.calls;

import static io.customertimeline.calls.Fields.at;

import io.customertimeline.calls.CanonicalCall.Direction;
import io.customertimeline.calls.CanonicalCall.Speaker;
import io.customertimeline.calls.CanonicalCall.Turn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Vapi server messages. Only {@code end-of-call-report} carries a finished call; every other type
 * (status-update, transcript, hang, tool-calls ...) is acknowledged and ignored.
 *
 * <p>The report has {@code message.call} (id, type, metadata, often a copy of everything),
 * {@code message.customer.number}, {@code message.phoneNumber.number} (the shop's line),
 * {@code message.artifact} (transcript, messages with role user|bot|assistant and
 * secondsFromStart, recording), {@code message.analysis} (summary, successEvaluation,
 * structuredData), {@code message.endedReason}, {@code message.startedAt}/{@code endedAt}.
 */
final class VapiAdapter {

    static final String END_OF_CALL_REPORT = "end-of-call-report";

    CallDelivery adapt(JsonNode root) {
        JsonNode message = Fields.requiredObject(root, "message", "");
        String type = Fields.requiredText(message, "type", "message");
        if (!END_OF_CALL_REPORT.equals(type)) {
            return new CallDelivery.Ignored(CallVendor.VAPI, type);
        }
        JsonNode call = Fields.object(message, "call", "message");
        JsonNode customer = Fields.object(message, "customer", "message");
        JsonNode callCustomer = call == null ? null : Fields.object(call, "customer", "message.call");
        JsonNode artifact = Fields.object(message, "artifact", "message");
        JsonNode analysis = Fields.object(message, "analysis", "message");
        JsonNode phoneNumber = Fields.object(message, "phoneNumber", "message");
        JsonNode callPhoneNumber = call == null ? null : Fields.object(call, "phoneNumber", "message.call");

        var b = CanonicalCall.builder(CallVendor.VAPI);
        b.callId = Fields.firstText(at(call, "message.call", "id"));
        if (b.callId == null) {
            throw new InvalidPayloadException("message.call.id", "is required");
        }
        String callType = Fields.firstText(at(call, "message.call", "type"));
        b.direction = "outboundPhoneCall".equals(callType) ? Direction.OUTBOUND : Direction.INBOUND;

        b.customerPhone = Fields.firstText(at(customer, "message.customer", "number"),
                at(callCustomer, "message.call.customer", "number"));
        b.customerName = Fields.firstText(at(customer, "message.customer", "name"),
                at(callCustomer, "message.call.customer", "name"));
        b.customerEmail = Fields.firstText(at(customer, "message.customer", "email"),
                at(callCustomer, "message.call.customer", "email"));
        if (b.customerPhone == null && b.customerEmail == null) {
            throw new InvalidPayloadException("message.customer.number",
                    "is required: a call must name the customer's phone number (or email)");
        }
        String shopLine = Fields.firstText(at(phoneNumber, "message.phoneNumber", "number"),
                at(callPhoneNumber, "message.call.phoneNumber", "number"));
        b.fromNumber = b.direction == Direction.INBOUND ? b.customerPhone : shopLine;
        b.toNumber = b.direction == Direction.INBOUND ? shopLine : b.customerPhone;

        b.startedAt = firstInstant(message, call, "startedAt");
        b.endedAt = firstInstant(message, call, "endedAt");
        if (b.startedAt == null && b.endedAt == null) {
            // a call nobody answered may never have started: fall back to when it was placed, or reported
            b.startedAt = call == null ? null : Fields.isoInstant(call, "createdAt", "message.call");
            if (b.startedAt == null && message.path("timestamp").isNumber()) {
                b.endedAt = Fields.epochMillis(message, "timestamp", "message");
            }
        }
        b.durationSeconds = Fields.number(message, "durationSeconds", "message");

        b.turns = artifact != null && artifact.has("messages")
                ? turns(Fields.array(artifact, "messages", "message.artifact"), "message.artifact.messages")
                : turns(Fields.array(message, "messages", "message"), "message.messages");
        b.transcript = Fields.firstText(at(artifact, "message.artifact", "transcript"),
                at(message, "message", "transcript"));
        b.recordingUrl = Fields.firstText(at(artifact, "message.artifact", "recordingUrl"),
                at(message, "message", "recordingUrl"), at(call, "message.call", "recordingUrl"));
        if (b.recordingUrl == null && artifact != null) {
            JsonNode recording = Fields.object(artifact, "recording", "message.artifact");
            JsonNode mono = recording == null ? null : Fields.object(recording, "mono", "message.artifact.recording");
            b.recordingUrl = Fields.firstText(at(mono, "message.artifact.recording.mono", "combinedUrl"),
                    at(recording, "message.artifact.recording", "stereoUrl"));
        }

        b.endedReason = Fields.firstText(at(message, "message", "endedReason"), at(call, "message.call", "endedReason"));
        b.status = status(b.endedReason, b.customerSpoke());

        if (analysis != null) {
            b.summary = Fields.text(analysis, "summary", "message.analysis");
            b.successful = success(analysis.get("successEvaluation"));
            b.analysis = Fields.object(analysis, "structuredData", "message.analysis");
        }
        if (b.summary == null) {
            b.summary = Fields.text(message, "summary", "message");
        }
        b.metadata = call == null ? null : Fields.object(call, "metadata", "message.call");
        return new CallDelivery.Accepted(CallVendor.VAPI, type, b.build());
    }

    private static Instant firstInstant(JsonNode message, JsonNode call, String name) {
        Instant value = Fields.isoInstant(message, name, "message");
        return value != null || call == null ? value : Fields.isoInstant(call, name, "message.call");
    }

    private static List<Turn> turns(JsonNode messages, String arrayPath) {
        if (messages == null) {
            return List.of();
        }
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            if (!m.isObject()) {
                throw new InvalidPayloadException(arrayPath + "[" + i + "]", "must be a JSON object");
            }
            String path = arrayPath + "[" + i + "]";
            Speaker speaker = switch (m.path("role").asString("")) {
                case "user" -> Speaker.CUSTOMER;
                case "bot", "assistant" -> Speaker.AGENT;
                default -> null; // system prompt, tool calls and their results are not speech
            };
            String text = Fields.firstText(at(m, path, "message"), at(m, path, "content"));
            if (speaker != null && text != null) {
                turns.add(new Turn(speaker, text, Fields.number(m, "secondsFromStart", path)));
            }
        }
        return turns;
    }

    /**
     * Vapi's endedReason values that mean nobody talked with the customer. Silence is only "no
     * answer" when the customer never said anything; otherwise the conversation just went quiet.
     * An error that ends a call after the customer spoke leaves a conversation that needs its
     * follow-up, so it is completed (the reason is kept in {@code ended_reason}).
     */
    static CallStatus status(String endedReason, boolean customerSpoke) {
        if (endedReason == null) {
            return CallStatus.COMPLETED;
        }
        String reason = endedReason.toLowerCase(Locale.ROOT);
        if (reason.equals("customer-busy") || reason.endsWith("-busy")) {
            return CallStatus.BUSY;
        }
        if (reason.equals("voicemail") || reason.contains("voicemail")) {
            return CallStatus.VOICEMAIL;
        }
        if (reason.equals("customer-did-not-answer") || reason.contains("did-not-answer")
                || reason.contains("no-answer")) {
            return CallStatus.NO_ANSWER;
        }
        if (reason.equals("silence-timed-out")) {
            return customerSpoke ? CallStatus.COMPLETED : CallStatus.NO_ANSWER;
        }
        if (reason.contains("error") || reason.contains("fault") || reason.contains("failed")) {
            return customerSpoke ? CallStatus.COMPLETED : CallStatus.FAILED; // cut off mid-conversation: it needs its follow-up
        }
        if (reason.contains("not-found") || reason.contains("microphone-permission") || reason.equals("manually-canceled")) {
            return CallStatus.FAILED;
        }
        return CallStatus.COMPLETED;
    }

    /** successEvaluation is a string whose form depends on the rubric; only pass/fail rubrics map. */
    private static Boolean success(JsonNode evaluation) {
        if (Fields.absent(evaluation)) {
            return null;
        }
        if (evaluation.isBoolean()) {
            return evaluation.booleanValue();
        }
        if (!evaluation.isString()) {
            return null;
        }
        return switch (evaluation.stringValue().strip().toLowerCase(Locale.ROOT)) {
            case "true", "pass", "passed", "success", "successful", "yes" -> Boolean.TRUE;
            case "false", "fail", "failed", "unsuccessful", "no" -> Boolean.FALSE;
            default -> null;
        };
    }
}
