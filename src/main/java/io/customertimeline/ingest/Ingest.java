package io.customertimeline.ingest;

import io.customertimeline.customers.Contribution;
import io.customertimeline.customers.ProfileStats;
import io.customertimeline.identity.EventRef;
import io.customertimeline.identity.IdentityResolver;
import io.customertimeline.sentiment.Sentiment;
import io.customertimeline.sentiment.SentimentScore;
import io.customertimeline.sentiment.SentimentScorer;
import io.customertimeline.system.InvalidInputException;
import io.customertimeline.system.Pipeline;
import io.customertimeline.system.TimelineProperties;
import io.customertimeline.system.Transactions;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one way in for every event, whoever delivers it (sync API, webhooks, call system,
 * connectors, file import): parse, find the customer, write the source row and the timeline
 * entry, move the statistics, all in one transaction. A repeated delivery changes nothing.
 */
@Service
public class Ingest {

    /** An event's timeline entry, written or rewritten by its natural key. */
    private static final Pipeline.Sql WRITE_ENTRY = Pipeline.Sql.of("""
            INSERT INTO customer_interactions (id, customer_id, source, source_key, direction, occurred_at, title, summary,
                status, sentiment, sentiment_score, sentiment_given, amount, currency, counts_as_value,
                reference_table, reference_id, payload, changed_at)
            VALUES (:id, :customer, :source, :key, :direction, :at, :title, :summary, :status, :sentiment, :score,
                :given, :amount, :currency, :valued, :refTable, :refId, :payload::jsonb, :changed)
            ON CONFLICT (source, source_key) DO UPDATE SET
                customer_id = excluded.customer_id, direction = excluded.direction, occurred_at = excluded.occurred_at,
                title = excluded.title, summary = excluded.summary, status = excluded.status,
                sentiment = excluded.sentiment, sentiment_score = excluded.sentiment_score,
                sentiment_given = excluded.sentiment_given, amount = excluded.amount, currency = excluded.currency,
                counts_as_value = excluded.counts_as_value, reference_table = excluded.reference_table,
                reference_id = excluded.reference_id, payload = excluded.payload, updated_at = now(),
                changed_at = coalesce(excluded.changed_at, customer_interactions.changed_at)
            """);

    private final JdbcClient jdbc;
    private final Pipeline pipeline;
    private final IdentityResolver identity;
    private final ProfileStats stats;
    private final SentimentScorer scorer;
    private final ApplicationEventPublisher events;
    private final TimelineProperties props;
    private final Transactions transactions;
    private final GroupCommit groupCommit;
    private final Map<EventType, SourceHandler> handlers = new EnumMap<>(EventType.class);

    Ingest(JdbcClient jdbc, Pipeline pipeline, IdentityResolver identity, ProfileStats stats, SentimentScorer scorer,
            ApplicationEventPublisher events, TimelineProperties props, Transactions transactions, GroupCommit groupCommit,
            List<SourceHandler> handlers) {
        this.jdbc = jdbc;
        this.pipeline = pipeline;
        this.identity = identity;
        this.stats = stats;
        this.scorer = scorer;
        this.events = events;
        this.props = props;
        this.transactions = transactions;
        this.groupCommit = groupCommit;
        handlers.forEach(h -> this.handlers.put(h.type(), h));
    }

    /**
     * The timeline entry an event already has, whether the event's payload is the one stored, and
     * when its source last said the record changed.
     */
    record Existing(UUID id, UUID customer, boolean samePayload, Contribution contribution, OffsetDateTime changedAt) {

        /** From a row of {@code lock_batch_and_find}. */
        static Existing read(ResultSet rs, String source) throws SQLException {
            return new Existing(rs.getObject("id", UUID.class), rs.getObject("customer_id", UUID.class), rs.getBoolean("same"),
                    new Contribution(source, rs.getBoolean("counts_as_value"), rs.getBigDecimal("amount"),
                            rs.getBigDecimal("sentiment_score")), rs.getObject("changed_at", OffsetDateTime.class));
        }

