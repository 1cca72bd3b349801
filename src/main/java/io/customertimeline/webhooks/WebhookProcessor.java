package io.customertimeline.webhooks;

import io.customertimeline.ingest.Ingest;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What an inbound endpoint does with an authenticated body, inside the inbox's transaction. The
 * inbox calls it on receipt and again when an admin replays a stored delivery.
 */
public interface WebhookProcessor {

    /** The endpoint's name in the inbox: {@code timeline} or {@code call-system}. */
    String endpoint();

    /** Applies the body; throws {@code InvalidInputException} (400, nothing written) when it is invalid. */
    Effect process(byte[] body);

    /**
     * The body read and checked without a statement, as the event its effect records (with the
     * advisory locks it takes, {@link io.customertimeline.ingest.Ingest.Prepared#lockKeys}), so that
     * the inbox can commit it together with other deliveries; empty where reading it needs the
     * database. Throws as {@link #process} does.
     */
    default Optional<Prepared> prepare(byte[] body) {
        return Optional.empty();
    }

    /** A body ready to apply: {@code apply} does what {@link #process} would, inside the caller's transaction. */
    record Prepared(Ingest.Prepared event, Supplier<Effect> apply) {
    }

    /** What a delivery did, for the inbox row and the response. */
    record Effect(String source, String event, String naturalKey, String outcome, UUID customerId, UUID interactionId) {

        public static Effect ignored(String source, String event) {
            return new Effect(source, event, null, "ignored", null, null);
        }
    }
}
