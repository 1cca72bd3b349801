package io.customertimeline.timeline;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One touchpoint on a customer's timeline. {@code referenceId} is the source record's natural key. */
public record TimelineEntry(
        UUID id,
        String source,
        String direction,
        OffsetDateTime occurredAt,
        String title,
        String summary,
        String status,
        String sentiment,
        BigDecimal sentimentScore,
        boolean sentimentGiven,
        BigDecimal amount,
        String currency,
        String referenceTable,
        String referenceId) {
}