        /**
         * Whether recording {@code e} would change nothing: the stored payload is the same, or the
         * stored record changed later than {@code e} says it did (a delivery that arrived late).
         */
        boolean covers(Prepared e) {
            OffsetDateTime sent = e.parsed().touchpoint().changedAt();
            return samePayload || changedAt != null && sent != null && sent.isBefore(changedAt);
        }
    }

    /**
     * An event as read from its payload, with its sentiment and its advisory lock keys (its own
     * first, then its identifiers', {@link IdentityResolver#lockKeys}), before any statement.
     */
    public record Prepared(EventType type, JsonNode data, String payload, SourceHandler.Parsed parsed, SentimentScore sentiment,
            String[] lockKeys) {

        String source() {
            return parsed.touchpoint().source().wire();
        }

        String sourceKey() {
            return parsed.touchpoint().sourceKey();
        }

        /** Its timeline entry's natural key, as its first lock key names it. */
        String entryKey() {
            return lockKeys[0];
        }
    }

    /**
     * Records one event, in the caller's transaction when there is one (an import batch, a webhook
     * delivery with its inbox row), else together with other requests' events
     * ({@link GroupCommit}). The payload is read and scored first, in the caller's thread: a
     * refused event never reaches a transaction, and the committers are left the statements.
     */
    public IngestResult accept(EventType type, JsonNode data) {
        return accept(prepare(type, data));
    }

    /** Reads, checks and scores an event and names its locks, without a statement; {@link #accept(Prepared)} records it. */
    public Prepared prepare(EventType type, JsonNode data) {
        if (data == null || !data.isObject()) {
            throw new InvalidInputException("data", "'data' must be a JSON object");
        }
        String payload = data.toString();
        if (payload.contains("\\u0000")) { // PostgreSQL stores no U+0000 in text or jsonb: senders' stray NULs are dropped
            data = withoutNul(data);
            payload = data.toString();
        }
        SourceHandler.Parsed parsed = handlers.get(type).parse(new Fields("data", data, props.timezone()));
        Touchpoint t = parsed.touchpoint();
        return new Prepared(type, data, payload, parsed, sentimentOf(t),
                identity.lockKeys(t.source().wire() + "#" + t.sourceKey(), t.identifiers()));
    }

