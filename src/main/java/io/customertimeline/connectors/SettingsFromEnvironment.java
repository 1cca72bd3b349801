package io.customertimeline.connectors;

import java.util.function.Function;

/**
 * How each connector's settings read their environment variables: blank counts as unset, values
 * are stripped, and a number that is not one is refused naming its variable.
 */
public final class SettingsFromEnvironment {

    private final Function<String, String> env;

    public SettingsFromEnvironment(Function<String, String> env) {
        this.env = env;
    }

    /** The value, stripped; {@code fallback} when unset or blank. */
    public String text(String variable, String fallback) {
        String value = env.apply(variable);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    public int wholeNumber(String variable, int fallback) {
        String value = text(variable, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " must be a whole number: " + value);
        }
    }
}
