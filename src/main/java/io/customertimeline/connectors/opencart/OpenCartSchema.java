package io.customertimeline.connectors.opencart;

import io.customertimeline.connectors.SourceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this shop's database looks like. OpenCart 3.0.x keeps {@code payment_method} and
 * {@code shipping_method} as names beside {@code payment_code}/{@code shipping_code}; 4.0.2 and
 * later store them as JSON ({@code {"name":..,"code":..}}) and drop the code columns; 4.x adds
 * {@code language_code}, {@code transaction_id}, {@code subscription_id}.
 *
 * @param generation "3.x" or "4.x", for status pages and logs
 * @param zone       the zone the shop's {@code DATETIME}s are written in
 * @param currency   the shop's default currency ({@code config_currency}), the one {@code total} is kept in
 */
record OpenCartSchema(String generation, Set<String> orderColumns, boolean hasCustomerTable, ZoneId zone,
                      Optional<String> currency) {

    private static final Logger log = LoggerFactory.getLogger(OpenCartSchema.class);
    /** The hint is logged once, not on every pull. */
    private static final AtomicBoolean zoneHinted = new AtomicBoolean();

    static OpenCartSchema detect(Connection c, OpenCartSettings settings) throws SQLException {
        String prefix = settings.prefix();
        Set<String> orderColumns = columns(c, prefix + "order");
        if (orderColumns.isEmpty()) {
            throw new SourceException("OpenCart database has no table " + prefix + "order (check OPENCART_DB_PREFIX)");
        }
        for (String table : new String[] {"order_product", "order_status"}) {
            if (columns(c, prefix + table).isEmpty()) {
                throw new SourceException("OpenCart database has no table " + prefix + table);
            }
        }
        boolean customer = !columns(c, prefix + "customer").isEmpty();
        String generation = orderColumns.contains("payment_code") && !orderColumns.contains("language_code") ? "3.x" : "4.x";
        Map<String, String> config = shopSettings(c, prefix);
        ZoneId zone = settings.timezone().or(() -> zoneOf(config.get("config_timezone")))
                .orElseGet(OpenCartSchema::openCartDefaultZone);
        Optional<String> currency = Optional.ofNullable(config.get("config_currency")).filter(s -> !s.isBlank());
        return new OpenCartSchema(generation, orderColumns, customer, zone, currency);
    }

    boolean hasOrderColumn(String name) {
        return orderColumns.contains(name);
    }

    private static Set<String> columns(Connection c, String table) throws SQLException {
        Set<String> names = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT COLUMN_NAME FROM information_schema.COLUMNS
                WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?""")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }

    private static Map<String, String> shopSettings(Connection c, String prefix) throws SQLException {
        Map<String, String> values = new HashMap<>();
        if (columns(c, prefix + "setting").isEmpty()) {
            return values;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT `key`, `value` FROM `" + prefix + "setting`"
                + " WHERE store_id = 0 AND `key` IN ('config_timezone', 'config_currency')")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return values;
    }

    private static Optional<ZoneId> zoneOf(String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(id.strip()));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /**
     * What an OpenCart without {@code config_timezone} writes in: it sets its database session's
     * {@code time_zone} to PHP's zone, its own default {@code date_timezone}, UTC, whatever the
     * database server runs at.
     */
    private static ZoneId openCartDefaultZone() {
        if (!zoneHinted.getAndSet(true)) {
            log.info("The shop has no config_timezone: reading its dates as UTC, as OpenCart writes them then;"
                    + " set OPENCART_TIMEZONE if its PHP runs in another zone");
        }
        return ZoneOffset.UTC;
    }
}
