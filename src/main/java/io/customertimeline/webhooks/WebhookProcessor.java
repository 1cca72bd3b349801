package io.customertimeline.webhooks;

import java.util.UUID;

/**
 * What an inbound endpoint does with an authenticated body, inside the inbox's transaction. The
 * inbox calls it on receipt and again when an admin replays a stored delivery.
 */
public interface WebhookProcessor {

    /** The endpoint's name in the inbox: {@code timeline} or {@code call-system}. */
    String endpoint();

    /** Applies the body; throws {@code InvalidInputException} (400, nothing written) when it is invalid. */
    Effect process(byte[] body);

    /** What a delivery did, for the inbox row and the response. */
    record Effect(String source, String event, String naturalKey, String outcome, UUID customerId, UUID interactionId) {

        public static Effect ignored(String source, String event) {
            return new Effect(source, event, null, "ignored", null, null);
        }
    }
}
