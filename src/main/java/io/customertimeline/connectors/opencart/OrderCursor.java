package io.customertimeline.connectors.opencart;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneOffsetTransition;

/**
 * Position in the shop's order stream: the last order read, by its {@code date_modified} (its
 * {@code date_added} when that is zero; the shop's local time, as stored) and id. Written as
 * {@code 2024-01-15T10:30:00/12345}.
 */
record OrderCursor(LocalDateTime modified, long orderId) {

    static final OrderCursor START = new OrderCursor(LocalDateTime.of(1970, 1, 1, 0, 0), 0);

    static OrderCursor parse(String watermark) {
        if (watermark == null || watermark.isBlank()) {
            return START;
        }
        int slash = watermark.lastIndexOf('/');
        try {
            return new OrderCursor(LocalDateTime.parse(watermark.substring(0, slash)),
                    Long.parseLong(watermark.substring(slash + 1)));
        } catch (DateTimeParseException | NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("not an OpenCart watermark (expected 2024-01-15T10:30:00/12345): " + watermark);
        }
    }

    @Override
    public String toString() {
        return modified.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) + "/" + orderId;
    }

    /**
     * The cursor {@code lookback} earlier, at the first order of that moment: re-reads recent changes.
     * In the hour a zone's clocks go back, local times repeat, and an order written in the repeated
     * hour sorts before one read in its first pass: a watermark in that hour goes back to its start.
     */
    OrderCursor rewind(Duration lookback, ZoneId zone) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(modified);
        LocalDateTime from = transition != null && transition.isOverlap() ? transition.getDateTimeAfter() : modified;
        return (lookback.isZero() && from.equals(modified)) || this.equals(START) ? this : new OrderCursor(from.minus(lookback), 0);
    }
}
