package io.customertimeline.identity;

/** The event that caused an identity change: its source and natural key, for the merge log. */
public record EventRef(String source, String key) {
}
