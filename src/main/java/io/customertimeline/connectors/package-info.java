/**
 * Pull connectors (OpenCart, IMAP mail, quote chat) and file import. Each source is read into
 * {@link io.customertimeline.connectors.CanonicalEvent}s carrying the seed's {@code /api/sync}
 * field names, so that the ingest path treats a pulled record like a pushed one.
 */
package io.customertimeline.connectors;
