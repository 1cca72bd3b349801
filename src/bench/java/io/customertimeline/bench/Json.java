package io.customertimeline.bench;

/** A tiny JSON object writer for generated payloads (keys in insertion order, no pretty printing). */
final class Json {

    private final StringBuilder out = new StringBuilder(256).append('{');
    private boolean first = true;

    static Json obj() {
        return new Json();
    }

    private Json key(String k) {
        if (!first) {
            out.append(',');
        }
        first = false;
        quote(out, k);
        return this;
    }

    Json put(String k, String v) {
        key(k).out.append(':');
        if (v == null) {
            out.append("null");
        } else {
            quote(out, v);
        }
        return this;
    }

    Json put(String k, long v) {
        key(k).out.append(':').append(v);
        return this;
    }

    Json put(String k, boolean v) {
        key(k).out.append(':').append(v);
        return this;
    }

    /** A number written exactly as given (money: {@code 1299.99}). */
    Json number(String k, String v) {
        key(k).out.append(':').append(v);
        return this;
    }

    Json raw(String k, String json) {
        key(k).out.append(':').append(json);
        return this;
    }

    @Override
    public String toString() {
        return out + "}";
    }

    static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    static String quoted(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2);
        quote(b, s);
        return b.toString();
    }
}
