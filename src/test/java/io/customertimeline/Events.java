package io.customertimeline;

import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Builders for the seed's payloads that show only what a test cares about. */
public final class Events {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Events() {
    }

    public static final class Event {
        private final ObjectNode node;

        private Event(ObjectNode node) {
            this.node = node;
        }

        public Event with(String field, Object value) {
            if (value == null) {
                node.putNull(field);
            } else {
                node.set(field, JSON.valueToTree(value));
            }
            return this;
        }

        public Event without(String field) {
            node.remove(field);
            return this;
        }

        public String json() {
            return node.toString();
        }

        @Override
        public String toString() {
            return json();
        }
    }

    private static Event of(Map<String, Object> fields) {
        Event e = new Event(JSON.createObjectNode());
        fields.forEach(e::with);
        return e;
    }

    public static Event order(long orderId, String email) {
        return of(Map.of("order_id", orderId, "customer_name", "Thandi Mokoena", "customer_email", email,
                "order_status", "Complete", "order_total", new java.math.BigDecimal("1299.99"), "currency", "ZAR",
                "payment_method", "Credit Card", "shipping_method", "Courier Guy",
                "order_date", "2024-01-15T10:30:00Z"))
                .with("items", java.util.List.of(Map.of("name", "JBL Flip 6", "quantity", 1, "price", 1299.99)))
                .with("shipping_address", Map.of("city", "Cape Town", "postcode", "8001"));
    }

    public static Event social(String platform, String handle, String content) {
        return of(Map.of("platform", platform, "interaction_type", "mention", "customer_name", "Jane Smith",
                "customer_handle", handle, "content", content, "interaction_date", "2024-01-15T14:20:00Z",
                "requires_response", false));
    }

    public static Event quote(String sessionId, String email) {
        return of(Map.of("session_id", sessionId, "customer_name", "Bob Wilson", "customer_email", email,
                "company_name", "Wilson Corp", "status", "quote_sent", "total_amount", new java.math.BigDecimal("5499.99"),
                "currency", "ZAR", "created_at", "2024-01-15T09:00:00Z", "last_activity_at", "2024-01-15T11:30:00Z"))
                .with("quote_items", java.util.List.of(Map.of("name", "Sonos Era 100", "quantity", 2)));
    }

    public static Event email(String emailId, String from) {
        return of(Map.of("email_id", emailId, "from_email", from, "from_name", "Customer Name",
                "subject", "Product inquiry", "body", "I'm interested in the Denon AVR. Is it in stock?",
                "category", "inquiry", "status", "classified", "created_at", "2024-01-15T08:45:00Z"));
    }

    public static Event call(String callId, String phone) {
        return of(Map.of("call_id", callId, "direction", "inbound", "customer_phone", phone,
                "started_at", "2024-01-16T09:00:00Z", "ended_at", "2024-01-16T09:04:12Z", "status", "completed",
                "summary", "Customer asked about delivery times to Durban.",
                "transcript", "Agent: Good morning! Customer: Hi, when will my order arrive?"));
    }
}
