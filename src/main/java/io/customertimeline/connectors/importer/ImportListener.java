package io.customertimeline.connectors.importer;

import java.util.List;

/** Receives an import's events, a batch at a time. */
@FunctionalInterface
public interface ImportListener {

    /**
     * Takes a batch of rows (at most {@link FileImporter#BATCH} of them) and answers the ones it
     * refuses, as {@code ImportRejection(line, reason)}; an exception stops the import.
     */
    List<ImportRejection> accept(List<ImportRow> rows);

    /** Called every {@link FileImporter#PROGRESS_EVERY} rows and once at the end. */
    default void progress(ImportProgress progress) {
    }
}
