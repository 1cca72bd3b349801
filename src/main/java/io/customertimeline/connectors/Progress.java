package io.customertimeline.connectors;

/**
 * How far a pull has got.
 *
 * @param done  rows read so far in this pull
 * @param total rows this pull expects to read in all, or {@code -1} when the source cannot say
 */
public record Progress(long done, long total) {

    public static final long UNKNOWN = -1;

    public boolean totalKnown() {
        return total >= 0;
    }
}