    /** A copy of {@code node} without the character U+0000, in names and values alike. */
    static JsonNode withoutNul(JsonNode node) {
        if (node.isString()) {
            return JsonNodeFactory.instance.stringNode(node.stringValue().replace("\0", ""));
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(p -> copy.set(p.getKey().replace("\0", ""), withoutNul(p.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.values().forEach(v -> copy.add(withoutNul(v)));
            return copy;
        }
        return node;
    }

    /** As {@link #accept(EventType, JsonNode)}, for an event already prepared. */
    public IngestResult accept(Prepared e) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return transactions.run(status -> record(e));
        }
        return groupCommit.submit(null, e, () -> record(e));
    }

    private IngestResult record(Prepared e) {
        Touchpoint t = e.parsed().touchpoint();
        String payload = e.payload();
        String source = t.source().wire();
        // Read with its batch's locks, else: the event's and its identifiers' locks, then its existing entry (V50).
        Optional<GroupCommit.Found> found = groupCommit.found(e);
        Optional<Existing> existing = found.map(GroupCommit.Found::entry).orElseGet(() -> jdbc.sql("""
                SELECT id, customer_id, same, counts_as_value, amount, sentiment_score, changed_at
                FROM lock_batch_and_find(CAST(:keys AS text[]), ARRAY[:source]::text[], ARRAY[:key]::text[],
                    ARRAY[CAST(:payload AS jsonb)])
                """)
                .param("keys", e.lockKeys())
                .param("payload", payload).param("source", source).param("key", t.sourceKey())
                .query((rs, n) -> Existing.read(rs, source))
                .optional());
        if (existing.isPresent() && existing.get().covers(e)) {
            UUID owner = jdbc.sql("SELECT resolve_customer(:id)").param("id", existing.get().customer().toString())
                    .query(UUID.class).single();
            return new IngestResult(IngestResult.Outcome.unchanged, owner, existing.get().id(), source, t.sourceKey());
        }
        // Once its owners are known (read, merged), the event only writes: a new customer's profile
        // and identities, the source row, the timeline row, the statistics (which read the timeline
        // row) and the follow-up tasks (InteractionRecorded's listeners), in that order, in one round trip.
        return pipeline.deferring(() -> write(e, existing, found.flatMap(GroupCommit.Found::owners)));
    }

    private IngestResult write(Prepared e, Optional<Existing> existing, Optional<IdentityResolver.Snapshot> owners) {
        Touchpoint t = e.parsed().touchpoint();
        String payload = e.payload();
        String source = t.source().wire();
        UUID customer = identity.resolve(t.identifiers(), existing.map(Existing::customer),
                new EventRef(source, t.sourceKey()), t.hints(), owners);
        SentimentScore sentiment = e.sentiment();
        UUID id = existing.map(Existing::id).orElseGet(UUID::randomUUID);
        BigDecimal score = sentiment == null ? null : score(sentiment);
        String label = sentiment == null ? null : sentiment.label().wire();
        Contribution contribution = new Contribution(source, t.countsAsValue(), t.amount(), score);
        List<Pipeline.Statement> writes = new ArrayList<>(3);
        e.parsed().row().write(customer, sentiment, payload).ifPresent(writes::add);
        writes.add(new Pipeline.Statement(WRITE_ENTRY, new MapSqlParameterSource()
                .addValue("id", id).addValue("customer", customer).addValue("source", source).addValue("key", t.sourceKey())
                .addValue("direction", t.direction()).addValue("at", t.occurredAt())
                .addValue("title", SourceHandler.head(t.title(), 300))
                .addValue("summary", t.summary()).addValue("status", t.status())
                .addValue("sentiment", label).addValue("score", score)
                .addValue("given", t.givenSentiment().isPresent())
                .addValue("amount", t.amount()).addValue("currency", t.currency()).addValue("valued", t.countsAsValue())
                .addValue("refTable", t.referenceTable()).addValue("refId", t.referenceId()).addValue("payload", payload)
                .addValue("changed", t.changedAt())));
        writes.add(existing.isPresent() ? stats.changed(customer, existing.get().contribution(), contribution)
                : stats.added(customer, contribution, new ProfileStats.NewEntry(t.occurredAt(), source, t.direction(), t.status(), label)));
        pipeline.write(writes);
        events.publishEvent(new InteractionRecorded(id, customer, e.type(), t.sourceKey(), t.direction(), t.occurredAt(),
                t.status(), label, existing.isEmpty(), e.data()));
        return new IngestResult(existing.isEmpty() ? IngestResult.Outcome.created : IngestResult.Outcome.updated,
                customer, id, source, t.sourceKey());
    }

    /**
     * The sender's label is kept; its score is the text's when they agree, else the label's
     * midpoint. Without a label the text is scored; with no customer text there is no sentiment.
     */
    private SentimentScore sentimentOf(Touchpoint t) {
        String text = t.textToScore();
        Optional<SentimentScore> computed = text == null || text.isBlank() ? Optional.empty() : Optional.of(scorer.score(text));
        if (t.givenSentiment().isPresent()) {
            Sentiment label = t.givenSentiment().get();
            return computed.filter(c -> c.label() == label)
                    .orElseGet(() -> new SentimentScore(label, switch (label) {
                        case POSITIVE -> 0.5;
                        case NEUTRAL -> 0.0;
                        case NEGATIVE -> -0.5;
                    }));
        }
        return computed.orElse(null);
    }

    static BigDecimal score(SentimentScore s) {
        return BigDecimal.valueOf(s.score()).setScale(3, RoundingMode.HALF_UP);
    }
}
