package io.customertimeline.connectors;

import java.util.List;

/**
 * A slice of a pull: the events read, the rows that were skipped, and the watermark to store
 * once the events are ingested. Storing it after each batch lets an interrupted import resume.
 */
public record Batch(List<CanonicalEvent> events, List<RowError> rejected, String watermark, Progress progress) {

    public Batch {
        events = List.copyOf(events);
        rejected = List.copyOf(rejected);
    }
}
