package io.customertimeline.timeline;

import io.customertimeline.ingest.Fields;
import io.customertimeline.ingest.Source;
import io.customertimeline.system.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The filters of a timeline read, parsed from the seed's parameters: {@code sources} (comma
 * list), {@code dateFrom}/{@code dateTo} (dates are whole days in the shop's zone, inclusive;
 * instants are exact), {@code limit} (default 100, max 500) and an opaque {@code cursor}.
 */
public record TimelineQuery(Set<Source> sources, Optional<Instant> from, Optional<Instant> toExclusive, int limit,
        Optional<Cursor> after) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 500;

    /** Position after which the next page starts. */
    public record Cursor(Instant at, UUID id) {

        String encode() {
            String raw = ChronoUnit.MICROS.between(Instant.EPOCH, at) + ":" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String token) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
                String[] parts = raw.split(":", 2);
                return new Cursor(Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS), UUID.fromString(parts[1]));
            } catch (RuntimeException e) {
                throw new InvalidInputException("cursor", "'cursor' is not a cursor this service issued");
            }
        }
    }

    public static TimelineQuery parse(String sources, String dateFrom, String dateTo, String limit, String cursor, ZoneId zone) {
        Set<Source> wanted = EnumSet.noneOf(Source.class);
        if (sources != null && !sources.isBlank()) {
            for (String s : sources.split(",")) {
                if (s.isBlank()) {
                    continue;
                }
                wanted.add(Source.parse(s).orElseThrow(() -> new InvalidInputException("sources",
                        "Unknown source '" + s.strip() + "'; expected call, email, chat, social or order")));
            }
        }
        if (wanted.isEmpty()) {
            wanted = EnumSet.allOf(Source.class);
        }
        Optional<Instant> from = bound("dateFrom", dateFrom, zone, false);
        Optional<Instant> to = bound("dateTo", dateTo, zone, true);
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new InvalidInputException("dateTo", "'dateTo' must not be before 'dateFrom'");
        }
        return new TimelineQuery(wanted, from, to, limit(limit, DEFAULT_LIMIT, MAX_LIMIT),
                Optional.ofNullable(cursor).filter(c -> !c.isBlank()).map(Cursor::decode));
    }

    static int limit(String raw, int fallback, int max) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(raw.strip());
            if (n < 1 || n > max) {
                throw new InvalidInputException("limit", "'limit' must be between 1 and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidInputException("limit", "'limit' must be a whole number");
        }
    }

    private static Optional<Instant> bound(String field, String raw, ZoneId zone, boolean end) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String text = raw.strip();
        try {
            LocalDate day = LocalDate.parse(text);
            if (!Fields.storable(day)) {
                throw new InvalidInputException(field, "'" + field + "' must be in the years 1 to 9999");
            }
            return Optional.of((end ? day.plusDays(1) : day).atStartOfDay(zone).toInstant());
        } catch (java.time.format.DateTimeParseException notADate) {
            Instant at = Fields.parseTime(text, zone).map(OffsetDateTime::toInstant).orElseThrow(() ->
                    new InvalidInputException(field, "'" + field + "' must be a date (2024-01-31) or an ISO-8601 date-time"));
            return Optional.of(end ? at.plus(1, ChronoUnit.MICROS) : at);
        }
    }
}
