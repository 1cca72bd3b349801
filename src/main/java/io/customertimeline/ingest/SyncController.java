package io.customertimeline.ingest;

import io.customertimeline.customers.Customers;
import io.customertimeline.system.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
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
