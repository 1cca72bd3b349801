package io.customertimeline.customers;

import io.customertimeline.system.TimelineProperties;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * {@code Blocked} and {@code VIP} set by a person win; otherwise {@code VIP} above the LTV
 * threshold, {@code Inactive} after the quiet period, else {@code Active}. Derived when read, so
 * it is never stale.
 */
public enum CustomerStatus {
    Active, VIP, Inactive, Blocked;

    static CustomerStatus of(String override, BigDecimal ltv, OffsetDateTime lastInteraction, TimelineProperties props, Instant now) {
        if ("Blocked".equals(override)) {
            return Blocked;
        }
        if ("VIP".equals(override) || ltv.compareTo(props.vipLtv()) >= 0) {
            return VIP;
        }
        if (lastInteraction == null || lastInteraction.toInstant().isBefore(now.minus(props.inactiveAfter()))) {
            return Inactive;
        }
        return Active;
    }
}
