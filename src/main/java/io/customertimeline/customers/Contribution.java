package io.customertimeline.customers;

import java.math.BigDecimal;

/**
 * What one interaction adds to its profile's statistics. Updating an interaction applies the
 * difference between its old and new contribution, so cost never depends on history length.
 */
public record Contribution(String source, boolean countsAsValue, BigDecimal amount, BigDecimal sentimentScore) {

    public static final Contribution NONE = new Contribution(null, false, null, null);

    int interactions() {
        return source == null ? 0 : 1;
    }

    int of(String s) {
        return s.equals(source) ? 1 : 0;
    }

    int paidOrders() {
        return "order".equals(source) && countsAsValue ? 1 : 0;
    }

    BigDecimal value() {
        return paidOrders() == 1 && amount != null ? amount : BigDecimal.ZERO;
    }

    BigDecimal sentiment() {
        return sentimentScore == null ? BigDecimal.ZERO : sentimentScore;
    }

    int scored() {
        return sentimentScore == null ? 0 : 1;
    }
}
