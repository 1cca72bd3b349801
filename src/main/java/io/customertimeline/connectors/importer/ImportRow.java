package io.customertimeline.connectors.importer;

import io.customertimeline.connectors.CanonicalEvent;

/** An event read from a file, with the line it starts on. */
public record ImportRow(long line, CanonicalEvent event) {
}
