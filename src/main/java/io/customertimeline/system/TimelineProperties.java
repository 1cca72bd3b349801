package io.customertimeline.system;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Every {@code TIMELINE_*} setting. Environment variables bind by Spring's relaxed rules:
 * {@code TIMELINE_DATA_DIR} is {@code timeline.data-dir}.
 */
@ConfigurationProperties("timeline")
public record TimelineProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("nobody") String dbOsUser,
        @DefaultValue("false") boolean ephemeralData,
        @DefaultValue("16") int dbPoolSize,
        @DefaultValue("force_generic_plan") PlanCacheMode dbPlanCacheMode,
        String apiKey,
        @DefaultValue("ZA") String defaultRegion,
        @DefaultValue("ZAR") String currency,
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue("50000") BigDecimal vipLtv,
        @DefaultValue("180d") Duration inactiveAfter,
        @DefaultValue("Africa/Johannesburg") java.time.ZoneId timezone,
        @DefaultValue({"Complete", "Completed", "Processing", "Processed", "Shipped", "Delivered", "Paid", "Fulfilled",
                "Canceled Reversal"}) java.util.List<String> valuedOrderStatuses,
        @DefaultValue Attention attention) {

    /**
     * PostgreSQL's {@code plan_cache_mode} for the pool's sessions. Generic by default: with a
     * parameter in {@code LIMIT} PostgreSQL estimates every generic plan as expensive and plans
     * our reads anew on each execution, which cost more than running them (BENCHMARKS.md).
     */
    public enum PlanCacheMode {
        AUTO, FORCE_GENERIC_PLAN, FORCE_CUSTOM_PLAN;

        /** The setting as PostgreSQL spells it. */
        public String setting() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Thresholds of the "needs attention" list. */
    public record Attention(
            @DefaultValue("24h") Duration unansweredEmail,
            @DefaultValue("7d") Duration quoteWithoutOrder,
            @DefaultValue("0s") Duration unansweredSocial,
            @DefaultValue("90d") Duration lookback) {
    }
}
