package io.customertimeline.calls;

import io.customertimeline.calls.CanonicalCall.Direction;
import io.customertimeline.calls.CanonicalCall.Speaker;
import io.customertimeline.calls.CanonicalCall.Turn;
import io.customertimeline.sentiment.Sentiment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Our own format for call systems other than Vapi and Retell: the canonical call itself, checked
 * field by field. Only {@code call_id} and {@code direction} are required, plus the customer's
 * phone or email (or the from/to number that names them); {@code status} defaults to completed.
 * Unknown fields are ignored.
 */
final class PlainCallAdapter {

    static final int MAX_CALL_ID = 200;

    CallDelivery adapt(JsonNode root) {
        var b = CanonicalCall.builder(CallVendor.PLAIN);
        String vendor = Fields.text(root, CanonicalCall.VENDOR, "");
        if (vendor != null && !vendor.equals(CallVendor.PLAIN.wire())) {
            throw new InvalidPayloadException(CanonicalCall.VENDOR,
                    "must be plain (or absent) in the plain format; Vapi and Retell payloads are sent as the vendor sends them");
        }
        b.callId = Fields.requiredText(root, CanonicalCall.CALL_ID, "");
        if (b.callId.length() > MAX_CALL_ID) {
            throw new InvalidPayloadException(CanonicalCall.CALL_ID, "must be at most " + MAX_CALL_ID + " characters");
        }
        b.direction = direction(Fields.requiredText(root, CanonicalCall.DIRECTION, ""));
        b.fromNumber = Fields.text(root, CanonicalCall.FROM_NUMBER, "");
        b.toNumber = Fields.text(root, CanonicalCall.TO_NUMBER, "");
        b.customerPhone = Fields.text(root, CanonicalCall.CUSTOMER_PHONE, "");
        if (b.customerPhone == null) {
            b.customerPhone = b.direction == Direction.INBOUND ? b.fromNumber : b.toNumber;
        }
        b.customerName = Fields.text(root, CanonicalCall.CUSTOMER_NAME, "");
        b.customerEmail = Fields.text(root, CanonicalCall.CUSTOMER_EMAIL, "");
        if (b.customerPhone == null && b.customerEmail == null) {
            throw new InvalidPayloadException(CanonicalCall.CUSTOMER_PHONE,
                    "is required (or customer_email, or the from_number of an inbound / to_number of an outbound call)");
        }
        b.startedAt = Fields.isoInstant(root, CanonicalCall.STARTED_AT, "");
        b.endedAt = Fields.isoInstant(root, CanonicalCall.ENDED_AT, "");
        if (b.startedAt != null && b.endedAt != null && b.endedAt.isBefore(b.startedAt)) {
            throw new InvalidPayloadException(CanonicalCall.ENDED_AT, "must not be before started_at");
        }
        b.durationSeconds = Fields.number(root, CanonicalCall.DURATION_SECONDS, "");
        String status = Fields.text(root, CanonicalCall.STATUS, "");
        b.status = status == null ? CallStatus.COMPLETED : status(status);
        b.endedReason = Fields.text(root, CanonicalCall.ENDED_REASON, "");
        b.summary = Fields.text(root, CanonicalCall.SUMMARY, "");
        b.transcript = Fields.text(root, CanonicalCall.TRANSCRIPT, "");
        b.turns = turns(Fields.array(root, CanonicalCall.TURNS, ""));
        b.recordingUrl = Fields.text(root, CanonicalCall.RECORDING_URL, "");
        String sentiment = Fields.text(root, CanonicalCall.SENTIMENT, "");
        if (sentiment != null) {
            b.sentiment = Sentiment.parse(sentiment).orElseThrow(() -> new InvalidPayloadException(
                    CanonicalCall.SENTIMENT, "must be positive, neutral or negative"));
        }
        b.successful = Fields.bool(root, CanonicalCall.SUCCESSFUL, "");
        b.analysis = Fields.object(root, CanonicalCall.ANALYSIS, "");
        b.metadata = Fields.object(root, CanonicalCall.METADATA, "");
        return new CallDelivery.Accepted(CallVendor.PLAIN, "call", b.build());
    }

    private static Direction direction(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "inbound" -> Direction.INBOUND;
            case "outbound" -> Direction.OUTBOUND;
            default -> throw new InvalidPayloadException(CanonicalCall.DIRECTION, "must be inbound or outbound");
        };
    }

    private static CallStatus status(String value) {
        try {
            return CallStatus.fromWire(value.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new InvalidPayloadException(CanonicalCall.STATUS,
                    "must be one of completed, no_answer, busy, voicemail, failed");
        }
    }

    private static List<Turn> turns(JsonNode array) {
        if (array == null) {
            return List.of();
        }
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String path = "turns[" + i + "]";
            JsonNode t = array.get(i);
            if (!t.isObject()) {
                throw new InvalidPayloadException(path, "must be a JSON object");
            }
            Speaker speaker = switch (Fields.requiredText(t, "speaker", path).toLowerCase(Locale.ROOT)) {
                case "customer", "user", "caller" -> Speaker.CUSTOMER;
                case "agent", "assistant", "bot", "ai", "staff" -> Speaker.AGENT;
                default -> throw new InvalidPayloadException(path + ".speaker", "must be customer or agent");
            };
            turns.add(new Turn(speaker, Fields.requiredText(t, "text", path), Fields.number(t, "at_seconds", path)));
        }
        return turns;
    }
}
