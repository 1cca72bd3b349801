package io.customertimeline.ingest;

import io.customertimeline.identity.Identifier;
import io.customertimeline.identity.IdentifierParser;
import io.customertimeline.identity.ProfileHints;
import io.customertimeline.sentiment.Sentiment;
import io.customertimeline.system.InvalidInputException;
import io.customertimeline.system.Pipeline;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Component;

/**
 * {@code sync_email_thread} / {@code email_thread}: one row per {@code email_id}. Inbound mail
 * belongs to its sender; outbound mail ({@code direction: outbound}) to its recipient and is our
 * contact, so its sentiment is not the customer's.
 */
@Component
class EmailHandler implements SourceHandler {

    private static final Pipeline.Sql UPSERT = Pipeline.Sql.of("""
            INSERT INTO email_logs (id, email_id, customer_id, thread_id, direction, from_email, from_name, to_email,
                subject, body, category, status, sentiment, sentiment_score, in_reply_to, created_at, payload, updated_at)
            VALUES (gen_random_uuid(), :emailId, :customer, :thread, :direction, :from, :fromName, :to, :subject, :body,
                :category, :status, :sentiment, :score, :inReplyTo, :created, :payload::jsonb, now())
            ON CONFLICT (email_id) DO UPDATE SET
                customer_id = excluded.customer_id, thread_id = excluded.thread_id, direction = excluded.direction,
                from_email = excluded.from_email, from_name = excluded.from_name, to_email = excluded.to_email,
                subject = excluded.subject, body = excluded.body, category = excluded.category,
                status = excluded.status, sentiment = excluded.sentiment, sentiment_score = excluded.sentiment_score,
                in_reply_to = excluded.in_reply_to, created_at = excluded.created_at, payload = excluded.payload,
                updated_at = now()
            """);

    private static final Pattern REPLY_PREFIX = Pattern.compile("^((re|fw|fwd|aw|sv)\\s*(\\[\\d+\\])?\\s*:\\s*)+", Pattern.CASE_INSENSITIVE);
    private final IdentifierParser ids;

    EmailHandler(IdentifierParser ids) {
        this.ids = ids;
    }

    @Override
    public EventType type() {
        return EventType.EMAIL;
    }

    @Override
    public Parsed parse(Fields d) {
        String emailId = d.requiredText("email_id");
        String direction = d.direction();
        boolean inbound = direction.equals("inbound");
        Optional<String> from = d.text("from_email");
        Optional<String> fromName = d.label("from_name");
        Optional<String> to = d.text("to_email");
        Optional<String> subject = d.label("subject");
        String body = d.prose("body").orElse("");
        Optional<String> category = d.text("category");
        Optional<String> status = d.text("status");
        Optional<Sentiment> given = d.sentiment("sentiment");
        var created = d.requiredTime("created_at");
        Optional<Fields> metadata = d.nested("metadata");
        Optional<String> inReplyTo = d.text("in_reply_to");
        String thread = d.text("thread_id")
                .or(() -> metadata.flatMap(m -> m.text("thread_id").or(() -> m.text("threadId"))))
                .orElseGet(() -> "subject:" + normalisedSubject(subject.orElse("")));

        String customerField = inbound ? "from_email" : "to_email";
        Identifier customer = (inbound ? from : to).flatMap(ids::email)
                .orElseThrow(() -> (inbound ? from : to).isPresent()
                        ? new InvalidInputException(d.path(customerField), "'" + d.path(customerField) + "' is not a valid email address")
                        : d.missing(customerField));
        String title = subject.orElse("(no subject)");
        var touchpoint = new Touchpoint(Source.EMAIL, emailId, direction, created, title, SourceHandler.head(body, 280),
                status.orElse(null), given, inbound ? subject.orElse("") + "\n" + body : null, null, null, false,
                "email_logs", emailId, List.of(customer),
                new ProfileHints(inbound ? fromName.orElse(null) : null, null, customer.value(), null), null);
        SourceRow row = (owner, sentiment, payload) -> Optional.of(new Pipeline.Statement(UPSERT, new MapSqlParameterSource()
                .addValue("emailId", emailId).addValue("customer", owner).addValue("thread", thread).addValue("direction", direction)
                .addValue("from", from.orElse(null)).addValue("fromName", fromName.orElse(null)).addValue("to", to.orElse(null))
                .addValue("subject", subject.orElse(null)).addValue("body", body).addValue("category", category.orElse(null))
                .addValue("status", status.orElse(null))
                .addValue("sentiment", sentiment == null ? null : sentiment.label().wire())
                .addValue("score", sentiment == null ? null : Ingest.score(sentiment))
                .addValue("inReplyTo", inReplyTo.orElse(null)).addValue("created", created).addValue("payload", payload)));
        return new Parsed(touchpoint, row);
    }

    static String normalisedSubject(String subject) {
        return REPLY_PREFIX.matcher(subject.strip()).replaceFirst("").strip().toLowerCase(Locale.ROOT);
    }
}
