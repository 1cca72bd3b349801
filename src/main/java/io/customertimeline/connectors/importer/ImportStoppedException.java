package io.customertimeline.connectors.importer;

/**
 * Our database failed part-way through an import. The batches before {@code stoppedAtLine} are
 * stored and stay; nothing from that line on is. Importing the same file again is safe: stored rows
 * come back {@code unchanged}, the rest are added.
 */
class ImportStoppedException extends RuntimeException {

    private final long storedRows;
    private final long stoppedAtLine;

    ImportStoppedException(long storedRows, long stoppedAtLine, boolean dryRun, RuntimeException cause) {
        super(dryRun
                ? "The database failed at line %d of this dry run; nothing was written. Try it again when the database is back."
                        .formatted(stoppedAtLine)
                : ("The database failed at line %d: the %d rows before it are stored, none from that line on. Import the "
                        + "same file again when the database is back: stored rows come back unchanged, the rest are added.")
                        .formatted(stoppedAtLine, storedRows), cause);
        this.storedRows = storedRows;
        this.stoppedAtLine = stoppedAtLine;
    }

    long storedRows() {
        return storedRows;
    }

    long stoppedAtLine() {
        return stoppedAtLine;
    }
}
