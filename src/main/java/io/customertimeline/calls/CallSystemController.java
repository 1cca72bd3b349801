package io.customertimeline.calls;

import io.customertimeline.ingest.EventType;
import io.customertimeline.ingest.Ingest;
import io.customertimeline.ingest.IngestResult;
import io.customertimeline.system.InvalidInputException;
import io.customertimeline.system.Secrets;
import io.customertimeline.webhooks.AuthMethod;
import io.customertimeline.webhooks.InboundEndpoint;
import io.customertimeline.webhooks.WebhookAuthenticator;
import io.customertimeline.webhooks.WebhookInbox;
import io.customertimeline.webhooks.WebhookProcessor;
import io.customertimeline.webhooks.WebhookSecret;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The seed's {@code POST /api/integrations/call-system}: Vapi and Retell webhooks as they send
 * them, or our plain call format. Stores the call, its timeline entry, sentiment, statistics and
 * follow-up tasks in one transaction with its inbox row. One record per call id.
 */
@RestController
@RequestMapping("/api/integrations/call-system")
class CallSystemController {

    static final String ENDPOINT = "call-system";

    private final InboundEndpoint endpoint;
    private final WebhookInbox inbox;

    CallSystemController(@Qualifier("callSystemWebhook") InboundEndpoint endpoint, WebhookInbox inbox) {
        this.endpoint = endpoint;
        this.inbox = inbox;
    }

    record Accepted(boolean success, String vendor, String event, String outcome, boolean duplicate, String callId,
            UUID customerId, UUID interactionId, long deliveryId) {
    }

