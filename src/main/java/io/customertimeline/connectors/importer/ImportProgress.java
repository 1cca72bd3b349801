package io.customertimeline.connectors.importer;

import java.time.Duration;

/**
 * How far an import has got.
 *
 * @param bytesTotal the file's size, or -1 when reading a stream of unknown length
 */
public record ImportProgress(long rows, long accepted, long rejected, long bytesRead, long bytesTotal, Duration elapsed) {

    /** Rows a second so far. */
    public double rate() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : rows / seconds;
    }

    /** Percent of the file read, or -1 when its size is unknown. */
    public int percent() {
        return bytesTotal <= 0 ? -1 : (int) Math.min(100, bytesRead * 100 / bytesTotal);
    }

    @Override
    public String toString() {
        return "%d rows (%d accepted, %d rejected)%s, %.0f rows/s".formatted(rows, accepted, rejected,
                percent() < 0 ? "" : ", " + percent() + "% of the file", rate());
    }
}
