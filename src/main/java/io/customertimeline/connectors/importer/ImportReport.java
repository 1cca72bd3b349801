package io.customertimeline.connectors.importer;

import io.customertimeline.connectors.RowError;
import java.time.Duration;
import java.util.List;

/**
 * What an import did.
 *
 * @param rejected the first {@link FileImporter#MAX_REPORTED} rejected rows with line and reason
 *                 ({@code rejectedCount} counts them all)
 * @param warnings file-level remarks, e.g. columns that are not seed field names and were ignored
 */
public record ImportReport(String source, ImportFormat format, long rows, long accepted, long rejectedCount,
                           List<RowError> rejected, List<String> warnings, Duration elapsed) {

    public double rate() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? rows : rows / seconds;
    }

    /** A few lines a person can read: counts, rate, warnings and the rejected rows. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append("%s import (%s): %d rows read, %d accepted, %d rejected in %.1f s (%.0f rows/s)%n".formatted(
                source, format == ImportFormat.CSV ? "CSV" : "JSON Lines", rows, accepted, rejectedCount,
                elapsed.toMillis() / 1000.0, rate()));
        warnings.forEach(w -> out.append("warning: ").append(w).append(System.lineSeparator()));
        rejected.forEach(r -> out.append("rejected ").append(r).append(System.lineSeparator()));
        if (rejectedCount > rejected.size()) {
            out.append("… and ").append(rejectedCount - rejected.size()).append(" more rejected rows").append(System.lineSeparator());
        }
        return out.toString();
    }
}
