package io.customertimeline.ingest;

import io.customertimeline.identity.Identifier;
import io.customertimeline.identity.IdentifierParser;
import io.customertimeline.identity.ProfileHints;
import io.customertimeline.sentiment.Sentiment;
import io.customertimeline.system.InvalidInputException;
import io.customertimeline.system.Pipeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * A call in our canonical format (vendor adapters translate Vapi and Retell into it): one row
 * per {@code call_id}, so a later report for the same call updates it. The customer is the
 * caller of an inbound call and the called number of an outbound one; only the customer's turns
 * are scored for sentiment.
 */
@Component
class CallHandler implements SourceHandler {

    private static final Pipeline.Sql UPSERT = Pipeline.Sql.of("""
            INSERT INTO call_transcripts (id, call_id, customer_id, vendor, direction, customer_phone, from_number,
                to_number, customer_name, started_at, ended_at, duration_seconds, status, ended_reason, summary,
                transcript, turns, recording_url, successful, sentiment, sentiment_score, payload, updated_at)
            VALUES (gen_random_uuid(), :callId, :customer, :vendor, :direction, :phone, :from, :to, :name, :started,
                :ended, :seconds, :status, :reason, :summary, :transcript, coalesce(:turns::jsonb, '[]'), :recording,
                :successful, :sentiment, :score, :payload::jsonb, now())
            ON CONFLICT (call_id) DO UPDATE SET
                customer_id = excluded.customer_id, vendor = excluded.vendor, direction = excluded.direction,
                customer_phone = excluded.customer_phone, from_number = excluded.from_number,
                to_number = excluded.to_number, customer_name = excluded.customer_name,
                started_at = excluded.started_at, ended_at = excluded.ended_at,
                duration_seconds = excluded.duration_seconds, status = excluded.status,
                ended_reason = excluded.ended_reason, summary = excluded.summary, transcript = excluded.transcript,
                turns = excluded.turns, recording_url = excluded.recording_url, successful = excluded.successful,
                sentiment = excluded.sentiment, sentiment_score = excluded.sentiment_score,
                payload = excluded.payload, updated_at = now()
            """);

    static final Set<String> NO_CONVERSATION = Set.of("no_answer", "busy", "voicemail", "failed");
    private static final Set<String> STATUSES = Set.of("completed", "no_answer", "busy", "voicemail", "failed");
    private final IdentifierParser ids;

    CallHandler(IdentifierParser ids) {
        this.ids = ids;
    }

    @Override
    public EventType type() {
        return EventType.CALL;
    }

    @Override
    public Parsed parse(Fields d) {
        String callId = d.requiredText("call_id");
        String direction = d.direction();
        Optional<String> from = d.text("from_number");
        Optional<String> to = d.text("to_number");
        Optional<String> phone = d.text("customer_phone").or(() -> direction.equals("inbound") ? from : to);
        Optional<String> email = d.text("customer_email");
        Optional<String> name = d.label("customer_name");
        var started = d.time("started_at").or(() -> d.time("ended_at")).orElseThrow(() -> d.missing("started_at"));
        var ended = d.time("ended_at");
        Optional<Long> seconds = d.whole("duration_seconds")
                .or(() -> ended.map(e -> Duration.between(started, e).toSeconds()));
        String status = d.oneOf("status", STATUSES, "completed");
        Optional<String> summary = d.prose("summary");
        Optional<String> transcript = d.prose("transcript");
        JsonNode turns = d.array("turns").orElse(null);
        Optional<String> recording = d.text("recording_url");
        Optional<Boolean> successful = d.bool("successful");
        Optional<Sentiment> given = d.sentiment("sentiment");
        String vendor = d.text("vendor").orElse("plain");

        List<Identifier> identifiers = new ArrayList<>();
        Optional<Identifier> phoneId = phone.flatMap(ids::phone);
        Optional<Identifier> emailId = email.flatMap(ids::email);
        phoneId.ifPresent(identifiers::add);
        emailId.ifPresent(identifiers::add);
        if (identifiers.isEmpty()) {
            throw new InvalidInputException(d.path("customer_phone"),
                    "the call names no customer: give a valid customer_phone (or from_number/to_number) or customer_email");
        }
        boolean conversation = !NO_CONVERSATION.contains(status);
        String title = conversation
                ? (direction.equals("inbound") ? "Inbound call" : "Outbound call") + seconds.map(s -> " · " + duration(s)).orElse("")
                : (direction.equals("inbound") ? "Missed inbound call" : "Outbound call not answered") + " (" + status.replace('_', ' ') + ")";
        String text = conversation ? customerTurns(turns).orElse(transcript.orElse(null)) : null;
        var touchpoint = new Touchpoint(Source.CALL, callId, direction, started, title,
                SourceHandler.head(summary.or(() -> transcript).orElse(null), 280), status,
                conversation ? given : Optional.empty(), text, null, null, false, "call_transcripts", callId, identifiers,
                new ProfileHints(name.orElse(null), null, emailId.map(Identifier::value).orElse(null),
                        phoneId.map(Identifier::value).orElse(null)), null);
        SourceRow row = (customer, sentiment, payload) -> Optional.of(new Pipeline.Statement(UPSERT, new MapSqlParameterSource()
                .addValue("callId", callId).addValue("customer", customer).addValue("vendor", vendor).addValue("direction", direction)
                .addValue("phone", phoneId.map(Identifier::value).orElse(phone.orElse(null)))
                .addValue("from", from.orElse(null)).addValue("to", to.orElse(null)).addValue("name", name.orElse(null))
                .addValue("started", started).addValue("ended", ended.orElse(null))
                .addValue("seconds", seconds.map(Long::intValue).orElse(null)).addValue("status", status)
                .addValue("reason", d.text("ended_reason").orElse(null)).addValue("summary", summary.orElse(null))
                .addValue("transcript", transcript.orElse(null)).addValue("turns", turns == null ? null : turns.toString())
                .addValue("recording", recording.orElse(null)).addValue("successful", successful.orElse(null))
                .addValue("sentiment", sentiment == null ? null : sentiment.label().wire())
                .addValue("score", sentiment == null ? null : Ingest.score(sentiment))
                .addValue("payload", payload)));
        return new Parsed(touchpoint, row);
    }

    private static Optional<String> customerTurns(JsonNode turns) {
        if (turns == null) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode turn : turns) {
            String speaker = turn.path("speaker").asString("");
            if (speaker.equals("customer") || speaker.equals("user")) {
                text.append(turn.path("text").asString("")).append('\n');
            }
        }
        return text.isEmpty() ? Optional.empty() : Optional.of(text.toString());
    }

    private static String duration(long seconds) {
        return seconds >= 60 ? seconds / 60 + "m " + seconds % 60 + "s" : seconds + "s";
    }
}
