package io.customertimeline.webhooks;

import io.customertimeline.ingest.GroupCommit;
import io.customertimeline.system.InvalidInputException;
import io.customertimeline.system.Transactions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The inbox of accepted webhook deliveries. A delivery's effect and its inbox row commit in one
 * transaction (shared with other deliveries' where the body allows, {@link GroupCommit}; run
 * again if PostgreSQL ends it to break a deadlock), so a 2xx always means both are durable. A
 * delivery whose {@code webhook-id} was seen before is answered as a duplicate and has no effect;
 * concurrent copies are serialised by an advisory lock on the id. Deliveries without an id each get a row of their own: the ingest
 * path's natural keys already make a repeat {@code unchanged}, and a body that comes back after
 * a change (Complete, Refunded, Complete) is a real update, not a duplicate.
 */
@Service
public class WebhookInbox {

    static final int MAX_LIST = 200;

    private final JdbcClient jdbc;
    private final Transactions tx;
    private final GroupCommit groupCommit;
    private final Map<String, WebhookProcessor> processors;

    WebhookInbox(JdbcClient jdbc, Transactions tx, GroupCommit groupCommit, List<WebhookProcessor> processors) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.groupCommit = groupCommit;
        this.processors = processors.stream().collect(Collectors.toMap(WebhookProcessor::endpoint, Function.identity()));
    }

    /** The answer to one delivery: its inbox row, whether it was a duplicate, and what it did. */
    public record Receipt(long deliveryId, boolean duplicate, WebhookProcessor.Effect effect) {
    }

    /** One inbox row; {@code rawBody} only when a single delivery is read. */
    public record Delivery(long id, String endpoint, String deliveryKey, String source, String event, String naturalKey,
            String authMethod, OffsetDateTime receivedAt, OffsetDateTime lastReceivedAt, int attempts, String outcome,
            UUID customerId, UUID interactionId, Long replayOf, String rawBody) {
    }

    /**
     * Records a delivery with its effect. A body the processor can read without the database
     * ({@link WebhookProcessor#prepare}) is committed together with other requests' events
     * ({@link GroupCommit}), its inbox key locked before its event's keys; any other, and any body
     * that does not read (a repeat of a stored delivery is still only a duplicate), in a
     * transaction of its own.
     */
    public Receipt receive(String endpoint, String deliveryId, String authMethod, byte[] body) {
        WebhookProcessor processor = processor(endpoint);
        boolean identified = deliveryId != null && !deliveryId.isBlank();
        String key = identified ? "id:" + deliveryId.strip() : "sha256:" + sha256(body) + ":" + UUID.randomUUID();
        String lock = identified ? "inbox#" + endpoint + "#" + key : null;
        Optional<WebhookProcessor.Prepared> prepared;
        try {
            prepared = processor.prepare(body);
        } catch (InvalidInputException invalid) {
            prepared = Optional.empty();
        }
        Supplier<WebhookProcessor.Effect> apply = prepared.map(WebhookProcessor.Prepared::apply)
                .orElse(() -> processor.process(body));
        Supplier<Receipt> work = () -> {
            if (lock != null) {
                jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))").param("key", lock).query().singleRow();
                Optional<Receipt> seen = seen(endpoint, key);
                if (seen.isPresent()) {
                    return seen.get();
                }
            }
            WebhookProcessor.Effect effect = apply.get();
            return new Receipt(insert(endpoint, key, authMethod, body, effect, null), false, effect);
        };
        return prepared.isPresent() ? groupCommit.submit(lock, prepared.get().event(), work) : tx.run(status -> work.get());
    }

    private Optional<Receipt> seen(String endpoint, String key) {
        return jdbc.sql("""
                UPDATE webhook_deliveries SET attempts = attempts + 1, last_received_at = now()
                WHERE endpoint = :endpoint AND delivery_key = :key
                RETURNING id, source, event, natural_key, outcome, customer_id, interaction_id
                """)
                .param("endpoint", endpoint).param("key", key)
                .query((rs, n) -> new Receipt(rs.getLong("id"), true, new WebhookProcessor.Effect(rs.getString("source"),
                        rs.getString("event"), rs.getString("natural_key"), rs.getString("outcome"),
                        rs.getObject("customer_id", UUID.class), rs.getObject("interaction_id", UUID.class))))
                .optional();
    }

    /** Runs a stored delivery's body through its endpoint again, recording the replay as a delivery of its own. */
    public Receipt replay(long id) {
        Delivery original = find(id).orElseThrow();
        WebhookProcessor processor = processor(original.endpoint());
        byte[] body = original.rawBody().getBytes(StandardCharsets.UTF_8);
        return tx.run(status -> {
            WebhookProcessor.Effect effect = processor.process(body);
            String key = "replay:" + id + ":" + UUID.randomUUID();
            return new Receipt(insert(original.endpoint(), key, "replay", body, effect, id), false, effect);
        });
    }

    public List<Delivery> recent(String endpoint, int limit) {
        return jdbc.sql("""
                SELECT id, endpoint, delivery_key, source, event, natural_key, auth_method, received_at, last_received_at,
                       attempts, outcome, customer_id, interaction_id, replay_of, NULL AS raw_body
                FROM webhook_deliveries
                WHERE (CAST(:endpoint AS text) IS NULL OR endpoint = :endpoint)
                ORDER BY received_at DESC, id DESC
                LIMIT :limit
                """)
                .param("endpoint", endpoint).param("limit", Math.max(1, Math.min(limit, MAX_LIST)))
                .query(Delivery.class).list();
    }

    public Optional<Delivery> find(long id) {
        return jdbc.sql("""
                SELECT id, endpoint, delivery_key, source, event, natural_key, auth_method, received_at, last_received_at,
                       attempts, outcome, customer_id, interaction_id, replay_of, raw_body
                FROM webhook_deliveries WHERE id = :id
                """)
                .param("id", id).query(Delivery.class).optional();
    }

    private long insert(String endpoint, String key, String authMethod, byte[] body, WebhookProcessor.Effect effect,
            Long replayOf) {
        return jdbc.sql("""
                INSERT INTO webhook_deliveries (endpoint, delivery_key, source, event, natural_key, auth_method, raw_body,
                    outcome, customer_id, interaction_id, replay_of)
                VALUES (:endpoint, :key, :source, :event, :natural, :auth, :body, :outcome, :customer, :interaction, :replayOf)
                RETURNING id
                """)
                .param("endpoint", endpoint).param("key", key).param("source", effect.source())
                .param("event", effect.event()).param("natural", effect.naturalKey()).param("auth", authMethod)
                .param("body", new String(body, StandardCharsets.UTF_8)).param("outcome", effect.outcome())
                .param("customer", effect.customerId()).param("interaction", effect.interactionId())
                .param("replayOf", replayOf)
                .query(Long.class).single();
    }

    private WebhookProcessor processor(String endpoint) {
        WebhookProcessor processor = processors.get(endpoint);
        if (processor == null) {
            throw new IllegalStateException("no processor for webhook endpoint " + endpoint);
        }
        return processor;
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
