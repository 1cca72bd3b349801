package io.customertimeline.ingest;

import io.customertimeline.system.InvalidInputException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Typed reads of a JSON object that fail with the full path of the offending field
 * ({@code data.order_total}), so a caller knows exactly what to fix.
 */
public final class Fields {

    /** Identifiers, addresses, statuses, URLs; names and subjects are cut to it ({@link #label}). */
    public static final int MAX_TEXT = 2_000;
    /** What people write: an email body, a post, a call's transcript or summary. */
    public static final int MAX_PROSE = 200_000;
    private final String path;
    private final JsonNode node;
    private final ZoneId zone;

    public Fields(String path, JsonNode node, ZoneId zone) {
        this.path = path;
        this.node = node;
        this.zone = zone;
    }

    public JsonNode node() {
        return node;
    }

    public String path(String field) {
        return path + "." + field;
    }

    private Optional<JsonNode> value(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
    }

    /** A short text: an identifier, address, status or URL (at most {@value #MAX_TEXT} characters). */
    public Optional<String> text(String field) {
        return text(field, MAX_TEXT);
    }

    /**
     * A name or subject as someone chose it: over {@value #MAX_TEXT} characters it is cut (ending
     * in "…"), not refused, because whoever sends us the event did not write it (a social display
     * name, an email's subject) and the touchpoint must not be lost over it.
     */
    public Optional<String> label(String field) {
        return text(field, MAX_PROSE).map(s -> s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT - 1).strip() + "…");
    }

    /** Text a person wrote: a message body, post or transcript (at most {@value #MAX_PROSE} characters). */
    public Optional<String> prose(String field) {
        return text(field, MAX_PROSE);
    }

    private Optional<String> text(String field, int max) {
        return value(field).map(v -> {
            if (!v.isString() && !v.isNumber() && !v.isBoolean()) {
                throw new InvalidInputException(path(field), "'" + path(field) + "' must be a string");
            }
            String s = v.asString().strip();
            if (s.length() > max) {
                throw new InvalidInputException(path(field), "'" + path(field) + "' is longer than " + max + " characters");
            }
            return s;
        }).filter(s -> !s.isEmpty());
    }

    public String requiredText(String field) {
        return text(field).orElseThrow(() -> missing(field));
    }

    /** An identifier that senders write as a number or a string ({@code 12345} or {@code "12345"}). */
    public Optional<Long> whole(String field) {
        return value(field).map(v -> {
            if (v.isIntegralNumber() && v.canConvertToLong()) {
                return v.longValue();
            }
            if (v.isString() && v.asString().strip().matches("^-?[0-9]{1,18}$")) {
                return Long.parseLong(v.asString().strip());
            }
            throw new InvalidInputException(path(field), "'" + path(field) + "' must be a whole number");
        });
    }

    public long requiredWhole(String field) {
        return whole(field).orElseThrow(() -> missing(field));
    }

    /** Money and other decimals: exact, from a JSON number or a numeric string, never via double. */
    public Optional<BigDecimal> decimal(String field) {
        return value(field).map(v -> {
            try {
                BigDecimal d = v.isNumber() ? new BigDecimal(v.asString()) : v.isString() ? new BigDecimal(v.asString().strip()) : null;
                if (d == null) {
                    throw new NumberFormatException();
                }
                if (d.abs().compareTo(new BigDecimal("999999999999")) > 0) {
                    throw new InvalidInputException(path(field), "'" + path(field) + "' is out of range");
                }
                return d;
            } catch (NumberFormatException e) {
                throw new InvalidInputException(path(field), "'" + path(field) + "' must be a number");
            }
        });
    }

    public BigDecimal requiredDecimal(String field) {
        return decimal(field).orElseThrow(() -> missing(field));
    }

    public Optional<Boolean> bool(String field) {
        return value(field).map(v -> {
            if (v.isBoolean()) {
                return v.booleanValue();
            }
            if (v.isString() && (v.asString().equalsIgnoreCase("true") || v.asString().equalsIgnoreCase("false"))) {
                return Boolean.parseBoolean(v.asString());
            }
            throw new InvalidInputException(path(field), "'" + path(field) + "' must be true or false");
        });
    }

    /**
     * An instant with offset, a local date-time (in the shop's zone) or a date (its start), when
     * something happened: not more than a day ahead of this service's clock (more than any clock
     * skew or time zone mistake), since a touchpoint from the future would stay the customer's
     * "last interaction" and top the Recent list until that date.
     */
    public Optional<OffsetDateTime> time(String field) {
        Optional<OffsetDateTime> at = text(field).map(s -> parseTime(s, zone).orElseThrow(() -> new InvalidInputException(path(field),
                "'" + path(field) + "' must be an ISO-8601 date or date-time in the years 1 to 9999")));
        if (at.isPresent() && ahead(at.get())) {
            throw new InvalidInputException(path(field), "'" + path(field) + "' is " + at.get()
                    + ", more than a day ahead of this service's clock: send when it happened");
        }
        return at;
    }

    /**
     * As {@link #time}, for a date senders write badly (OpenCart's zero date, a clock set wrong):
     * empty when it cannot be read or is more than a day ahead.
     */
    public Optional<OffsetDateTime> timeIfReadable(String field) {
        return text(field).flatMap(s -> parseTime(s, zone)).filter(t -> !ahead(t));
    }

    /** More than a day ahead of this service's clock: more than any clock skew or time zone mistake. */
    private static boolean ahead(OffsetDateTime t) {
        return t.toInstant().isAfter(Instant.now().plus(Duration.ofDays(1)));
    }

    public OffsetDateTime requiredTime(String field) {
        return time(field).orElseThrow(() -> missing(field));
    }

    /** As {@link #time}, for text from elsewhere; empty when it is not a date or outside the years 1 to 9999. */
    public static Optional<OffsetDateTime> parseTime(String s, ZoneId zone) {
        return anyTime(s, zone).filter(t -> storable(t.toLocalDate()));
    }

    /** Within the years 1 to 9999, which ISO-8601 dates and PostgreSQL's timestamps both hold. */
    public static boolean storable(LocalDate day) {
        return day.getYear() >= 1 && day.getYear() <= 9999;
    }

    private static Optional<OffsetDateTime> anyTime(String s, ZoneId zone) {
        try {
            return Optional.of(OffsetDateTime.parse(s).withOffsetSameInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notOffset) {
            try {
                return Optional.of(LocalDateTime.parse(s.replace(' ', 'T')).atZone(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notLocal) {
                try {
                    return Optional.of(LocalDate.parse(s).atStartOfDay(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC));
                } catch (DateTimeParseException notDate) {
                    return Optional.empty();
                }
            }
        }
    }

    /** One of a closed set of lower-case words, or {@code fallback} when absent. */
    public String oneOf(String field, java.util.Set<String> allowed, String fallback) {
        String value = text(field).map(s -> s.toLowerCase(java.util.Locale.ROOT)).orElse(fallback);
        if (!allowed.contains(value)) {
            throw new InvalidInputException(path(field), "'" + path(field) + "' must be one of " + new java.util.TreeSet<>(allowed));
        }
        return value;
    }

    /** {@code inbound} (the customer wrote or called) or {@code outbound} (we did); inbound when absent. */
    public String direction() {
        return oneOf("direction", java.util.Set.of("inbound", "outbound"), "inbound");
    }

    /** A sentiment label the sender gave: positive, neutral or negative (also mixed, which is neutral). */
    public Optional<io.customertimeline.sentiment.Sentiment> sentiment(String field) {
        return text(field).map(s -> io.customertimeline.sentiment.Sentiment.parse(s).orElseThrow(() ->
                new InvalidInputException(path(field), "'" + path(field) + "' must be positive, neutral or negative")));
    }

    public Optional<JsonNode> array(String field) {
        return value(field).map(v -> {
            if (!v.isArray()) {
                throw new InvalidInputException(path(field), "'" + path(field) + "' must be an array");
            }
            return v;
        });
    }

    public Optional<JsonNode> object(String field) {
        return value(field).map(v -> {
            if (!v.isObject()) {
                throw new InvalidInputException(path(field), "'" + path(field) + "' must be an object");
            }
            return v;
        });
    }

    public Optional<Fields> nested(String field) {
        return object(field).map(v -> new Fields(path(field), v, zone));
    }

    public InvalidInputException missing(String field) {
        return new InvalidInputException(path(field), "'" + path(field) + "' is required");
    }
}
