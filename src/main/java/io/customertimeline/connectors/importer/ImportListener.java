package io.customertimeline.connectors.importer;

import io.customertimeline.connectors.CanonicalEvent;

/** Receives an import's events as they are read. */
@FunctionalInterface
public interface ImportListener {

    /**
     * One event, read from {@code line}. Throw {@link RejectedRowException} to reject the row (it
     * is then reported with its line number); any other exception stops the import.
     */
    void event(long line, CanonicalEvent event);

    /** Called every {@link FileImporter#PROGRESS_EVERY} rows and once at the end. */
    default void progress(ImportProgress progress) {
    }
}
