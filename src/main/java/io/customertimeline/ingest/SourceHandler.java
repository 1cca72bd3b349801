package io.customertimeline.ingest;

import io.customertimeline.sentiment.SentimentScore;
import io.customertimeline.system.Pipeline;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** One source's reading of its payload and its own table. Adding a source is adding a handler. */
interface SourceHandler {

    EventType type();

    Parsed parse(Fields data);

    record Parsed(Touchpoint touchpoint, SourceRow row) {
    }

    /** The upsert of the source table's row for this event (by its natural key); empty for a source without a table. */
    @FunctionalInterface
    interface SourceRow {
        Optional<Pipeline.Statement> write(UUID customer, SentimentScore sentiment, String payloadJson);

        SourceRow NONE = (customer, sentiment, payload) -> Optional.empty();
    }

    /** Whitespace that is not already one space (a single space is left as it is, not replaced by one). */
    Pattern FOLDABLE_WHITESPACE = Pattern.compile("\\s{2,}|[\\t\\n\\x0B\\f\\r]");

    /** {@code text} on one line, its whitespace runs folded to one space, cut to {@code max} characters with an ellipsis. */
    static String head(String text, int max) {
        if (text == null) {
            return null;
        }
        String flat = FOLDABLE_WHITESPACE.matcher(text).replaceAll(" ").strip();
        return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
    }
}
