package io.customertimeline.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --name=value} and {@code --flag} command-line options. */
final class Args {

    private final Map<String, String> values = new LinkedHashMap<>();

    Args(String[] argv) {
        for (String a : argv) {
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("Options look like --name=value, not " + a);
            }
            int eq = a.indexOf('=');
            values.put(eq < 0 ? a.substring(2) : a.substring(2, eq), eq < 0 ? "true" : a.substring(eq + 1));
        }
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) {
        return has(name) ? Integer.parseInt(values.get(name).replace("_", "")) : fallback;
    }

    long whole(String name, long fallback) {
        return has(name) ? Long.parseLong(values.get(name).replace("_", "")) : fallback;
    }

    double decimal(String name, double fallback) {
        return has(name) ? Double.parseDouble(values.get(name)) : fallback;
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(values.getOrDefault(name, "false"));
    }
}
