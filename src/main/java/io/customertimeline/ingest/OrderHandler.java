package io.customertimeline.ingest;

import io.customertimeline.identity.Identifier;
import io.customertimeline.identity.IdentifierParser;
import io.customertimeline.identity.ProfileHints;
import io.customertimeline.system.InvalidInputException;
import io.customertimeline.system.Pipeline;
import io.customertimeline.system.TimelineProperties;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * {@code sync_opencart_order} / {@code opencart_order}: one row per {@code order_id}; a later
 * status updates it. Only orders in a paid or fulfilled status, in the shop's currency (or, from
 * OpenCart, with their total in it), count towards spend and LTV.
 */
@Component
class OrderHandler implements SourceHandler {

    private static final Pipeline.Sql UPSERT = Pipeline.Sql.of("""
            INSERT INTO opencart_orders_cache (id, order_id, customer_id, opencart_customer_id, customer_name,
                customer_email, customer_phone, order_status, order_total, currency, payment_method, shipping_method,
                items, shipping_address, order_date, payload, synced_at)
            VALUES (gen_random_uuid(), :order, :customer, :shopCustomer, :name, :email, :phone, :status, :total, :currency,
                :payment, :shipping, coalesce(:items::jsonb, '[]'), :address::jsonb, :date, :payload::jsonb, now())
            ON CONFLICT (order_id) DO UPDATE SET
                customer_id = excluded.customer_id, opencart_customer_id = excluded.opencart_customer_id,
                customer_name = excluded.customer_name, customer_email = excluded.customer_email,
                customer_phone = excluded.customer_phone, order_status = excluded.order_status,
                order_total = excluded.order_total, currency = excluded.currency,
                payment_method = excluded.payment_method, shipping_method = excluded.shipping_method,
                items = excluded.items, shipping_address = excluded.shipping_address,
                order_date = excluded.order_date, payload = excluded.payload, synced_at = now()
            """);

    private final IdentifierParser ids;
    private final String currency;
    private final Set<String> valued;

    OrderHandler(IdentifierParser ids, TimelineProperties props) {
        this.ids = ids;
        this.currency = props.currency();
        this.valued = props.valuedOrderStatuses().stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    @Override
    public EventType type() {
        return EventType.ORDER;
    }

    @Override
    public Parsed parse(Fields d) {
        long orderId = d.requiredWhole("order_id");
        Optional<Long> shopCustomer = d.whole("customer_id");
        String status = d.requiredText("order_status");
        BigDecimal total = d.requiredDecimal("order_total").setScale(2, RoundingMode.HALF_UP);
        String cur = d.text("currency").orElse(currency).toUpperCase(Locale.ROOT);
        if (!cur.matches("^[A-Z]{3}$")) {
            throw new InvalidInputException(d.path("currency"), "'" + d.path("currency") + "' must be a 3-letter ISO 4217 code");
        }
        var orderDate = d.requiredTime("order_date");
        Optional<String> name = d.label("customer_name");
        Optional<String> email = d.text("customer_email");
        Optional<String> phone = d.text("customer_phone");
        JsonNode items = d.array("items").orElse(null);
        JsonNode address = d.object("shipping_address").orElse(null);
        Optional<String> payment = d.text("payment_method");
        Optional<String> shipping = d.text("shipping_method");

        List<Identifier> identifiers = new ArrayList<>();
        Optional<Identifier> emailId = email.flatMap(ids::email);
        Optional<Identifier> phoneId = phone.flatMap(ids::phone);
        emailId.ifPresent(identifiers::add);
        phoneId.ifPresent(identifiers::add);
        shopCustomer.flatMap(ids::opencartCustomer).ifPresent(identifiers::add);
        if (identifiers.isEmpty()) {
            throw new InvalidInputException(d.path("customer_email"),
                    "the order names no customer: give a valid customer_email, customer_phone or customer_id");
        }
        // OpenCart converts an order's total to the customer's currency; its own figure in the shop's
        // currency (metadata.stored_total) is what the order is worth to the shop. The entry carries
        // that one, the figure both statistics paths sum; the summary and order keep what the customer paid.
        BigDecimal value = total;
        String valueCurrency = cur;
        if (!cur.equals(currency)) {
            Optional<Fields> meta = d.nested("metadata");
            Optional<BigDecimal> stored = meta.flatMap(m -> m.decimal("stored_total"));
            if (stored.isPresent() && meta.flatMap(m -> m.text("stored_currency")).filter(currency::equalsIgnoreCase).isPresent()) {
                value = stored.get().setScale(2, RoundingMode.HALF_UP);
                valueCurrency = currency;
            }
        }
        boolean countsAsValue = valued.contains(status.toLowerCase(Locale.ROOT)) && valueCurrency.equals(currency);
        int itemCount = items == null ? 0 : items.size();
        String summary = String.join(" · ", nonBlank(
                itemCount == 0 ? null : itemCount + (itemCount == 1 ? " item" : " items"),
                cur + " " + String.format(Locale.ROOT, "%,.2f", total),
                payment.orElse(null), shipping.orElse(null)));
        var touchpoint = new Touchpoint(Source.ORDER, Long.toString(orderId), "inbound", orderDate,
                "Order #" + orderId + " · " + status, summary, status, Optional.empty(), null,
                value, valueCurrency, countsAsValue, "opencart_orders_cache", Long.toString(orderId), identifiers,
                new ProfileHints(name.orElse(null), null, emailId.map(Identifier::value).orElse(null),
                        phoneId.map(Identifier::value).orElse(null)),
                d.timeIfReadable("date_modified").or(() -> d.timeIfReadable("updated_at")).orElse(null));
        SourceRow row = (customer, sentiment, payload) -> Optional.of(new Pipeline.Statement(UPSERT, new MapSqlParameterSource()
                .addValue("order", orderId).addValue("customer", customer).addValue("shopCustomer", shopCustomer.orElse(null))
                .addValue("name", name.orElse(null)).addValue("email", email.orElse(null)).addValue("phone", phone.orElse(null))
                .addValue("status", status).addValue("total", total).addValue("currency", cur)
                .addValue("payment", payment.orElse(null)).addValue("shipping", shipping.orElse(null))
                .addValue("items", items == null ? null : items.toString())
                .addValue("address", address == null ? null : address.toString())
                .addValue("date", orderDate).addValue("payload", payload)));
        return new Parsed(touchpoint, row);
    }

    static List<String> nonBlank(String... parts) {
        List<String> out = new ArrayList<>();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                out.add(p);
            }
        }
        return out;
    }
}
