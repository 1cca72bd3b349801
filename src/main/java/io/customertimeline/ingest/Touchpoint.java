package io.customertimeline.ingest;

import io.customertimeline.identity.Identifier;
import io.customertimeline.identity.ProfileHints;
import io.customertimeline.sentiment.Sentiment;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * What a handler reads out of one event: the timeline entry, the identifiers that say whose it
 * is, and the text whose sentiment is scored when the sender gave none. {@code changedAt} is when
 * the record last changed as its source says (null: it does not say, or says a time more than a
 * day ahead, which would make every later delivery look older): a delivery that changed earlier
 * than the stored one changes nothing.
 */
record Touchpoint(
        Source source,
        String sourceKey,
        String direction,
        OffsetDateTime occurredAt,
        String title,
        String summary,
        String status,
        Optional<Sentiment> givenSentiment,
        String textToScore,
        BigDecimal amount,
        String currency,
        boolean countsAsValue,
        String referenceTable,
        String referenceId,
        List<Identifier> identifiers,
        ProfileHints hints,
        OffsetDateTime changedAt) {
}
