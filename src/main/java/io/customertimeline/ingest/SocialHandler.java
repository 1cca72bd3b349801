package io.customertimeline.ingest;

import io.customertimeline.identity.Identifier;
import io.customertimeline.identity.IdentifierParser;
import io.customertimeline.identity.ProfileHints;
import io.customertimeline.sentiment.Sentiment;
import io.customertimeline.system.InvalidInputException;
import io.customertimeline.system.Pipeline;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Component;

/**
 * {@code sync_social_interaction} / {@code social_interaction}: keyed by the platform's post id,
 * else the post URL, else a hash of platform, handle, date and content.
 */
@Component
class SocialHandler implements SourceHandler {

    private static final Pipeline.Sql UPSERT = Pipeline.Sql.of("""
            INSERT INTO social_interactions (id, social_key, customer_id, platform, interaction_type, customer_name,
                customer_handle, customer_email, content, sentiment, sentiment_score, post_url, requires_response,
                interaction_date, metadata, payload, updated_at)
            VALUES (gen_random_uuid(), :key, :customer, :platform, :type, :name, :handle, :email, :content, :sentiment,
                :score, :url, :requires, :date, coalesce(:metadata::jsonb, '{}'), :payload::jsonb, now())
            ON CONFLICT (social_key) DO UPDATE SET
                customer_id = excluded.customer_id, interaction_type = excluded.interaction_type,
                customer_name = excluded.customer_name, customer_handle = excluded.customer_handle,
                customer_email = excluded.customer_email, content = excluded.content,
                sentiment = excluded.sentiment, sentiment_score = excluded.sentiment_score,
                post_url = excluded.post_url, requires_response = excluded.requires_response,
                interaction_date = excluded.interaction_date, metadata = excluded.metadata,
                payload = excluded.payload, updated_at = now()
            """);

    private final IdentifierParser ids;

    SocialHandler(IdentifierParser ids) {
        this.ids = ids;
    }

    @Override
    public EventType type() {
        return EventType.SOCIAL;
    }

    @Override
    public Parsed parse(Fields d) {
        String platform = d.requiredText("platform").toLowerCase(Locale.ROOT);
        String type = d.text("interaction_type").orElse("mention");
        Optional<String> name = d.label("customer_name");
        Optional<String> email = d.text("customer_email");
        Optional<String> handle = d.text("customer_handle");
        String content = d.prose("content").orElse("");
        Optional<Sentiment> given = d.sentiment("sentiment");
        Optional<String> url = d.text("post_url");
        Optional<String> postId = d.text("post_id").or(() -> d.nested("metadata").flatMap(m -> m.text("post_id")));
        boolean requiresResponse = d.bool("requires_response").orElse(false);
        var date = d.requiredTime("interaction_date");
        var metadata = d.object("metadata").orElse(null);

        List<Identifier> identifiers = new ArrayList<>();
        Optional<Identifier> handleId = handle.flatMap(h -> ids.handle(platform, h));
        Optional<Identifier> emailId = email.flatMap(ids::email);
        handleId.ifPresent(identifiers::add);
        emailId.ifPresent(identifiers::add);
        if (identifiers.isEmpty()) {
            throw new InvalidInputException(d.path("customer_handle"),
                    "the post names no customer: give a valid customer_handle or customer_email");
        }
        String key = postId.map(p -> platform + ":" + p)
                .or(() -> url.map(u -> "url:" + u))
                .orElseGet(() -> "hash:" + sha256(platform + "\n" + handle.orElse("") + "\n" + date + "\n" + content));
        String who = handle.map(h -> h.startsWith("@") ? h : "@" + h).or(() -> name).orElse(email.orElse("someone"));
        String title = capitalise(platform) + " " + type.replace('_', ' ') + " from " + who;
        var touchpoint = new Touchpoint(Source.SOCIAL, key, "inbound", date, title, SourceHandler.head(content, 280),
                requiresResponse ? "requires_response" : type, given, content, null, null, false,
                "social_interactions", key, identifiers,
                new ProfileHints(name.orElse(null), null, emailId.map(Identifier::value).orElse(null), null), null);
        SourceRow row = (customer, sentiment, payload) -> Optional.of(new Pipeline.Statement(UPSERT, new MapSqlParameterSource()
                .addValue("key", key).addValue("customer", customer).addValue("platform", platform).addValue("type", type)
                .addValue("name", name.orElse(null)).addValue("handle", handle.orElse(null)).addValue("email", email.orElse(null))
                .addValue("content", content)
                .addValue("sentiment", sentiment == null ? null : sentiment.label().wire())
                .addValue("score", sentiment == null ? null : Ingest.score(sentiment))
                .addValue("url", url.orElse(null)).addValue("requires", requiresResponse).addValue("date", date)
                .addValue("metadata", metadata == null ? null : metadata.toString()).addValue("payload", payload)));
        return new Parsed(touchpoint, row);
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
