/**
 * The AI call system: turns Vapi, Retell and our own plain call payloads into one canonical call
 * record that the ingest path stores as a {@code CALL} interaction.
 */
package io.customertimeline.calls;
