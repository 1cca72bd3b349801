package io.customertimeline.ingest;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of event the ingest path accepts, with their names in the sync API and the webhook. */
public enum EventType {
    ORDER(Source.ORDER, "sync_opencart_order", "opencart_order"),
    SOCIAL(Source.SOCIAL, "sync_social_interaction", "social_interaction"),
    QUOTE(Source.CHAT, "sync_quote_session", "quote_session_update"),
    EMAIL(Source.EMAIL, "sync_email_thread", "email_thread"),
    CALL(Source.CALL, "sync_call_transcript", "call_transcript");

    private final Source source;
    private final String syncAction;
    private final String webhookType;

    EventType(Source source, String syncAction, String webhookType) {
        this.source = source;
        this.syncAction = syncAction;
        this.webhookType = webhookType;
    }

    public Source source() {
        return source;
    }

    public String syncAction() {
        return syncAction;
    }

    public String webhookType() {
        return webhookType;
    }

    public static Optional<EventType> ofSyncAction(String action) {
        return Arrays.stream(values()).filter(t -> t.syncAction.equals(action)).findFirst();
    }

    public static Optional<EventType> ofWebhookType(String type) {
        return Arrays.stream(values()).filter(t -> t.webhookType.equals(type)).findFirst();
    }
}
