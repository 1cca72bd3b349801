package io.customertimeline.customers;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** A customer profile as the API shows it (snake_case on the wire). */
public record Profile(
        UUID id,
        String name,
        String company,
        String email,
        String phone,
        CustomerStatus customerStatus,
        String statusOverride,
        int totalOrders,
        int paidOrders,
        BigDecimal totalSpend,
        BigDecimal lifetimeValue,
        BigDecimal averageOrderValue,
        String currency,
        int totalInteractions,
        Map<String, Integer> interactionsBySource,
        OffsetDateTime firstInteractionAt,
        OffsetDateTime lastInteractionAt,
        BigDecimal sentimentScore,
        String sentimentTrend,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {
}
