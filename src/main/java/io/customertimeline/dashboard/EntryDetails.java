package io.customertimeline.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.safety.Safelist;
import tools.jackson.databind.JsonNode;

/**
 * The expandable part of a timeline entry, read from the source's payload. Everything here is
 * outside content: templates print it with {@code th:text}; only {@link #bodyHtml} is markup,
 * and it has been through an allow-list.
 */
public record EntryDetails(
        String source,
        List<Field> fields,
        List<Item> items,
        List<String> address,
        String subject,
        String body,
        String bodyHtml,
        List<Turn> turns,
        String transcript,
        String recordingUrl,
        String postUrl,
        String content) {

    public record Field(String label, String value) {
    }

    public record Item(String name, String quantity, String price) {
    }

    public record Turn(String speaker, String text) {
    }

    private static final List<String> ADDRESS_ORDER = List.of("name", "firstname", "lastname", "company", "address_1",
            "address_2", "suburb", "city", "province", "zone", "postcode", "country");
    private static final Pattern HTML = Pattern.compile("<\\s*(p|div|br|html|body|a|b|i|strong|em|ul|ol|li|table|span|h[1-6])\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Safelist EMAIL_HTML = Safelist.basic()
            .addEnforcedAttribute("a", "rel", "noopener noreferrer nofollow")
            .addEnforcedAttribute("a", "target", "_blank")
            .removeProtocols("a", "href", "ftp", "mailto");

    static EntryDetails of(String source, JsonNode d) {
        List<Field> fields = new ArrayList<>();
        List<Item> items = new ArrayList<>();
        List<String> address = new ArrayList<>();
        List<Turn> turns = new ArrayList<>();
        String subject = null;
        String body = null;
        String bodyHtml = null;
        String transcript = null;
        String recording = null;
        String postUrl = null;
        String content = null;
        switch (source) {
            case "order" -> {
                add(fields, "Status", d, "order_status");
                add(fields, "Payment", d, "payment_method");
                add(fields, "Shipping", d, "shipping_method");
                items(d.path("items"), text(d, "currency"), items);
                JsonNode a = d.path("shipping_address");
                if (a.isObject()) {
                    // stored as jsonb, whose key order is not the sender's: put the usual lines first
                    List<String> keys = new ArrayList<>(ADDRESS_ORDER);
                    for (Map.Entry<String, JsonNode> e : a.properties()) {
                        if (!keys.contains(e.getKey())) {
                            keys.add(e.getKey());
                        }
                    }
                    for (String k : keys) {
                        JsonNode v = a.path(k);
                        if (v.isValueNode() && !v.asString("").isBlank()) {
                            address.add(v.asString());
                        }
                    }
                } else if (a.isString()) {
                    address.add(a.asString());
                }
            }
            case "email" -> {
                add(fields, "From", d, "from_name");
                add(fields, "From address", d, "from_email");
                add(fields, "To", d, "to_email");
                add(fields, "Category", d, "category");
                add(fields, "Status", d, "status");
                subject = text(d, "subject");
                String raw = text(d, "body");
                if (raw != null && HTML.matcher(raw).find()) {
                    bodyHtml = Jsoup.clean(raw, EMAIL_HTML);
                } else {
                    body = raw;
                }
            }
            case "call" -> {
                add(fields, "Direction", d, "direction");
                add(fields, "Status", d, "status");
                add(fields, "Summary", d, "summary");
                JsonNode t = d.path("turns");
                if (t.isArray()) {
                    for (JsonNode turn : t) {
                        String speaker = turn.path("speaker").asString(turn.path("role").asString("?"));
                        turns.add(new Turn(speaker, turn.path("text").asString(turn.path("message").asString(""))));
                    }
                }
                transcript = turns.isEmpty() ? text(d, "transcript") : null;
                recording = Formats.safeUrl(text(d, "recording_url"));
            }
            case "chat" -> {
                add(fields, "Status", d, "status");
                add(fields, "Company", d, "company_name");
                String total = text(d, "total_amount");
                if (total != null) {
                    fields.add(new Field("Total", Formats.moneyText(total, text(d, "currency"))));
                }
                items(d.path("quote_items"), text(d, "currency"), items);
            }
            case "social" -> {
                add(fields, "Platform", d, "platform");
                add(fields, "Type", d, "interaction_type");
                add(fields, "Handle", d, "customer_handle");
                content = text(d, "content");
                postUrl = Formats.safeUrl(text(d, "post_url"));
            }
            default -> {
            }
        }
        return new EntryDetails(source, fields, items, address, subject, body, bodyHtml, turns, transcript, recording, postUrl, content);
    }

    private static void items(JsonNode list, String currency, List<Item> items) {
        if (!list.isArray()) {
            return;
        }
        for (JsonNode i : list) {
            String name = i.path("name").asString(i.path("product_name").asString(i.path("model").asString("item")));
            String qty = i.path("quantity").asString(i.path("qty").asString(""));
            String price = i.path("price").asString(i.path("total").asString(i.path("unit_price").asString("")));
            items.add(new Item(name, qty, price.isEmpty() ? price : Formats.moneyText(price, currency)));
        }
    }

    private static void add(List<Field> fields, String label, JsonNode d, String field) {
        String v = text(d, field);
        if (v != null) {
            fields.add(new Field(label, v));
        }
    }

    private static String text(JsonNode d, String field) {
        JsonNode v = d.path(field);
        if (v.isMissingNode() || v.isNull() || v.isContainer()) {
            return null;
        }
        String s = v.asString("");
        return s.isBlank() ? null : s;
    }
}
