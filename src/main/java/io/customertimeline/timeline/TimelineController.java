package io.customertimeline.timeline;

import io.customertimeline.customers.Customers;
import io.customertimeline.customers.Profile;
import io.customertimeline.ingest.Source;
import io.customertimeline.system.InvalidInputException;
import io.customertimeline.system.NotFoundException;
import io.customertimeline.system.TimelineProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The seed's {@code /api/timeline}: ten read actions and {@code update_profile}. */
@RestController
@RequestMapping("/api/timeline")
class TimelineController {

    private static final List<String> ACTIONS = List.of("timeline", "profile", "search", "recent", "top", "attention",
            "customer_details", "email_threads", "quote_sessions", "order_history");
    private static final int MAX_EDITED_TEXT = 2_000;

    private final Customers customers;
    private final CustomerRecords records;
    private final CustomerLists lists;
    private final TimelineProperties props;

    TimelineController(Customers customers, CustomerRecords records, CustomerLists lists, TimelineProperties props) {
        this.customers = customers;
        this.records = records;
        this.lists = lists;
        this.props = props;
    }

    record CustomerList(List<Profile> customers) {
    }

    record Attention(List<CustomerLists.AttentionItem> customers) {
    }

    record Details(Profile profile, List<Customers.Identity> identities, Map<String, Integer> interactionsBySource,
            Map<String, TimelineEntry> latest, List<CustomerRecords.Merge> merges, Map<String, Object> related) {
    }

    record Threads(List<CustomerRecords.Thread> threads) {
    }

    record Quotes(List<CustomerRecords.QuoteSession> quoteSessions) {
    }

    record Orders(List<CustomerRecords.Order> orders) {
    }

    @GetMapping
    @Operation(summary = "Read: timeline, profile, search, recent, top, attention, customer_details, email_threads, "
            + "quote_sessions, order_history",
            description = "timeline → Page; profile → Profile; search, recent, top → CustomerList; attention → Attention; "
                    + "customer_details → Details; email_threads → Threads; quote_sessions → Quotes; order_history → Orders")
    @ApiResponse(responseCode = "200", description = "depends on the action", content = @Content(schema = @Schema(oneOf = {
            CustomerRecords.Page.class, Profile.class, CustomerList.class, Attention.class, Details.class, Threads.class,
            Quotes.class, Orders.class})))
    @ApiResponse(responseCode = "400", description = "unknown action or invalid parameter (problem details naming the field)")
    @ApiResponse(responseCode = "404", description = "no customer is known by customerId")
    @ApiResponse(responseCode = "503", description = "no turn to read came free in 30 s (problem details, Retry-After)")
    Object read(@RequestParam(required = false) String action,
            @Parameter(description = "email, phone in any format, handle or profile id") @RequestParam(required = false) String customerId,
            @Parameter(description = "comma list of call,email,chat,social,order") @RequestParam(required = false) String sources,
            @RequestParam(required = false) String dateFrom, @RequestParam(required = false) String dateTo,
            @RequestParam(required = false) String limit, @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String query) {
        if (action == null || action.isBlank()) {
            throw new InvalidInputException("action", "'action' is required; one of " + ACTIONS);
        }
        return switch (action) {
            case "timeline" -> {
                TimelineQuery q = TimelineQuery.parse(sources, dateFrom, dateTo, limit, cursor, props.timezone());
                yield records.timeline(customers.lookupKey(customerId), q).orElseThrow(() -> Customers.unknown(customerId));
            }
            case "profile" -> customers.profile(customers.lookupKey(customerId)).orElseThrow(() -> Customers.unknown(customerId));
            case "search" -> new CustomerList(lists.search(query, TimelineQuery.limit(limit, CustomerLists.MAX_SEARCH, CustomerLists.MAX_SEARCH)));
            case "recent" -> new CustomerList(lists.recent(TimelineQuery.limit(limit, 20, 200)));
            case "top" -> new CustomerList(lists.top(TimelineQuery.limit(limit, 10, 200)));
            case "attention" -> new Attention(lists.attention(TimelineQuery.limit(limit, 50, 200)));
            case "customer_details" -> details(customers.require(customerId));
            case "email_threads" -> new Threads(records.emailThreads(customers.require(customerId), TimelineQuery.limit(limit, 50, 200)));
            case "quote_sessions" -> new Quotes(records.quoteSessions(customers.require(customerId), TimelineQuery.limit(limit, 100, 500)));
            case "order_history" -> new Orders(records.orderHistory(customers.require(customerId), TimelineQuery.limit(limit, 100, 500)));
            default -> throw new InvalidInputException("action", "Unknown action '" + action + "'; expected one of " + ACTIONS);
        };
    }

    @GetMapping("/entries/{id}")
    @Operation(summary = "One timeline entry with its full source record (order items, email body, transcript, quote items)")
    Map<String, Object> entry(@PathVariable UUID id, @RequestParam String customerId) {
        UUID customer = customers.require(customerId);
        return records.entry(customer, id).orElseThrow(() -> new NotFoundException("id", "No entry " + id + " for this customer"));
    }

    private Details details(UUID id) {
        Profile p = customers.profile(id);
        return new Details(p, customers.identities(id), p.interactionsBySource(), records.latestBySource(id), records.merges(id),
                records.related(id));
    }

    @PostMapping
    @Operation(summary = "update_profile: recompute statistics from scratch; optionally set status (VIP, Blocked, or null "
            + "for automatic), company and name")
    Profile update(@RequestBody JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidInputException("body", "The body must be a JSON object with 'action' and 'customerId'");
        }
        String action = body.path("action").asString("");
        if (!action.equals("update_profile")) {
            throw new InvalidInputException("action", action.isBlank() ? "'action' is required"
                    : "Unknown action '" + action + "'; expected update_profile");
        }
        JsonNode idNode = body.path("customerId");
        if (!idNode.isString()) {
            throw new InvalidInputException("customerId", idNode.isMissingNode() || idNode.isNull() ? "'customerId' is required"
                    : "'customerId' must be a string: an email, phone, handle or profile id");
        }
        UUID id = customers.require(idNode.asString());
        Map<String, String> edits = new LinkedHashMap<>();
        for (String field : List.of("status", "company", "name")) {
            if (body.has(field)) {
                edits.put(field, editedText(body.get(field), field));
            }
        }
        return customers.update(id, edits);
    }

    /** A field update_profile sets: a string of at most 2,000 characters, or null (blank too) to clear it. */
    private static String editedText(JsonNode value, String field) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new InvalidInputException(field, "'" + field + "' must be a string or null");
        }
        String text = value.asString().strip();
        if (text.length() > MAX_EDITED_TEXT) {
            throw new InvalidInputException(field, "'" + field + "' is longer than " + MAX_EDITED_TEXT + " characters");
        }
        return text.isEmpty() ? null : text;
    }

}
