package io.customertimeline.ingest;

import io.customertimeline.sentiment.SentimentScore;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** One source's reading of its payload and its own table. Adding a source is adding a handler. */
interface SourceHandler {

    EventType type();

    Parsed parse(Fields data);

    record Parsed(Touchpoint touchpoint, SourceRow row) {
    }

    /** Upserts the source table's row for this event (by its natural key). */
    @FunctionalInterface
    interface SourceRow {
        void write(JdbcClient jdbc, UUID customer, SentimentScore sentiment, String payloadJson);

        SourceRow NONE = (jdbc, customer, sentiment, payload) -> { };
    }

    static String head(String text, int max) {
        if (text == null) {
            return null;
        }
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
    }
}
