package io.customertimeline.connectors.importer;

/** A row that the receiver of an import refuses, with the reason to report. */
public class RejectedRowException extends RuntimeException {

    public RejectedRowException(String reason) {
        super(reason);
    }
}
