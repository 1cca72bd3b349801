package io.customertimeline.connectors;

/**
 * A record that a source could not turn into an event, and why.
 *
 * @param where where the row is: "line 17", "order 12345", "INBOX uid 812"
 */
public record RowError(String where, String reason) {

    @Override
    public String toString() {
        return where + ": " + reason;
    }
}
