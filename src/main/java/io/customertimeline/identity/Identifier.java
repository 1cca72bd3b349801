package io.customertimeline.identity;

import java.util.Locale;

/** One normalised way of recognising a customer. Values are lower case (email, handle) or E.164 (phone). */
public record Identifier(Kind kind, String value) implements Comparable<Identifier> {

    public enum Kind {
        EMAIL, PHONE, HANDLE, OPENCART;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind of(String wire) {
            return valueOf(wire.toUpperCase(Locale.ROOT));
        }
    }

    public String lockKey() {
        return kind.wire() + ":" + value;
    }

    @Override
    public int compareTo(Identifier o) {
        return lockKey().compareTo(o.lockKey());
    }
}
