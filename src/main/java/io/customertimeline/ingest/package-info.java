/**
 * Every touchpoint enters here: one handler per source turns the seed's payload into a source row
 * and one {@code customer_interactions} row, in one transaction with identity and statistics.
 * Publishes {@link io.customertimeline.ingest.InteractionRecorded}.
 */
package io.customertimeline.ingest;
