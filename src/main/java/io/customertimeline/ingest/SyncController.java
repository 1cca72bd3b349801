package io.customertimeline.ingest;

import io.customertimeline.customers.Customers;
import io.customertimeline.system.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.SchemaProperty;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The seed's {@code POST /api/sync}: one event per request, acknowledged after commit. */
@RestController
@RequestMapping("/api/sync")
class SyncController {

    static final int MAX_BULK = 1000;
    private final Ingest ingest;
    private final Customers customers;

    SyncController(Ingest ingest, Customers customers) {
        this.ingest = ingest;
        this.customers = customers;
    }

    record SyncResponse(boolean success, String action, IngestResult.Outcome outcome, UUID customerId, UUID interactionId,
            String source, String sourceKey) {
    }

    record BulkResponse(boolean success, String action, List<UUID> updated, List<String> notFound) {
    }

    @PostMapping
    @Operation(summary = "Sync one event (sync_opencart_order, sync_social_interaction, sync_quote_session, "
            + "sync_email_thread, sync_call_transcript) or recompute profiles (bulk_update_profiles)")
    @ApiResponse(responseCode = "200", description = "committed", content = @Content(schema = @Schema(oneOf = {
            SyncResponse.class, BulkResponse.class})))
    @ApiResponse(responseCode = "400", description = "unknown action, malformed JSON, wrong type or missing field (named)")
    @ApiResponse(responseCode = "413", description = "body over TIMELINE_MAX_BODY_SIZE")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
            schemaProperties = {
                    @SchemaProperty(name = "action", schema = @Schema(type = "string", requiredMode = Schema.RequiredMode.REQUIRED,
                            allowableValues = {"sync_opencart_order", "sync_social_interaction", "sync_quote_session",
                                    "sync_email_thread", "sync_call_transcript", "bulk_update_profiles"})),
                    @SchemaProperty(name = "data", schema = @Schema(type = "object", requiredMode = Schema.RequiredMode.REQUIRED,
                            description = "the seed's fields of that record, as in the examples; bulk_update_profiles: customer_ids"))},
            examples = {
                    @ExampleObject(name = "sync_opencart_order", value = """
                            {"action": "sync_opencart_order", "data": {"order_id": 12345, "customer_id": 67890,
                             "customer_name": "John Doe", "customer_email": "john@example.com", "customer_phone": "+27 82 555 1234",
                             "order_status": "Complete", "order_total": 1299.99, "currency": "ZAR",
                             "items": [{"name": "JBL Flip 6", "quantity": 1, "price": 1299.99}],
                             "shipping_address": {"city": "Cape Town"}, "order_date": "2024-01-15T10:30:00Z"}}"""),
                    @ExampleObject(name = "sync_social_interaction", value = """
                            {"action": "sync_social_interaction", "data": {"platform": "instagram", "interaction_type": "mention",
                             "customer_name": "Jane Smith", "customer_handle": "@janesmith", "content": "Love your products!",
                             "post_url": "https://instagram.com/p/abc123", "requires_response": false,
                             "interaction_date": "2024-01-15T14:20:00Z"}}"""),
                    @ExampleObject(name = "sync_quote_session", value = """
                            {"action": "sync_quote_session", "data": {"session_id": "qs_abc123", "customer_name": "Bob Wilson",
                             "customer_email": "bob@example.com", "company_name": "Wilson Corp", "status": "quote_sent",
                             "total_amount": 5499.99, "currency": "ZAR", "quote_items": [],
                             "created_at": "2024-01-15T09:00:00Z", "last_activity_at": "2024-01-15T11:30:00Z"}}"""),
                    @ExampleObject(name = "sync_email_thread", value = """
                            {"action": "sync_email_thread", "data": {"email_id": "msg_xyz789", "from_email": "customer@example.com",
                             "from_name": "Customer Name", "subject": "Product inquiry", "body": "I am interested in...",
                             "category": "inquiry", "created_at": "2024-01-15T08:45:00Z"}}"""),
                    @ExampleObject(name = "sync_call_transcript", value = """
                            {"action": "sync_call_transcript", "data": {"call_id": "call_1", "direction": "inbound",
                             "customer_phone": "082 555 1234", "started_at": "2024-01-16T09:00:00Z", "ended_at": "2024-01-16T09:04:12Z",
                             "status": "completed", "turns": [{"speaker": "customer", "text": "When will my order arrive?"}]}}"""),
                    @ExampleObject(name = "bulk_update_profiles", value = """
                            {"action": "bulk_update_profiles", "data": {"customer_ids": ["john@example.com", "082 555 1234"]}}""")}))
    Object sync(@RequestBody JsonNode body) {
        String action = action(body);
        if (action.equals("bulk_update_profiles")) {
            return bulk(action, body.path("data"));
        }
        EventType type = EventType.ofSyncAction(action).orElseThrow(() -> new InvalidInputException("action",
                "Unknown action '" + action + "'; expected one of " + actions()));
        IngestResult r = ingest.accept(type, body.get("data"));
        return new SyncResponse(true, action, r.outcome(), r.customerId(), r.interactionId(), r.source(), r.sourceKey());
    }

    private BulkResponse bulk(String action, JsonNode data) {
        JsonNode ids = data.path("customer_ids");
        if (!ids.isArray()) {
            throw new InvalidInputException("data.customer_ids", "'data.customer_ids' must be an array of customer identifiers");
        }
        if (ids.size() > MAX_BULK) {
            throw new InvalidInputException("data.customer_ids", "at most " + MAX_BULK + " customers per request");
        }
        Set<UUID> found = new LinkedHashSet<>(); // two identifiers of one person recompute them once
        List<String> notFound = new ArrayList<>();
        for (JsonNode id : ids) {
            if (!id.isString()) {
                throw new InvalidInputException("data.customer_ids", "'data.customer_ids' must contain strings");
            }
            customers.find(id.asString()).ifPresentOrElse(found::add, () -> notFound.add(id.asString()));
        }
        List<UUID> updated = new ArrayList<>();
        for (UUID id : found) {
            updated.add(customers.recompute(id.toString()).id());
        }
        return new BulkResponse(true, action, updated, notFound);
    }

    static String action(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidInputException("body", "The body must be a JSON object with 'action' and 'data'");
        }
        JsonNode action = body.get("action");
        if (action == null || !action.isString() || action.asString().isBlank()) {
            throw new InvalidInputException("action", "'action' is required");
        }
        return action.asString();
    }

    private static List<String> actions() {
        List<String> all = new ArrayList<>(Arrays.stream(EventType.values()).map(EventType::syncAction).toList());
        all.add("bulk_update_profiles");
        return all;
    }
}
