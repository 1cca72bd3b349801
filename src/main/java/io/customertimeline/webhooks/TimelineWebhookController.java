package io.customertimeline.webhooks;

import io.customertimeline.ingest.EventType;
import io.customertimeline.ingest.Ingest;
import io.customertimeline.ingest.IngestResult;
import io.customertimeline.system.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The seed's {@code POST /api/webhooks/timeline}: {@code {"type": ..., "data": {...}}} with the
 * same storage, identity and idempotency rules as {@code /api/sync}; {@code GET} describes it.
 */
@RestController
@RequestMapping("/api/webhooks/timeline")
class TimelineWebhookController {

    static final String ENDPOINT = "timeline";
    private static final List<EventType> TYPES = List.of(EventType.QUOTE, EventType.SOCIAL, EventType.ORDER,
            EventType.EMAIL, EventType.CALL);

    private final InboundEndpoint endpoint;
    private final WebhookInbox inbox;

    TimelineWebhookController(@Qualifier("timelineWebhook") InboundEndpoint endpoint, WebhookInbox inbox) {
        this.endpoint = endpoint;
        this.inbox = inbox;
    }

    record Accepted(boolean success, String type, String outcome, boolean duplicate, UUID customerId,
            UUID interactionId, String sourceKey, long deliveryId) {
    }

    @PostMapping
    @Operation(summary = "Receive one event (quote_session_update, social_interaction, opencart_order, email_thread, "
            + "call_transcript); Bearer TIMELINE_WEBHOOK_SECRET or a Standard Webhooks signature")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(type = "object")))
    @SecurityRequirement(name = "timelineWebhook")
    ResponseEntity<?> receive(@Parameter(hidden = true) @RequestHeader HttpHeaders headers, @RequestBody(required = false) byte[] body,
            HttpServletRequest request) {
        return endpoint.receive(headers, body, request.getRemoteAddr(), inbox, r -> new Accepted(true, r.effect().event(), r.effect().outcome(), r.duplicate(),
                r.effect().customerId(), r.effect().interactionId(), r.effect().naturalKey(), r.deliveryId()));
    }

    @io.swagger.v3.oas.annotations.security.SecurityRequirements // open: it describes, it takes nothing
    @GetMapping
    @Operation(summary = "What this endpoint accepts: types, required fields, authentication, an example")
    Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("endpoint", "/api/webhooks/timeline");
        d.put("method", "POST");
        d.put("content_type", "application/json");
        d.put("body", Map.of("type", "one of the supported types", "data", "the event, with the fields of /api/sync"));
        Map<String, Object> types = new LinkedHashMap<>();
        types.put("quote_session_update", List.of("session_id", "customer_email or customer_phone", "created_at"));
        types.put("social_interaction", List.of("platform", "interaction_date", "customer_handle, customer_email or customer_phone"));
        types.put("opencart_order", List.of("order_id", "order_status", "order_total", "order_date",
                "customer_email, customer_phone or customer_id"));
        types.put("email_thread", List.of("email_id", "from_email (to_email for outbound mail)", "created_at"));
        types.put("call_transcript", List.of("call_id", "direction", "started_at or ended_at",
                "customer_phone or customer_email"));
        d.put("supported_types", types);
        d.put("authentication", List.of(
                Map.of("scheme", "bearer", "header", "Authorization: Bearer <TIMELINE_WEBHOOK_SECRET>"),
                Map.of("scheme", "standard-webhooks", "headers", List.of("webhook-id", "webhook-timestamp (Unix seconds)",
                        "webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>"),
                        "secret", "TIMELINE_WEBHOOK_SECRET (whsec_<base64>: the key is the decoded base64)",
                        "tolerance_seconds", WebhookAuthenticator.TOLERANCE.toSeconds())));
        d.put("idempotency", "A repeated webhook-id is answered 200 with \"duplicate\": true and changes nothing; the "
                + "same record sent again without one changes nothing either (\"outcome\": \"unchanged\"); an update of "
                + "the same record (order status, quote status) updates its one timeline entry.");
        d.put("responses", Map.of("200", "committed (outcome created, updated or unchanged; duplicate true for a repeat)",
                "400", "problem details naming the invalid field; nothing written",
                "401", "missing, wrong or stale credentials", "413", "body over TIMELINE_MAX_BODY_SIZE"));
        d.put("example", Map.of("type", "opencart_order", "data", Map.of("order_id", 12346, "customer_id", 67891, // not the README's sync example: same ids, same person
                "customer_name", "Bob Smith", "customer_email", "bob@example.com", "order_status", "Complete",
                "order_total", 899.99, "currency", "ZAR", "order_date", "2024-01-15T09:30:00Z")));
        return d;
    }

    /** Applies a timeline webhook body through the ingest path. */
    @Component
    static class Processor implements WebhookProcessor {
        private final Ingest ingest;
        private final JsonMapper json;

        Processor(Ingest ingest, JsonMapper json) {
            this.ingest = ingest;
            this.json = json;
        }

        @Override
        public String endpoint() {
            return ENDPOINT;
        }

        @Override
        public Effect process(byte[] body) {
            return prepare(body).orElseThrow().apply().get();
        }

        @Override
        public Optional<Prepared> prepare(byte[] body) {
            JsonNode root;
            try {
                root = body.length == 0 ? null : json.readTree(body);
            } catch (JacksonException e) {
                throw InvalidInputException.malformedJson();
            }
            if (root == null || !root.isObject()) {
                throw new InvalidInputException("body", "The body must be a JSON object with 'type' and 'data'");
            }
            JsonNode typeNode = root.get("type");
            if (typeNode == null || !typeNode.isString() || typeNode.asString().isBlank()) {
                throw new InvalidInputException("type", "'type' is required; one of " + typeNames());
            }
            String type = typeNode.asString();
            EventType eventType = EventType.ofWebhookType(type).filter(TYPES::contains)
                    .orElseThrow(() -> new InvalidInputException("type", "Unknown type '" + type + "'; expected one of "
                            + typeNames()));
            Ingest.Prepared event = ingest.prepare(eventType, root.get("data"));
            return Optional.of(new Prepared(event, () -> {
                IngestResult r = ingest.accept(event);
                return new Effect(type, type, r.sourceKey(), r.outcome().name(), r.customerId(), r.interactionId());
            }));
        }

        private static List<String> typeNames() {
            return Arrays.stream(EventType.values()).filter(TYPES::contains).map(EventType::webhookType).toList();
        }
    }
}
