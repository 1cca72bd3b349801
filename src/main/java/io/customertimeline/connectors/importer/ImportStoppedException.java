package io.customertimeline.connectors.importer;

import io.customertimeline.system.BusyException;

/**
 * Our database failed (or every write slot stayed taken) part-way through an import. The batches
 * before {@code stoppedAtLine} are stored and stay; nothing from that line on is. Importing the
 * same file again is safe: stored rows come back {@code unchanged}, the rest are added.
 */
class ImportStoppedException extends RuntimeException {

    private final long storedRows;
    private final long stoppedAtLine;

    ImportStoppedException(long storedRows, long stoppedAtLine, boolean dryRun, RuntimeException cause) {
        super(message(storedRows, stoppedAtLine, dryRun, cause instanceof BusyException), cause);
        this.storedRows = storedRows;
        this.stoppedAtLine = stoppedAtLine;
    }

    private static String message(long storedRows, long stoppedAtLine, boolean dryRun, boolean busy) {
        String stopped = busy ? "The service was too busy to take line %d in time" : "The database failed at line %d";
        String again = busy ? "in a few minutes" : "when the database is back";
        return dryRun
                ? (stopped + " of this dry run; nothing was written. Try it again " + again + ".").formatted(stoppedAtLine)
                : (stopped + ": the %d rows before it are stored, none from that line on. Import the same file again "
                        + again + ": stored rows come back unchanged, the rest are added.").formatted(stoppedAtLine, storedRows);
    }

    long storedRows() {
        return storedRows;
    }

    long stoppedAtLine() {
        return stoppedAtLine;
    }
}
