package io.customertimeline.system;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
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
        Integer dbPoolSize,
        Integer readConcurrency,
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
     * Connections in the pool: {@code TIMELINE_DB_POOL_SIZE}, else four per core this process
     * sees. More only queue inside PostgreSQL, where a request shares the cores with all the others
     * instead of waiting its turn; fewer leave events waiting on a busy customer's lock holding
     * most of them. On two cores 8 against the former 16 took search's p99 at 8 clients from 32-35
     * to 26-28 ms and ingest's at 500 events/s from 62-72 to 22-26 ms; 5 did better for reads and
     * worse for ingest (BENCHMARKS.md, eighth round).
     */
    public int poolSize() {
        return dbPoolSize != null ? dbPoolSize : 4 * Runtime.getRuntime().availableProcessors();
    }

    /**
     * Reads that run at once ({@code ReadGate}): {@code TIMELINE_READ_CONCURRENCY}, else two per
     * core this process sees; 0 lets every read in at once. Two per core keep the cores busy
     * while a read waits for the database; on two cores 4 and 8 answered as many timeline reads
     * as Tomcat's 200 workers did, with half the p99 (BENCHMARKS.md, seventeenth round).
     */
    public int concurrentReads() {
        return readConcurrency != null ? readConcurrency : 2 * Runtime.getRuntime().availableProcessors();
    }

    /** The shortest {@code TIMELINE_API_KEY} taken; unset, a key of 43 random characters is generated. */
    public static final int MIN_API_KEY = 16;

    public TimelineProperties {
        if (dbPoolSize != null && dbPoolSize < 1) {
            throw new IllegalArgumentException("TIMELINE_DB_POOL_SIZE must be at least 1, not " + dbPoolSize);
        }
        if (readConcurrency != null && readConcurrency < 0) {
            throw new IllegalArgumentException("TIMELINE_READ_CONCURRENCY must be 0 (no limit) or more, not " + readConcurrency);
        }
        if (apiKey != null && !apiKey.isBlank() && apiKey.strip().length() < MIN_API_KEY) {
            throw new IllegalArgumentException("TIMELINE_API_KEY must be at least " + MIN_API_KEY + " characters, not "
                    + apiKey.strip().length() + " (unset, one is generated)");
        }
        // orders carry their currency in upper case: 'zar' counted no ZAR order towards spend and LTV
        currency = currency.strip().toUpperCase(Locale.ROOT);
        if (!currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("TIMELINE_CURRENCY must be a three-letter ISO 4217 code such as ZAR, not '"
                    + currency + "'");
        }
        if (maxBodySize.toBytes() <= 0) {
            throw new IllegalArgumentException("TIMELINE_MAX_BODY_SIZE must be more than 0, not " + maxBodySize);
        }
        if (vipLtv.signum() < 0) {
            throw new IllegalArgumentException("TIMELINE_VIP_LTV must be 0 or more, not " + vipLtv.toPlainString());
        }
        if (inactiveAfter.isNegative() || inactiveAfter.isZero()) {
            throw new IllegalArgumentException("TIMELINE_INACTIVE_AFTER must be longer than 0, not " + inactiveAfter);
        }
        valuedOrderStatuses = valuedOrderStatuses.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (valuedOrderStatuses.isEmpty()) {
            throw new IllegalArgumentException("TIMELINE_VALUED_ORDER_STATUSES must name at least one order status"
                    + " (comma-separated), else no order counts towards spend and LTV");
        }
    }

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