    @PostMapping
    @Operation(summary = "Receive a finished call: Vapi end-of-call-report, Retell call_ended/call_analyzed, or a plain "
            + "call; other vendor events are acknowledged with outcome 'ignored'")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(type = "object")))
    @SecurityRequirement(name = "callSystem")
    ResponseEntity<?> receive(@Parameter(hidden = true) @RequestHeader HttpHeaders headers, @RequestBody(required = false) byte[] body,
            HttpServletRequest request) {
        return endpoint.receive(headers, body, request.getRemoteAddr(), inbox, r -> new Accepted(true, r.effect().source(),
                r.effect().event(), r.effect().outcome(), r.duplicate(), r.effect().naturalKey(), r.effect().customerId(), r.effect().interactionId(), r.deliveryId()));
    }

    @GetMapping
    @io.swagger.v3.oas.annotations.security.SecurityRequirements // open: it describes, it takes nothing
    @Operation(summary = "What this endpoint accepts: formats, authentication, the plain format's fields")
    Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("endpoint", "/api/integrations/call-system");
        d.put("method", "POST");
        d.put("formats", List.of(
                Map.of("vendor", "vapi", "recognised_by", "{\"message\": {\"type\": ...}}",
                        "stored", "end-of-call-report", "acknowledged_and_ignored", "every other message type"),
                Map.of("vendor", "retell", "recognised_by", "{\"event\": ..., \"call\": {...}}",
                        "stored", List.of("call_ended", "call_analyzed"), "acknowledged_and_ignored", "call_started and others"),
                Map.of("vendor", "plain", "recognised_by", "top-level call_id",
                        "required", List.of("call_id", "direction (inbound|outbound)",
                                "customer_phone or customer_email (or from_number inbound / to_number outbound)",
                                "started_at or ended_at (ISO-8601)"),
                        "optional", List.of("customer_name", "duration_seconds",
                                "status (completed|no_answer|busy|voicemail|failed, default completed)", "ended_reason",
                                "summary", "transcript", "turns [{speaker: customer|agent, text, at_seconds}]",
                                "recording_url", "sentiment (positive|neutral|negative)", "successful", "analysis", "metadata"))));
        d.put("authentication", List.of("Authorization: Bearer <CALL_SYSTEM_WEBHOOK_SECRET>",
                "x-vapi-secret: <CALL_SYSTEM_WEBHOOK_SECRET>",
                "X-Retell-Signature: v=<unix ms>,d=<hex HMAC-SHA256(secret, body + timestamp)> (secret = your Retell API key)",
                "webhook-id, webhook-timestamp, webhook-signature (Standard Webhooks)"));
        d.put("tolerance_seconds", WebhookAuthenticator.TOLERANCE.toSeconds());
        d.put("idempotency", "One record per call id: a later report of the same call updates it and keeps what the "
                + "earlier one knew; a repeated webhook-id is answered with \"duplicate\": true.");
        d.put("example", Map.of("call_id", "pbx-000871", "direction", "inbound", "customer_phone", "082 123 4567",
                "customer_name", "Thandi Nkosi", "started_at", "2025-01-15T10:00:00Z", "ended_at", "2025-01-15T10:04:30Z",
                "status", "completed", "turns", List.of(Map.of("speaker", "agent", "text", "Audico, good morning."),
                        Map.of("speaker", "customer", "text", "Can you call me back tomorrow about my order 10234?"))));
        return d;
    }

    /**
     * {@code CALL_SYSTEM_WEBHOOK_SECRET}: the Bearer token, Vapi's server secret, the key Retell
     * signs with (your Retell API key) or a Standard Webhooks secret. Generated when unset.
     */
    @Configuration(proxyBeanMethods = false)
    static class Config {
        @Bean
        InboundEndpoint callSystemWebhook(Secrets secrets, WebhookAuthenticator authenticator,
                @Value("${CALL_SYSTEM_WEBHOOK_SECRET:}") String configured) {
            String secret = secrets.get("CALL_SYSTEM_WEBHOOK_SECRET", configured, InboundEndpoint::newSecret);
            return new InboundEndpoint(ENDPOINT, WebhookSecret.setting("CALL_SYSTEM_WEBHOOK_SECRET", secret),
                    EnumSet.allOf(AuthMethod.class), authenticator);
        }
    }

    /** Translates the vendor's body and ingests the call, keeping what an earlier report of the same call knew. */
    @Component
    static class Processor implements WebhookProcessor {
        private final CallPayloads payloads;
        private final Ingest ingest;
        private final JdbcClient jdbc;
        private final JsonMapper json;

        Processor(Ingest ingest, JdbcClient jdbc, JsonMapper json) {
            this.payloads = new CallPayloads(json);
            this.ingest = ingest;
            this.jdbc = jdbc;
            this.json = json;
        }

        @Override
        public String endpoint() {
            return ENDPOINT;
        }

        @Override
        public Effect process(byte[] body) {
            CallDelivery delivery = payloads.read(body);
            if (delivery instanceof CallDelivery.Ignored ignored) {
                return Effect.ignored(ignored.vendor().wire(), ignored.event());
            }
            return apply((CallDelivery.Accepted) delivery, null);
        }

        /**
         * A report that is a whole call by itself is read and checked before the transaction, so
         * that it can be committed with other deliveries; its locks are named from it alone (an
         * earlier report that adds an identifier is rare, and its lock is then taken late: at worst
         * a batch that deadlocks and is recorded one delivery at a time). An ignored event, or a
         * report that needs an earlier one to be whole, goes through {@link #process}.
         */
        @Override
        public Optional<Prepared> prepare(byte[] body) {
            if (!(payloads.read(body) instanceof CallDelivery.Accepted accepted)) {
                return Optional.empty();
            }
            Ingest.Prepared call = ingest.prepare(EventType.CALL, accepted.call());
            return Optional.of(new Prepared(call, () -> apply(accepted, call)));
        }

        /** Ingests the call, with what an earlier report knew; {@code alone} is the call as read before the transaction, if it was. */
        private Effect apply(CallDelivery.Accepted accepted, Ingest.Prepared alone) {
            Optional<ObjectNode> merged = withEarlierReport(accepted);
            IngestResult r;
            try {
                r = merged.isEmpty() && alone != null ? ingest.accept(alone)
                        : ingest.accept(EventType.CALL, merged.orElse(accepted.call()));
            } catch (InvalidInputException invalid) {
                throw new InvalidPayloadException(senderPath(accepted, invalid.field()), "is invalid: " + invalid.getMessage());
            }
            return new Effect(accepted.vendor().wire(), accepted.event(), r.sourceKey(), r.outcome().name(),
                    r.customerId(), r.interactionId());
        }

        /**
         * Vendors may deliver a call's reports out of order (Retell's call_analyzed before its
         * call_ended): fields the new report lacks are kept from the stored one, so no report erases
         * another's analysis. Takes the ingest path's lock on the call first; empty when no report
         * of the call is stored.
         */
        private Optional<ObjectNode> withEarlierReport(CallDelivery.Accepted report) {
            ObjectNode call = report.call();
            String callId = call.get(CanonicalCall.CALL_ID).stringValue();
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))").param("key", "call#" + callId)
                    .query().singleRow();
            return jdbc.sql("SELECT payload::text FROM customer_interactions WHERE source = 'call' AND source_key = :id")
                    .param("id", callId).query(String.class).optional()
                    .map(stored -> merge(call, json.readTree(stored), report.beforeAnalysis()));
        }

        /** The ingest path names canonical fields ({@code data.started_at}); the sender knows its own paths. */
        static String senderPath(CallDelivery.Accepted delivery, String field) {
            String canonical = field == null ? "" : field.replaceFirst("^data\\.", "");
            boolean inbound = "inbound".equals(delivery.call().path(CanonicalCall.DIRECTION).asString(""));
            return switch (delivery.vendor()) {
                case PLAIN -> canonical;
                case VAPI -> switch (canonical) {
                    case "customer_phone", "from_number", "to_number" -> "message.customer.number";
                    case "started_at", "ended_at" -> "message.startedAt";
                    default -> "message";
                };
                case RETELL -> switch (canonical) {
                    case "customer_phone", "from_number", "to_number" -> inbound ? "call.from_number" : "call.to_number";
                    case "started_at", "ended_at" -> "call.start_timestamp";
                    default -> "call";
                };
            };
        }

        /**
         * Each field from the newer report, else from the older; but a report from before the
         * analysis keeps the older's no-conversation status: call_ended after call_analyzed must not
         * turn the voicemail the analysis heard into a conversation.
         */
        static ObjectNode merge(ObjectNode newer, JsonNode older, boolean newerBeforeAnalysis) {
            ObjectNode merged = newer.objectNode();
            for (String field : CanonicalCall.FIELDS) {
                JsonNode value = newer.has(field) ? newer.get(field) : older.get(field);
                if (value != null && !value.isNull()) {
                    merged.set(field, value);
                }
            }
            String olderStatus = older.path(CanonicalCall.STATUS).asString("");
            if (newerBeforeAnalysis && !olderStatus.isEmpty() && !olderStatus.equals(CallStatus.COMPLETED.wire())) {
                merged.put(CanonicalCall.STATUS, olderStatus);
            }
            return merged;
        }
    }
}
