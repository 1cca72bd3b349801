package io.customertimeline.connectors.importer;

/** A row the receiver of an import refused. */
public record ImportRejection(long line, String reason) {
}
