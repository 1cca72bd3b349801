package io.customertimeline.calls;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import tools.jackson.databind.JsonNode;

/**
 * Reads vendor JSON leniently where vendors are loose (numbers for phone numbers, blank for absent)
 * and strictly where a wrong type means a wrong payload, naming the JSON path on failure.
 */
final class Fields {

    private Fields() {
    }

    static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    static boolean absent(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull();
    }

    /** An optional object member; absent or null gives {@code null}. */
    static JsonNode object(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (absent(node)) {
            return null;
        }
        if (!node.isObject()) {
            throw new InvalidPayloadException(join(path, name), "must be a JSON object");
        }
        return node;
    }

    static JsonNode requiredObject(JsonNode parent, String name, String path) {
        JsonNode node = object(parent, name, path);
        if (node == null) {
            throw new InvalidPayloadException(join(path, name), "is required");
        }
        return node;
    }

    /** An optional array member; absent or null gives {@code null}. */
    static JsonNode array(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (absent(node)) {
            return null;
        }
        if (!node.isArray()) {
            throw new InvalidPayloadException(join(path, name), "must be a JSON array");
        }
        return node;
    }

    /** An optional text member, stripped; blank gives {@code null}; numbers are accepted as text. */
    static String text(JsonNode parent, String name, String path) {
        JsonNode node = parent == null ? null : parent.get(name);
        if (absent(node)) {
            return null;
        }
        String value;
        if (node.isString()) {
            value = node.stringValue();
        } else if (node.isIntegralNumber()) {
            value = node.bigIntegerValue().toString();
        } else {
            throw new InvalidPayloadException(join(path, name), "must be a string");
        }
        value = value.strip();
        return value.isEmpty() ? null : value;
    }

    static String requiredText(JsonNode parent, String name, String path) {
        String value = text(parent, name, path);
        if (value == null) {
            throw new InvalidPayloadException(join(path, name), "is required");
        }
        return value;
    }

    /** The first non-null among several optional text members of possibly absent objects. */
    static String firstText(TextSource... sources) {
        for (TextSource source : sources) {
            if (source.parent() != null) {
                String value = text(source.parent(), source.name(), source.path());
                if (value != null) {
                    return value;
                }
            }
        }
        return null;
    }

    record TextSource(JsonNode parent, String name, String path) {
    }

    static TextSource at(JsonNode parent, String path, String name) {
        return new TextSource(parent, name, path);
    }

    /** An optional ISO-8601 instant or offset date-time. */
    static Instant isoInstant(JsonNode parent, String name, String path) {
        String value = text(parent, name, path);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notOffset) {
            throw new InvalidPayloadException(join(path, name),
                    "must be an ISO-8601 date-time with offset, e.g. 2024-01-15T10:30:00Z");
        }
    }

    /** Unix milliseconds of 9999-12-31T23:59:59.999Z: later "timestamps" are garbage. */
    private static final double MAX_EPOCH_MILLI = 253_402_300_799_999d;
    /** The largest duration or offset, in seconds, that we take seriously (about 31 years). */
    private static final double MAX_NUMBER = 1e9;

    /** An optional Unix time in milliseconds. */
    static Instant epochMillis(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (absent(node)) {
            return null;
        }
        if (!node.isNumber() || !(node.doubleValue() >= 0 && node.doubleValue() <= MAX_EPOCH_MILLI)) {
            throw new InvalidPayloadException(join(path, name), "must be a Unix time in milliseconds");
        }
        return Instant.ofEpochMilli((long) node.doubleValue());
    }

    /** An optional non-negative number. */
    static Double number(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (absent(node)) {
            return null;
        }
        if (!node.isNumber() || !(node.doubleValue() >= 0 && node.doubleValue() <= MAX_NUMBER)) {
            throw new InvalidPayloadException(join(path, name), "must be a number from 0 to " + (long) MAX_NUMBER);
        }
        return node.doubleValue();
    }

    /** An optional boolean; the strings {@code "true"} and {@code "false"} are accepted too. */
    static Boolean bool(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (absent(node)) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isString() && node.stringValue().strip().equalsIgnoreCase("true")) {
            return true;
        }
        if (node.isString() && node.stringValue().strip().equalsIgnoreCase("false")) {
            return false;
        }
        throw new InvalidPayloadException(join(path, name), "must be true or false");
    }
}
