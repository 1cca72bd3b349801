package io.customertimeline.connectors.opencart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.customertimeline.connectors.Batch;
import io.customertimeline.connectors.CanonicalEvent;
import io.customertimeline.connectors.CanonicalJson;
import io.customertimeline.connectors.SourceException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * What the OpenCart reader does against a real database with the shop's own table definitions.
 * Each schema generation runs the same tests (see the subclasses).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OpenCartReaderContract {

    private static final AtomicInteger IDS = new AtomicInteger(1000);

    ThrowAwayShopDatabase shop;

    /** Test resource with this generation's table definitions. */
    abstract String schemaResource();

    /** {@code payment_method}/{@code shipping_method} as this generation stores it. */
    abstract Map<String, Object> methods(String payment, String paymentCode, String shipping, String shippingCode);

    abstract String expectedGeneration();

    @BeforeAll
    void createShop() throws SQLException {
        shop = ThrowAwayShopDatabase.create(schemaResource());
        shop.insert("oc_setting", Map.of("store_id", 0, "code", "config", "key", "config_timezone", "value", "Africa/Johannesburg"));
        shop.insert("oc_setting", Map.of("store_id", 0, "code", "config", "key", "config_currency", "value", "ZAR"));
    }

    @AfterAll
    void dropShop() throws SQLException {
        if (shop != null) {
            shop.close();
        }
    }

    @BeforeEach
    void emptyOrders() throws SQLException {
        try (Connection c = shop.connect(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM oc_order");
            s.execute("DELETE FROM oc_order_product");
            s.execute("DELETE FROM oc_order_total");
            s.execute("DELETE FROM oc_customer");
        }
    }

    OpenCartReader reader(int batchSize) {
        return reader(Map.of("OPENCART_BATCH_SIZE", String.valueOf(batchSize)));
    }

    OpenCartReader reader(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(extra);
        env.put("OPENCART_DB_URL", shop.jdbcUrl());
        return new OpenCartReader(OpenCartSettings.fromEnvironment(env::get).orElseThrow(), Duration.ZERO);
    }

    List<Batch> pull(OpenCartReader reader, String watermark) {
        List<Batch> batches = new ArrayList<>();
        reader.pull(watermark, batches::add);
        return batches;
    }

    static List<CanonicalEvent> events(List<Batch> batches) {
        return batches.stream().flatMap(b -> b.events().stream()).toList();
    }

    static List<Long> orderIds(List<Batch> batches) {
        return events(batches).stream().map(e -> e.data().get("order_id").asLong()).toList();
    }

    /** A confirmed order of a registered customer, with two products, at the given local time. */
    long order(Map<String, Object> overrides) throws SQLException {
        long id = IDS.incrementAndGet();
        Map<String, Object> row = new HashMap<>();
        row.put("order_id", id);
        row.put("store_name", "Audico Online");
        row.put("customer_id", 0);
        row.put("firstname", "Thandi");
        row.put("lastname", "Nkosi");
        row.put("email", "thandi.nkosi@example.co.za");
        row.put("telephone", "082 123 4567");
        row.put("shipping_firstname", "Thandi");
        row.put("shipping_lastname", "Nkosi");
        row.put("shipping_company", "Nkosi Sound &amp; Light");
        row.put("shipping_address_1", "12 Long Street");
        row.put("shipping_address_2", "Unit 4");
        row.put("shipping_city", "Cape Town");
        row.put("shipping_postcode", "8001");
        row.put("shipping_zone", "Western Cape");
        row.put("shipping_country", "South Africa");
        row.putAll(methods("Cash On Delivery", "cod", "Flat Shipping Rate", "flat.flat"));
        row.put("total", new BigDecimal("1299.9900"));
        row.put("order_status_id", 5);
        row.put("currency_code", "ZAR");
        row.put("currency_value", new BigDecimal("1.00000000"));
        row.put("comment", "Please deliver after 5pm");
        row.put("date_added", "2024-01-15 10:30:00");
        row.put("date_modified", "2024-01-15 10:30:00");
        row.putAll(overrides);
        shop.insert("oc_order", row);
        shop.insert("oc_order_product", Map.of("order_id", id, "product_id", 49, "name", "JBL Charge 5 &amp; Stand",
                "model", "JBL-CH5", "quantity", 2, "price", new BigDecimal("500.0000"), "total", new BigDecimal("1000.0000"),
                "tax", new BigDecimal("75.0000")));
        shop.insert("oc_order_product", Map.of("order_id", id, "product_id", 50, "name", "Speaker cable 10m",
                "model", "CAB-10", "quantity", 1, "price", new BigDecimal("199.9900"), "total", new BigDecimal("199.9900")));
        shop.insert("oc_order_total", totalLine(id, "sub_total", "Sub-Total", "1199.9900", 1));
        shop.insert("oc_order_total", totalLine(id, "shipping", "Flat Shipping Rate", "100.0000", 3));
        shop.insert("oc_order_total", totalLine(id, "total", "Total", "1299.9900", 9));
        return id;
    }

    Map<String, Object> totalLine(long orderId, String code, String title, String value, int sort) {
        Map<String, Object> line = new HashMap<>(Map.of("order_id", orderId, "code", code, "title", title,
                "value", new BigDecimal(value), "sort_order", sort));
        return line;
    }

    @Test
    void confirmedOrderBecomesAnOrderEventWithTheSeedFieldNames() throws SQLException {
        shop.insert("oc_customer", Map.of("customer_id", 67890, "firstname", "Thandi", "lastname", "Nkosi",
                "email", "thandi.nkosi@example.co.za", "telephone", "0821234567", "date_added", "2023-05-01 09:00:00"));
        long id = order(Map.of("customer_id", 67890, "lastname", "O&#039;Brien-Nkosi"));

        List<CanonicalEvent> events = events(pull(reader(100), null));

        assertThat(events).hasSize(1);
        JsonNode data = events.get(0).data();
        assertThat(events.get(0).key()).isEqualTo(String.valueOf(id));
        assertThat(data.get("order_id").asLong()).isEqualTo(id);
        assertThat(data.get("customer_id").asLong()).isEqualTo(67890);
        assertThat(data.get("customer_name").asString()).isEqualTo("Thandi O'Brien-Nkosi");
        assertThat(data.get("customer_email").asString()).isEqualTo("thandi.nkosi@example.co.za");
        assertThat(data.get("customer_phone").asString()).isEqualTo("082 123 4567");
        assertThat(data.get("order_status").asString()).isEqualTo("Complete");
        assertThat(data.get("order_total").decimalValue()).isEqualByComparingTo("1299.99");
        assertThat(data.get("order_total").isBigDecimal()).as("money is never a binary float").isTrue();
        assertThat(data.get("currency").asString()).isEqualTo("ZAR");
        assertThat(data.get("payment_method").asString()).isEqualTo("Cash On Delivery");
        assertThat(data.get("shipping_method").asString()).isEqualTo("Flat Shipping Rate");
        assertThat(data.get("order_date").asString()).isEqualTo("2024-01-15T10:30:00+02:00");
        assertThat(data.get("date_modified").asString()).isEqualTo("2024-01-15T10:30:00+02:00");
        assertThat(CanonicalJson.MAPPER.writeValueAsString(data.get("shipping_address"))).isEqualTo("""
                {"name":"Thandi Nkosi","company":"Nkosi Sound & Light","address_1":"12 Long Street","address_2":"Unit 4",\
                "city":"Cape Town","postcode":"8001","zone":"Western Cape","country":"South Africa"}""");
        JsonNode items = data.get("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("product_id").asLong()).isEqualTo(49);
        assertThat(items.get(0).get("name").asString()).isEqualTo("JBL Charge 5 & Stand");
        assertThat(items.get(0).get("model").asString()).isEqualTo("JBL-CH5");
        assertThat(items.get(0).get("quantity").asInt()).isEqualTo(2);
        assertThat(items.get(0).get("price").decimalValue()).isEqualByComparingTo("500.00");
        assertThat(items.get(0).get("total").decimalValue()).isEqualByComparingTo("1000.00");
        assertThat(items.get(1).get("name").asString()).isEqualTo("Speaker cable 10m");
        assertThat(data.get("totals")).extracting(t -> t.get("code").asString()).containsExactly("sub_total", "shipping", "total");
        assertThat(data.get("metadata").get("opencart_schema").asString()).isEqualTo(expectedGeneration());
        assertThat(data.get("metadata").get("comment").asString()).isEqualTo("Please deliver after 5pm");
    }

    @Test
    void guestOrderCarriesNoCustomerId() throws SQLException {
        order(Map.of("customer_id", 0, "email", "guest@example.co.za"));

        JsonNode data = events(pull(reader(100), null)).get(0).data();

        assertThat(data.has("customer_id")).isFalse();
        assertThat(data.get("customer_email").asString()).isEqualTo("guest@example.co.za");
    }

    @Test
    void registeredCustomerFillsContactDetailsTheOrderLacks() throws SQLException {
        shop.insert("oc_customer", Map.of("customer_id", 555, "firstname", "Sipho", "lastname", "Dlamini",
                "email", "sipho@example.co.za", "telephone", "+27 83 555 0101", "date_added", "2023-05-01 09:00:00"));
        order(Map.of("customer_id", 555, "firstname", "", "lastname", "", "email", "", "telephone", ""));

        JsonNode data = events(pull(reader(100), null)).get(0).data();

        assertThat(data.get("customer_name").asString()).isEqualTo("Sipho Dlamini");
        assertThat(data.get("customer_email").asString()).isEqualTo("sipho@example.co.za");
        assertThat(data.get("customer_phone").asString()).isEqualTo("+27 83 555 0101");
    }

    @Test
    void abandonedCheckoutsAreSkippedUntilConfirmed() throws SQLException {
        long confirmed = order(Map.of());
        long abandoned = order(Map.of("order_status_id", 0, "date_modified", "2024-01-15 11:00:00"));

        List<Batch> first = pull(reader(100), null);
        assertThat(orderIds(first)).containsExactly(confirmed);

        shop.execute("UPDATE oc_order SET order_status_id = 1, date_modified = '2024-01-16 08:00:00' WHERE order_id = ?", abandoned);
        List<Batch> second = pull(reader(100), first.get(first.size() - 1).watermark());
        assertThat(orderIds(second)).containsExactly(abandoned);
        assertThat(events(second).get(0).data().get("order_status").asString()).isEqualTo("Pending");
    }

    @Test
    void ordersChangedInTheSameSecondArePagedWithoutLossOrRepeat() throws SQLException {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(order(Map.of("date_modified", "2024-02-01 12:00:00")));
        }
        long later = order(Map.of("date_modified", "2024-02-01 12:00:01"));

        List<Batch> batches = pull(reader(3), null);

        assertThat(batches).extracting(b -> b.events().size()).containsExactly(3, 3, 2);
        assertThat(orderIds(batches)).containsExactlyElementsOf(concat(ids, later));
        assertThat(batches.get(0).watermark()).isEqualTo("2024-02-01T12:00:00/" + ids.get(2));
        assertThat(batches.get(2).progress().done()).isEqualTo(8);
        assertThat(batches.get(0).progress().total()).isEqualTo(8);

        List<Batch> resumed = pull(reader(3), batches.get(0).watermark());
        assertThat(orderIds(resumed)).containsExactlyElementsOf(concat(ids.subList(3, 7), later));
        assertThat(pull(reader(3), batches.get(2).watermark())).isEmpty();
    }

    @Test
    void orderWithoutAModificationDateIsReadOnceByWhenItWasPlaced() throws SQLException {
        long first = order(Map.of());
        List<Batch> before = pull(reader(100), null);
        long undated = order(Map.of("date_added", "2024-01-16 09:00:00"));
        try (Connection c = shop.connect(); Statement s = c.createStatement()) {
            s.execute("SET SESSION sql_mode = ''"); // as shops and their extensions write it
            s.execute("UPDATE oc_order SET date_modified = '0000-00-00 00:00:00' WHERE order_id = " + undated);
        }

        List<Batch> after = pull(reader(100), before.get(before.size() - 1).watermark());

        assertThat(orderIds(before)).containsExactly(first);
        assertThat(orderIds(after)).containsExactly(undated);
        assertThat(after.get(0).progress().total()).isEqualTo(1);
        assertThat(pull(reader(100), after.get(after.size() - 1).watermark())).isEmpty();
    }

    @Test
    void orderPlacedInTheHourTheClocksGoBackIsReadAfterOneFromItsFirstPass() throws SQLException {
        Map<String, String> london = Map.of("OPENCART_TIMEZONE", "Europe/London");
        long firstPass = order(Map.of("date_added", "2024-10-27 01:50:00", "date_modified", "2024-10-27 01:50:00")); // BST
        List<Batch> before = pull(reader(london), null);
        long secondPass = order(Map.of("date_added", "2024-10-27 01:10:00", "date_modified", "2024-10-27 01:10:00")); // GMT, 20 min later

        List<Batch> after = pull(reader(london), before.get(before.size() - 1).watermark());

        assertThat(orderIds(before)).containsExactly(firstPass);
        assertThat(orderIds(after)).as("the first pass's order is read again, unchanged at ingest").containsExactly(secondPass, firstPass);
    }

    @Test
    void statusChangeIsReadAgainOnTheNextPull() throws SQLException {
        long id = order(Map.of());
        List<Batch> first = pull(reader(100), null);
        String watermark = first.get(first.size() - 1).watermark();
        assertThat(pull(reader(100), watermark)).as("nothing changed").isEmpty();

        shop.execute("UPDATE oc_order SET order_status_id = 11, date_modified = '2024-01-20 09:15:00' WHERE order_id = ?", id);
        List<CanonicalEvent> again = events(pull(reader(100), watermark));

        assertThat(again).hasSize(1);
        assertThat(again.get(0).data().get("order_id").asLong()).isEqualTo(id);
        assertThat(again.get(0).data().get("order_status").asString()).isEqualTo("Refunded");
        assertThat(again.get(0).data().get("order_date").asString()).isEqualTo("2024-01-15T10:30:00+02:00");
        assertThat(again.get(0).data().get("date_modified").asString()).isEqualTo("2024-01-20T09:15:00+02:00");
    }

    @Test
    void foreignCurrencyOrderCarriesTheAmountTheCustomerSaw() throws SQLException {
        order(Map.of("currency_code", "USD", "currency_value", new BigDecimal("0.05470000"), "total", new BigDecimal("1000.0000")));

        JsonNode data = events(pull(reader(100), null)).get(0).data();

        assertThat(data.get("currency").asString()).isEqualTo("USD");
        assertThat(data.get("order_total").decimalValue()).isEqualByComparingTo("54.70");
        assertThat(data.get("items").get(0).get("price").decimalValue()).isEqualByComparingTo("27.35");
        assertThat(data.get("metadata").get("stored_total").decimalValue()).isEqualByComparingTo("1000");
        assertThat(data.get("metadata").get("stored_currency").asString()).isEqualTo("ZAR");
    }

    @Test
    void statusNameComesFromTheConfiguredLanguage() throws SQLException {
        shop.execute("INSERT IGNORE INTO oc_order_status (order_status_id, language_id, name) VALUES (5, 2, 'Voltooi')");
        order(Map.of());

        JsonNode data = events(pull(reader(Map.of("OPENCART_LANGUAGE_ID", "2")), null)).get(0).data();

        assertThat(data.get("order_status").asString()).isEqualTo("Voltooi");
    }

    @Test
    void configuredTimezoneWinsOverTheShopSetting() throws SQLException {
        order(Map.of());

        JsonNode data = events(pull(reader(Map.of("OPENCART_TIMEZONE", "UTC")), null)).get(0).data();

        assertThat(data.get("order_date").asString()).isEqualTo("2024-01-15T10:30:00Z");
    }

    @Test
    void withoutTheShopsTimezoneDatesAreReadAsUtcWhateverTheServersZone() throws SQLException {
        shop.execute("DELETE FROM oc_setting WHERE `key` = 'config_timezone'");
        try (Connection c = shop.connect(); Statement s = c.createStatement()) {
            s.execute("SET time_zone = '+02:00'"); // a server at +02:00; OpenCart sets its sessions to UTC
            var settings = OpenCartSettings.fromEnvironment(Map.of("OPENCART_DB_URL", shop.jdbcUrl())::get).orElseThrow();

            assertThat(OpenCartSchema.detect(c, settings).zone()).isEqualTo(ZoneOffset.UTC);
        } finally {
            shop.insert("oc_setting", Map.of("store_id", 0, "code", "config", "key", "config_timezone", "value", "Africa/Johannesburg"));
        }
    }

    @Test
    void readerConnectionRefusesWrites() throws SQLException {
        OpenCartReader reader = reader(100);
        try (Connection c = reader.connect(); Statement s = c.createStatement()) {
            assertThat(c.isReadOnly()).isTrue();
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM oc_order_status WHERE order_status_id = 16"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("READ ONLY");
        }
    }

    @Test
    void wrongTablePrefixIsReportedByName() {
        OpenCartReader reader = reader(Map.of("OPENCART_DB_PREFIX", "shop_"));

        assertThatThrownBy(() -> pull(reader, null))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("shop_order");
    }

    @Test
    void wrongPasswordIsReportedWithoutThePassword() {
        String url = shop.jdbcUrl().replaceAll("[?&]password=[^&]*", "") + "&password=Sup3r-Secret-42";
        var settings = OpenCartSettings.fromEnvironment(Map.of("OPENCART_DB_URL", url)::get).orElseThrow();

        assertThatThrownBy(() -> pull(new OpenCartReader(settings, Duration.ZERO), null))
                .isInstanceOf(SourceException.class)
                .satisfies(e -> {
                    assertThat(e.getMessage()).doesNotContain("Sup3r-Secret-42").contains("password=****");
                    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain("Sup3r-Secret-42");
                    }
                });
        assertThat(settings.toString()).doesNotContain("Sup3r-Secret-42");
    }

    private static List<Long> concat(List<Long> ids, long last) {
        List<Long> all = new ArrayList<>(ids);
        all.add(last);
        return all;
    }

}
