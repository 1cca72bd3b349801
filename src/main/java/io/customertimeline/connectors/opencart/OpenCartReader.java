package io.customertimeline.connectors.opencart;

import io.customertimeline.connectors.Batch;
import io.customertimeline.connectors.CanonicalEvent;
import io.customertimeline.connectors.CanonicalJson;
import io.customertimeline.ingest.EventType;
import io.customertimeline.connectors.Progress;
import io.customertimeline.connectors.PullSource;
import io.customertimeline.connectors.RowError;
import io.customertimeline.connectors.SourceException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jsoup.parser.Parser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the shop's orders as {@link EventType#ORDER} events, oldest change first.
 *
 * <p>Read-only: the connection is marked read-only (the server then refuses writes in it) and only
 * {@code SELECT}s are sent. Orders with {@code order_status_id = 0} are checkouts that were never
 * confirmed and are skipped; once confirmed, their {@code date_modified} moves and they are read.
 * Amounts: OpenCart keeps {@code total} in the shop's default currency and the rate to the order's
 * currency in {@code currency_value}; events carry the amounts the customer saw (total ×
 * {@code currency_value}, rounded to the currency's minor unit) and the stored ones in {@code metadata}.
 */
public final class OpenCartReader implements PullSource {

    private static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /**
     * When an order last changed: {@code date_modified}, else (zero, as an order written without it
     * gets, or NULL) {@code date_added}, so that such an order is read once in its turn and not
     * left below every watermark.
     */
    private static final String CHANGED = "IF(o.date_modified > '1000-01-01', o.date_modified, o.date_added)";

    private final OpenCartSettings settings;
    private final Duration lookback;

    /**
     * @param lookback how far before the watermark each pull starts again, to catch orders written
     *                 late within the same second; re-read orders come out unchanged at ingest
     */
    public OpenCartReader(OpenCartSettings settings, Duration lookback) {
        this.settings = settings;
        this.lookback = lookback;
    }

    @Override
    public String name() {
        return "opencart";
    }

    @Override
    public void pull(String watermark, Consumer<Batch> sink) {
        OrderCursor stored = OrderCursor.parse(watermark);
        try (Connection c = connect()) {
            OpenCartSchema schema = OpenCartSchema.detect(c, settings);
            OrderCursor cursor = stored.rewind(lookback, schema.zone());
            Map<Integer, String> statuses = statusNames(c);
            long total = countAfter(c, cursor);
            long done = 0;
            while (true) {
                Page page = readPage(c, schema, statuses, cursor);
                if (page.read == 0) {
                    return;
                }
                done += page.read;
                cursor = page.last;
                sink.accept(new Batch(page.events, page.rejected, cursor.toString(), new Progress(done, Math.max(total, done))));
                if (page.read < settings.batchSize()) {
                    return;
                }
            }
        } catch (SQLException e) {
            throw SourceException.of("OpenCart database " + settings.displayUrl(), e, settings.secrets());
        }
    }

    /**
     * A read-only connection to the shop's database. JDBC's read-only flag is only a hint to the
     * MariaDB driver, so the session is also put in read-only transaction mode: the server itself
     * then refuses any write (MySQL 5.6.5+, MariaDB 10.0+).
     */
    Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(settings.jdbcUrl(), settings.driverProperties());
        try {
            c.setReadOnly(true);
            try (var s = c.createStatement()) {
                s.execute("SET SESSION TRANSACTION READ ONLY");
            }
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    private record Page(int read, List<CanonicalEvent> events, List<RowError> rejected, OrderCursor last) {
    }

    private Page readPage(Connection c, OpenCartSchema schema, Map<Integer, String> statuses, OrderCursor after)
            throws SQLException {
        String customerJoin = schema.hasCustomerTable()
                ? "LEFT JOIN `" + table("customer") + "` c ON c.customer_id = o.customer_id AND o.customer_id > 0"
                : "";
        String customerColumns = schema.hasCustomerTable()
                ? "c.firstname AS c_firstname, c.lastname AS c_lastname, c.email AS c_email, c.telephone AS c_telephone"
                : "NULL AS c_firstname, NULL AS c_lastname, NULL AS c_email, NULL AS c_telephone";
        String sql = """
                SELECT o.*, %s
                FROM `%s` o %s
                WHERE o.order_status_id > 0
                  AND (%4$s > ? OR (%4$s = ? AND o.order_id > ?))
                ORDER BY %4$s, o.order_id
                LIMIT ?""".formatted(customerColumns, table("order"), customerJoin, CHANGED);
        Map<Long, ObjectNode> orders = new LinkedHashMap<>();
        Map<Long, BigDecimal> rates = new HashMap<>();
        List<RowError> rejected = new ArrayList<>();
        int read = 0;
        OrderCursor last = after;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            String at = after.modified().format(SQL_TIME);
            ps.setString(1, at);
            ps.setString(2, at);
            ps.setLong(3, after.orderId());
            ps.setInt(4, settings.batchSize());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    read++;
                    long id = rs.getLong("order_id");
                    LocalDateTime modified = localTime(rs.getString("date_modified"));
                    LocalDateTime changed = modified != null ? modified : localTime(rs.getString("date_added"));
                    last = new OrderCursor(changed == null ? last.modified() : changed, id);
                    try {
                        BigDecimal rate = rate(rs.getBigDecimal("currency_value"));
                        rates.put(id, rate);
                        orders.put(id, order(rs, schema, statuses, rate));
                    } catch (RuntimeException | SQLException e) {
                        rejected.add(new RowError("order " + id, String.valueOf(e.getMessage())));
                    }
                }
            }
        }
        if (!orders.isEmpty()) {
            attachItems(c, orders, rates);
            attachTotals(c, orders, rates);
        }
        List<CanonicalEvent> events = orders.entrySet().stream()
                .map(e -> new CanonicalEvent(EventType.ORDER, String.valueOf(e.getKey()), e.getValue()))
                .toList();
        return new Page(read, events, rejected, last);
    }

    private ObjectNode order(ResultSet rs, OpenCartSchema schema, Map<Integer, String> statuses, BigDecimal rate)
            throws SQLException {
        ObjectNode o = CanonicalJson.object();
        long orderId = rs.getLong("order_id");
        o.put("order_id", orderId);
        long customerId = rs.getLong("customer_id");
        if (customerId > 0) {
            o.put("customer_id", customerId);
        }
        String name = fullName(rs.getString("firstname"), rs.getString("lastname"));
        if (name.isEmpty()) {
            name = fullName(rs.getString("c_firstname"), rs.getString("c_lastname"));
        }
        CanonicalJson.putText(o, "customer_name", name);
        CanonicalJson.putText(o, "customer_email", firstNonBlank(rs.getString("email"), rs.getString("c_email")));
        CanonicalJson.putText(o, "customer_phone", firstNonBlank(rs.getString("telephone"), rs.getString("c_telephone")));
        int statusId = rs.getInt("order_status_id");
        o.put("order_status", statuses.getOrDefault(statusId, "Status " + statusId));
        String currencyCode = text(rs.getString("currency_code"));
        BigDecimal stored = rs.getBigDecimal("total");
        o.put("order_total", money(stored, rate, currencyCode));
        CanonicalJson.putText(o, "currency", currencyCode);
        CanonicalJson.putText(o, "payment_method", methodName(rs.getString("payment_method")));
        CanonicalJson.putText(o, "shipping_method", methodName(rs.getString("shipping_method")));
        ObjectNode address = CanonicalJson.object();
        CanonicalJson.putText(address, "name", fullName(rs.getString("shipping_firstname"), rs.getString("shipping_lastname")));
        CanonicalJson.putText(address, "company", text(rs.getString("shipping_company")));
        CanonicalJson.putText(address, "address_1", text(rs.getString("shipping_address_1")));
        CanonicalJson.putText(address, "address_2", text(rs.getString("shipping_address_2")));
        CanonicalJson.putText(address, "city", text(rs.getString("shipping_city")));
        CanonicalJson.putText(address, "postcode", text(rs.getString("shipping_postcode")));
        CanonicalJson.putText(address, "zone", text(rs.getString("shipping_zone")));
        CanonicalJson.putText(address, "country", text(rs.getString("shipping_country")));
        if (!address.isEmpty()) {
            o.set("shipping_address", address);
        }
        LocalDateTime added = localTime(rs.getString("date_added"));
        LocalDateTime modified = localTime(rs.getString("date_modified"));
        if (added == null) {
            added = modified;
        }
        if (added != null) {
            o.put("order_date", CanonicalJson.time(added.atZone(schema.zone()).toOffsetDateTime()));
        }
        if (modified != null) {
            o.put("date_modified", CanonicalJson.time(modified.atZone(schema.zone()).toOffsetDateTime()));
        }
        o.putArray("items");
        ObjectNode meta = o.putObject("metadata");
        meta.put("source", "opencart");
        meta.put("opencart_schema", schema.generation());
        meta.put("order_status_id", statusId);
        CanonicalJson.putText(meta, "store_name", text(rs.getString("store_name")));
        CanonicalJson.putDecimal(meta, "stored_total", stored);
        schema.currency().ifPresent(cur -> meta.put("stored_currency", cur));
        meta.put("currency_value", rate);
        CanonicalJson.putText(meta, "comment", text(rs.getString("comment")));
        return o;
    }

    /** A line of an order's detail table, given its order and the order's currency rate. */
    @FunctionalInterface
    private interface DetailRow {
        void add(ResultSet rs, ObjectNode order, BigDecimal rate, String currency) throws SQLException;
    }

    private void attachItems(Connection c, Map<Long, ObjectNode> orders, Map<Long, BigDecimal> rates) throws SQLException {
        forEachDetail(c, "SELECT order_id, product_id, name, model, quantity, price, total, tax FROM `" + table("order_product")
                + "` WHERE order_id IN (%s) ORDER BY order_id, order_product_id", orders, rates, (rs, order, rate, currency) -> {
                    ObjectNode item = ((ArrayNode) order.get("items")).addObject();
                    item.put("product_id", rs.getLong("product_id"));
                    item.put("name", text(rs.getString("name")));
                    item.put("model", text(rs.getString("model")));
                    item.put("quantity", rs.getInt("quantity"));
                    item.put("price", money(rs.getBigDecimal("price"), rate, currency));
                    item.put("total", money(rs.getBigDecimal("total"), rate, currency));
                    item.put("tax", money(rs.getBigDecimal("tax"), rate, currency));
                });
    }

    private void attachTotals(Connection c, Map<Long, ObjectNode> orders, Map<Long, BigDecimal> rates) throws SQLException {
        forEachDetail(c, "SELECT order_id, code, title, value FROM `" + table("order_total")
                + "` WHERE order_id IN (%s) ORDER BY order_id, sort_order, order_total_id", orders, rates, (rs, order, rate, currency) -> {
                    ArrayNode totals = order.has("totals") ? (ArrayNode) order.get("totals") : order.putArray("totals");
                    ObjectNode line = totals.addObject();
                    line.put("code", text(rs.getString("code")));
                    line.put("title", text(rs.getString("title")));
                    line.put("value", money(rs.getBigDecimal("value"), rate, currency));
                });
    }

    /** Runs {@code sql} (its {@code %s} the batch's order ids) and hands each row to {@code row} with its order. */
    private static void forEachDetail(Connection c, String sql, Map<Long, ObjectNode> orders, Map<Long, BigDecimal> rates,
                                      DetailRow row) throws SQLException {
        String ids = String.join(",", java.util.Collections.nCopies(orders.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement(sql.formatted(ids))) {
            int i = 1;
            for (long id : orders.keySet()) {
                ps.setLong(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long orderId = rs.getLong("order_id");
                    ObjectNode order = orders.get(orderId);
                    row.add(rs, order, rates.get(orderId), order.path("currency").asString(null));
                }
            }
        }
    }

    private Map<Integer, String> statusNames(Connection c) throws SQLException {
        Map<Integer, String> names = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT order_status_id, language_id, name FROM `"
                + table("order_status") + "` ORDER BY order_status_id, language_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int id = rs.getInt(1);
                String name = text(rs.getString(3));
                if (rs.getInt(2) == settings.languageId() || !names.containsKey(id)) {
                    names.put(id, name);
                }
            }
        }
        return names;
    }

    private long countAfter(Connection c, OrderCursor after) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM `" + table("order") + "` o"
                + " WHERE o.order_status_id > 0 AND (" + CHANGED + " > ? OR (" + CHANGED + " = ? AND o.order_id > ?))")) {
            String at = after.modified().format(SQL_TIME);
            ps.setString(1, at);
            ps.setString(2, at);
            ps.setLong(3, after.orderId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private String table(String name) {
        return settings.prefix() + name;
    }

    private static BigDecimal rate(BigDecimal value) {
        return value == null || value.signum() <= 0 ? BigDecimal.ONE : value.stripTrailingZeros();
    }

    /** {@code amount × rate}, rounded half-up to the currency's minor unit (2 places when unknown). */
    static BigDecimal money(BigDecimal amount, BigDecimal rate, String currency) {
        if (amount == null) {
            return null;
        }
        int scale = 2;
        if (currency != null) {
            try {
                scale = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
            } catch (IllegalArgumentException e) {
                scale = 2;
            }
        }
        return amount.multiply(rate).setScale(scale, RoundingMode.HALF_UP);
    }

    /** The method's name: a plain name (3.x, 4.0.0–4.0.1) or JSON {@code {"name":..,"code":..}} (4.0.2+). */
    static String methodName(String stored) {
        String s = text(stored);
        if (s != null && s.startsWith("{")) {
            try {
                JsonNode node = CanonicalJson.MAPPER.readTree(stored);
                return text(node.path("name").asString(null));
            } catch (RuntimeException e) {
                return s;
            }
        }
        return s;
    }

    /** OpenCart stores what customers type HTML-escaped ({@code O&#39;Brien}); events carry the text. */
    static String text(String stored) {
        if (stored == null) {
            return null;
        }
        String s = Parser.unescapeEntities(stored, false).strip();
        return s.isEmpty() ? null : s;
    }

    private static String fullName(String first, String last) {
        String f = text(first);
        String l = text(last);
        return ((f == null ? "" : f) + " " + (l == null ? "" : l)).strip();
    }

    private static String firstNonBlank(String a, String b) {
        String x = text(a);
        return x != null ? x : text(b);
    }

    /** {@code 2024-01-15 10:30:00} as stored; {@code null} for MySQL's zero date. */
    static LocalDateTime localTime(String stored) {
        if (stored == null || stored.startsWith("0000")) {
            return null;
        }
        String s = stored.replace(' ', 'T');
        int dot = s.indexOf('.');
        return LocalDateTime.parse(dot > 0 ? s.substring(0, dot) : s);
    }

    @Override
    public String toString() {
        return "OpenCartReader[" + settings + "]";
    }
}
