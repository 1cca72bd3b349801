package io.customertimeline.calls;

import io.customertimeline.sentiment.Sentiment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The canonical call: the one JSON shape every call system's payload becomes, and the shape the
 * ingest path accepts as a {@code CALL} event. Absent values are left out, never written as null.
 *
 * <pre>
 * call_id, vendor (vapi|retell|plain), direction (inbound|outbound), customer_phone,
 * from_number, to_number, customer_name, customer_email, started_at, ended_at (ISO-8601 instants),
 * duration_seconds, status (completed|no_answer|busy|voicemail|failed), ended_reason, summary,
 * transcript, turns [{speaker: customer|agent, text, at_seconds}], recording_url,
 * sentiment (positive|neutral|negative, only when the vendor gave one), successful, analysis, metadata
 * </pre>
 *
 * Sentiment for a call is to be scored on the {@code customer} turns only ({@link #customerText}).
 * When a sender gives only a transcript whose lines start with a speaker ({@code AI:},
 * {@code Agent:}, {@code User:}, {@code Customer:} ...), the turns are taken from those lines.
 */
public final class CanonicalCall {

    public static final String CALL_ID = "call_id";
    public static final String VENDOR = "vendor";
    public static final String DIRECTION = "direction";
    public static final String CUSTOMER_PHONE = "customer_phone";
    public static final String FROM_NUMBER = "from_number";
    public static final String TO_NUMBER = "to_number";
    public static final String CUSTOMER_NAME = "customer_name";
    public static final String CUSTOMER_EMAIL = "customer_email";
    public static final String STARTED_AT = "started_at";
    public static final String ENDED_AT = "ended_at";
    public static final String DURATION_SECONDS = "duration_seconds";
    public static final String STATUS = "status";
    public static final String ENDED_REASON = "ended_reason";
    public static final String SUMMARY = "summary";
    public static final String TRANSCRIPT = "transcript";
    public static final String TURNS = "turns";
    public static final String RECORDING_URL = "recording_url";
    public static final String SENTIMENT = "sentiment";
    public static final String SUCCESSFUL = "successful";
    public static final String ANALYSIS = "analysis";
    public static final String METADATA = "metadata";

    /** Every field, in the order they are written. */
    public static final List<String> FIELDS = List.of(CALL_ID, VENDOR, DIRECTION, CUSTOMER_PHONE,
            FROM_NUMBER, TO_NUMBER, CUSTOMER_NAME, CUSTOMER_EMAIL, STARTED_AT, ENDED_AT, DURATION_SECONDS,
            STATUS, ENDED_REASON, SUMMARY, TRANSCRIPT, TURNS, RECORDING_URL, SENTIMENT, SUCCESSFUL,
            ANALYSIS, METADATA);

    private CanonicalCall() {
    }

    public enum Direction {
        INBOUND, OUTBOUND;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Speaker {
        CUSTOMER, AGENT;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        String label() {
            return this == CUSTOMER ? "Customer" : "Agent";
        }
    }

    /** One utterance; {@code atSeconds} is its offset from the start of the call, when known. */
    public record Turn(Speaker speaker, String text, Double atSeconds) {
    }

    private static final Pattern SPEAKER_LINE = Pattern.compile(
            "^\\s*(ai|agent|assistant|bot|user|customer|caller)\\s*:\\s*(.*)$", Pattern.CASE_INSENSITIVE);

    /**
     * What the customer said, turn by turn, joined by newlines: the text to score for sentiment.
     * Empty when the call has no turns (an unlabelled transcript cannot tell who said what).
     */
    public static String customerText(JsonNode call) {
        JsonNode turns = call.path(TURNS);
        List<String> said = new ArrayList<>();
        for (JsonNode turn : turns) {
            if (Speaker.CUSTOMER.wire().equals(turn.path("speaker").asString(""))) {
                said.add(turn.path("text").asString(""));
            }
        }
        return String.join("\n", said);
    }

    static Builder builder(CallVendor vendor) {
        return new Builder(vendor);
    }

    /** Collects the parts of a call, then writes them in canonical order. */
    static final class Builder {
        private final CallVendor vendor;
        String callId;
        Direction direction;
        String customerPhone;
        String fromNumber;
        String toNumber;
        String customerName;
        String customerEmail;
        Instant startedAt;
        Instant endedAt;
        Double durationSeconds;
        CallStatus status;
        String endedReason;
        String summary;
        String transcript;
        List<Turn> turns = List.of();
        String recordingUrl;
        Sentiment sentiment;
        Boolean successful;
        JsonNode analysis;
        JsonNode metadata;

        private Builder(CallVendor vendor) {
            this.vendor = vendor;
        }

        /** Turns from a transcript whose every non-blank line names its speaker; otherwise none. */
        private List<Turn> turnsFromTranscript() {
            if (transcript == null) {
                return List.of();
            }
            List<Turn> parsed = new ArrayList<>();
            for (String line : transcript.split("\\R")) {
                if (line.isBlank()) {
                    continue;
                }
                Matcher m = SPEAKER_LINE.matcher(line);
                if (!m.matches()) {
                    return List.of();
                }
                String who = m.group(1).toLowerCase(Locale.ROOT);
                Speaker speaker = who.equals("user") || who.equals("customer") || who.equals("caller")
                        ? Speaker.CUSTOMER : Speaker.AGENT;
                if (!m.group(2).isBlank()) {
                    parsed.add(new Turn(speaker, m.group(2).strip(), null));
                }
            }
            return parsed;
        }

        boolean customerSpoke() {
            return effectiveTurns().stream().anyMatch(t -> t.speaker() == Speaker.CUSTOMER && !t.text().isBlank());
        }

        private List<Turn> effectiveTurns() {
            return turns.isEmpty() ? turnsFromTranscript() : turns;
        }

        ObjectNode build() {
            if (callId == null || direction == null || status == null) {
                throw new IllegalStateException("call_id, direction and status are required");
            }
            List<Turn> turns = effectiveTurns();
            JsonNodeFactory f = JsonNodeFactory.instance;
            ObjectNode out = f.objectNode();
            out.put(CALL_ID, callId);
            out.put(VENDOR, vendor.wire());
            out.put(DIRECTION, direction.wire());
            putIfPresent(out, CUSTOMER_PHONE, customerPhone);
            putIfPresent(out, FROM_NUMBER, fromNumber);
            putIfPresent(out, TO_NUMBER, toNumber);
            putIfPresent(out, CUSTOMER_NAME, customerName);
            putIfPresent(out, CUSTOMER_EMAIL, customerEmail);
            if (startedAt != null) {
                out.put(STARTED_AT, startedAt.toString());
            }
            if (endedAt != null) {
                out.put(ENDED_AT, endedAt.toString());
            }
            Double duration = durationSeconds;
            if (duration == null && startedAt != null && endedAt != null && !endedAt.isBefore(startedAt)) {
                duration = Duration.between(startedAt, endedAt).toMillis() / 1000.0;
            }
            if (duration != null) {
                out.put(DURATION_SECONDS, Math.round(duration));
            }
            out.put(STATUS, status.wire());
            putIfPresent(out, ENDED_REASON, endedReason);
            putIfPresent(out, SUMMARY, summary);
            String text = transcript != null ? transcript : transcriptOf(turns);
            putIfPresent(out, TRANSCRIPT, text);
            if (!turns.isEmpty()) {
                ArrayNode array = out.putArray(TURNS);
                for (Turn turn : turns) {
                    ObjectNode t = array.addObject();
                    t.put("speaker", turn.speaker().wire());
                    t.put("text", turn.text());
                    if (turn.atSeconds() != null) {
                        t.put("at_seconds", Math.round(turn.atSeconds() * 100) / 100.0);
                    }
                }
            }
            putIfPresent(out, RECORDING_URL, recordingUrl);
            if (sentiment != null) {
                out.put(SENTIMENT, sentiment.wire());
            }
            if (successful != null) {
                out.put(SUCCESSFUL, successful);
            }
            if (analysis != null && !analysis.isEmpty()) {
                out.set(ANALYSIS, analysis.deepCopy());
            }
            if (metadata != null && !metadata.isEmpty()) {
                out.set(METADATA, metadata.deepCopy());
            }
            return out;
        }

        private static void putIfPresent(ObjectNode out, String name, String value) {
            if (value != null && !value.isBlank()) {
                out.put(name, value);
            }
        }

        private static String transcriptOf(List<Turn> turns) {
            if (turns.isEmpty()) {
                return null;
            }
            return turns.stream()
                    .map(t -> t.speaker().label() + ": " + t.text())
                    .collect(Collectors.joining("\n"));
        }
    }
}
