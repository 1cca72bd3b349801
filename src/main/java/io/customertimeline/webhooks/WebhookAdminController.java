package io.customertimeline.webhooks;

import io.customertimeline.system.InvalidInputException;
import io.customertimeline.system.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Recent webhook deliveries and their replay, for the people who run the service (API key for now). */
@RestController
@RequestMapping("/api/admin/webhooks/deliveries")
class WebhookAdminController {

    private final WebhookInbox inbox;

    WebhookAdminController(WebhookInbox inbox) {
        this.inbox = inbox;
    }

    record Deliveries(List<WebhookInbox.Delivery> deliveries) {
    }

    record Replayed(boolean success, long replayOf, long deliveryId, WebhookProcessor.Effect effect) {
    }

    @GetMapping
    @Operation(summary = "Recent accepted deliveries, newest first (without bodies); endpoint = timeline or call-system")
    Deliveries recent(@RequestParam(required = false) String endpoint, @RequestParam(defaultValue = "50") int limit) {
        if (endpoint != null && !endpoint.equals("timeline") && !endpoint.equals("call-system")) {
            throw new InvalidInputException("endpoint", "'endpoint' must be timeline or call-system");
        }
        return new Deliveries(inbox.recent(endpoint, limit));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One delivery with its raw body")
    WebhookInbox.Delivery one(@PathVariable long id) {
        return inbox.find(id).orElseThrow(() -> new NotFoundException("id", "No delivery " + id));
    }

    @PostMapping("/{id}/replay")
    @Operation(summary = "Apply a stored delivery again (after a fix); recorded as a new delivery with replay_of")
    Replayed replay(@PathVariable long id) {
        inbox.find(id).orElseThrow(() -> new NotFoundException("id", "No delivery " + id));
        WebhookInbox.Receipt r = inbox.replay(id);
        return new Replayed(true, id, r.deliveryId(), r.effect());
    }
}
