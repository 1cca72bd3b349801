package io.customertimeline.ingest;

import java.time.OffsetDateTime;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Published inside the event's transaction once its interaction is written (created or changed;
 * never for a repeated delivery). Listeners that write must do so in the same transaction.
 */
public record InteractionRecorded(
        UUID interactionId,
        UUID customerId,
        EventType type,
        String sourceKey,
        String direction,
        OffsetDateTime occurredAt,
        String status,
        String sentiment,
        boolean created,
        JsonNode data) {
}
