package io.customertimeline.connectors.opencart;

import static org.assertj.core.api.Assertions.assertThat;

import io.customertimeline.connectors.Batch;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reader against OpenCart 4.x tables: methods stored as JSON. */
class OpenCart4ReaderTest extends OpenCartReaderContract {

    @Override
    String schemaResource() {
        return "/opencart/opencart-4.x.sql";
    }

    @Override
    Map<String, Object> methods(String payment, String paymentCode, String shipping, String shippingCode) {
        return Map.of("payment_method", "{\"name\":\"" + payment + "\",\"code\":\"" + paymentCode + "." + paymentCode + "\"}",
                "shipping_method", "{\"name\":\"" + shipping + "\",\"code\":\"" + shippingCode + "\",\"cost\":\"100.00\",\"tax_class_id\":\"0\",\"text\":\"R100.00\"}",
                "language_code", "en-gb");
    }

    @Override
    String expectedGeneration() {
        return "4.x";
    }

    @Test
    void readsYearsOfOrdersInBatchesWithProgress() throws SQLException {
        int n = 20_000;
        // MariaDB's sequence engine makes the rows in the server: 20,000 orders with two products each
        shop.execute("""
                INSERT INTO oc_order (order_id, subscription_id, invoice_prefix, transaction_id, store_name, store_url, customer_id,
                    firstname, lastname, email, telephone, custom_field, payment_address_id, payment_firstname, payment_lastname,
                    payment_company, payment_address_1, payment_address_2, payment_city, payment_postcode, payment_country,
                    payment_country_id, payment_zone, payment_zone_id, payment_address_format, payment_custom_field, payment_method,
                    shipping_address_id, shipping_firstname, shipping_lastname, shipping_company, shipping_address_1,
                    shipping_address_2, shipping_city, shipping_postcode, shipping_country, shipping_country_id, shipping_zone,
                    shipping_zone_id, shipping_address_format, shipping_custom_field, shipping_method, comment, total,
                    order_status_id, affiliate_id, commission, marketing_id, tracking, language_id, language_code, currency_id,
                    currency_code, currency_value, ip, forwarded_ip, user_agent, accept_language, date_added, date_modified)
                SELECT 100000 + seq, 0, 'INV-', '', 'Audico', 'https://audico.co.za/', MOD(seq, 5000), 'Customer', CONCAT('No', seq),
                    CONCAT('c', MOD(seq, 5000), '@example.co.za'), '082 555 0000', '[]', 0, '', '', '', '', '', '', '', '', 0, '', 0,
                    '', '[]', '{"name":"PayFast","code":"payfast.payfast"}', 0, 'Customer', CONCAT('No', seq), '', '1 Main Rd', '',
                    'Johannesburg', '2000', 'South Africa', 193, 'Gauteng', 0, '', '[]', '{"name":"Courier Guy","code":"cg.cg"}', '',
                    ROUND(100 + MOD(seq, 9000), 2), 5, 0, 0, 0, '', 1, 'en-gb', 1, 'ZAR', 1, '', '', '', '',
                    '2019-01-01 00:00:00' + INTERVAL seq * 2 HOUR, '2019-01-01 00:00:00' + INTERVAL seq * 2 HOUR
                FROM seq_1_to_%d""".formatted(n));
        shop.execute("""
                INSERT INTO oc_order_product (order_id, product_id, master_id, name, model, quantity, price, total, tax, reward)
                SELECT 100000 + seq DIV 2, MOD(seq, 300), 0, 'Speaker', 'SPK', 1, 50, 50, 7.5, 0 FROM seq_2_to_%d""".formatted(2 * n + 1));

        List<Batch> batches = new ArrayList<>();
        long start = System.nanoTime();
        reader(500).pull(null, batches::add);
        double seconds = (System.nanoTime() - start) / 1e9;

        System.out.printf("OpenCart read rate: %,.0f orders/s (%d orders in %.1f s, batches of 500)%n", n / seconds, n, seconds);
        assertThat(batches).hasSize(n / 500);
        assertThat(batches.get(batches.size() - 1).progress()).isEqualTo(new io.customertimeline.connectors.Progress(n, n));
        assertThat(batches.stream().mapToLong(b -> b.events().size()).sum()).isEqualTo(n);
        assertThat(batches.get(0).events().get(0).data().get("items")).hasSize(2);
    }
}
