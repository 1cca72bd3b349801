package io.customertimeline.calls;

import static io.customertimeline.calls.Fields.at;

import io.customertimeline.calls.CanonicalCall.Direction;
import io.customertimeline.calls.CanonicalCall.Speaker;
import io.customertimeline.calls.CanonicalCall.Turn;
import io.customertimeline.sentiment.Sentiment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Retell webhooks: {@code {"event": ..., "call": {...}}}. {@code call_ended} and
 * {@code call_analyzed} carry the finished call (the second adds {@code call_analysis}) and update
 * one record; {@code call_started} and the transfer and transcript events are acknowledged and
 * ignored. Older deliveries put the call under {@code data} and are read the same way.
 */
final class RetellAdapter {

    static final Set<String> FINISHED = Set.of("call_ended", "call_analyzed");

    CallDelivery adapt(JsonNode root) {
        String eventField = root.has("event") ? "event" : "event_type";
        String event = Fields.requiredText(root, eventField, "");
        if (!FINISHED.contains(event)) {
            return new CallDelivery.Ignored(CallVendor.RETELL, event);
        }
        String callField = root.has("call") ? "call" : "data";
        JsonNode call = Fields.requiredObject(root, callField, "");
        String p = callField;
        JsonNode callAnalysis = Fields.object(call, "call_analysis", p);
        String pa = p + ".call_analysis";
        JsonNode metadata = Fields.object(call, "metadata", p);

        var b = CanonicalCall.builder(CallVendor.RETELL);
        b.callId = Fields.requiredText(call, "call_id", p);
        String direction = Fields.text(call, "direction", p);
        if (direction != null && !direction.equals("inbound") && !direction.equals("outbound")) {
            throw new InvalidPayloadException(p + ".direction", "must be inbound or outbound");
        }
        b.direction = "outbound".equals(direction) ? Direction.OUTBOUND : Direction.INBOUND;
        b.fromNumber = Fields.text(call, "from_number", p);
        b.toNumber = Fields.text(call, "to_number", p);
        b.customerPhone = b.direction == Direction.INBOUND ? b.fromNumber : b.toNumber;
        b.customerName = Fields.firstText(at(metadata, p + ".metadata", "customer_name"));
        b.customerEmail = Fields.firstText(at(metadata, p + ".metadata", "customer_email"));
        if (b.customerPhone == null && b.customerEmail == null) {
            String missing = b.direction == Direction.INBOUND ? "from_number" : "to_number";
            throw new InvalidPayloadException(p + "." + missing,
                    "is required: the customer's number (the caller for inbound calls, the called number for outbound)");
        }

        b.startedAt = Fields.epochMillis(call, "start_timestamp", p);
        b.endedAt = Fields.epochMillis(call, "end_timestamp", p);
        Double durationMs = Fields.number(call, "duration_ms", p);
        b.durationSeconds = durationMs == null ? null : durationMs / 1000.0;
        b.transcript = Fields.text(call, "transcript", p);
        b.turns = turns(Fields.array(call, "transcript_object", p), p + ".transcript_object");
        b.recordingUrl = Fields.text(call, "recording_url", p);
        b.endedReason = Fields.text(call, "disconnection_reason", p);

        Boolean inVoicemail = null;
        if (callAnalysis != null) {
            b.summary = Fields.text(callAnalysis, "call_summary", pa);
            b.sentiment = sentiment(Fields.text(callAnalysis, "user_sentiment", pa));
            b.successful = Fields.bool(callAnalysis, "call_successful", pa);
            b.analysis = Fields.object(callAnalysis, "custom_analysis_data", pa);
            inVoicemail = Fields.bool(callAnalysis, "in_voicemail", pa);
        }
        b.status = status(Fields.text(call, "call_status", p), b.endedReason, Boolean.TRUE.equals(inVoicemail),
                b.customerSpoke());
        b.metadata = metadata;
        return new CallDelivery.Accepted(CallVendor.RETELL, event, b.build());
    }

    private static List<Turn> turns(JsonNode utterances, String arrayPath) {
        if (utterances == null) {
            return List.of();
        }
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i < utterances.size(); i++) {
            JsonNode u = utterances.get(i);
            String path = arrayPath + "[" + i + "]";
            if (!u.isObject()) {
                throw new InvalidPayloadException(path, "must be a JSON object");
            }
            Speaker speaker = "user".equals(u.path("role").asString("")) ? Speaker.CUSTOMER : Speaker.AGENT;
            String text = Fields.text(u, "content", path);
            if (text == null) {
                continue;
            }
            Double at = null;
            JsonNode words = Fields.array(u, "words", path);
            if (words != null && !words.isEmpty() && words.get(0).isObject()) {
                at = Fields.number(words.get(0), "start", path + ".words[0]");
            }
            turns.add(new Turn(speaker, text, at));
        }
        return turns;
    }

    /**
     * Retell's disconnection reasons that mean nobody talked with the customer. An IVR or a silent
     * line is "no answer" unless the customer said something; an error after they spoke leaves a
     * conversation that needs its follow-up, so it is completed ({@code ended_reason} keeps why).
     */
    static CallStatus status(String callStatus, String reason, boolean inVoicemail, boolean customerSpoke) {
        String r = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
        if (inVoicemail || r.equals("voicemail_reached")) {
            return CallStatus.VOICEMAIL;
        }
        switch (r) {
            case "dial_busy":
                return CallStatus.BUSY;
            case "dial_no_answer", "user_declined":
                return CallStatus.NO_ANSWER;
            case "ivr_reached", "inactivity":
                return customerSpoke ? CallStatus.COMPLETED : CallStatus.NO_ANSWER;
            default:
                break;
        }
        if ("error".equals(callStatus) || r.startsWith("error")) {
            return customerSpoke ? CallStatus.COMPLETED : CallStatus.FAILED; // cut off mid-conversation: it needs its follow-up
        }
        if ("not_connected".equals(callStatus) || r.startsWith("dial_") || r.contains("failed") || r.contains("invalid")
                || r.contains("telephony") || r.contains("denied") || r.contains("spam")
                || r.equals("concurrency_limit_reached") || r.equals("no_valid_payment")
                || r.equals("scam_detected")) {
            return CallStatus.FAILED;
        }
        return CallStatus.COMPLETED;
    }

    /** Retell says Positive, Negative, Neutral or Unknown; Unknown means it gave none. */
    private static Sentiment sentiment(String userSentiment) {
        if (userSentiment == null || userSentiment.equalsIgnoreCase("unknown")) {
            return null;
        }
        return Sentiment.parse(userSentiment).orElse(null);
    }
}
