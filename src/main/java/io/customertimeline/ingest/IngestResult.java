package io.customertimeline.ingest;

import java.util.UUID;

/** What one event did: {@code created}, {@code updated} or {@code unchanged} (a repeated delivery). */
public record IngestResult(Outcome outcome, UUID customerId, UUID interactionId, String source, String sourceKey) {

    public enum Outcome { created, updated, unchanged }
}
