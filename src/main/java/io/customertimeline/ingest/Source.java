package io.customertimeline.ingest;

import java.util.Locale;
import java.util.Optional;

/** Where a touchpoint came from; lower case on the wire ({@code sources=call,email}). */
public enum Source {
    CALL("Calls"), EMAIL("Emails"), CHAT("Chat"), SOCIAL("Social"), ORDER("Orders");

    private final String label;

    Source(String label) {
        this.label = label;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String label() {
        return label;
    }

    public static Optional<Source> parse(String wire) {
        for (Source s : values()) {
            if (s.wire().equalsIgnoreCase(wire.strip())) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
