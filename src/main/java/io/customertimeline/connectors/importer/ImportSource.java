package io.customertimeline.connectors.importer;

import io.customertimeline.ingest.EventType;
import java.util.Locale;
import java.util.Optional;

/** The names an admin gives an import's source: {@code orders}, {@code emails}, {@code social}, {@code quotes}, {@code calls}. */
public final class ImportSource {

    private ImportSource() {
    }

    /**
     * The event type a source name means. Singular and plural forms, the seed's table names
     * ({@code email_logs}, {@code quote_sessions}, {@code call_transcripts}) and its sync actions and
     * webhook types ({@code sync_opencart_order}, {@code quote_session_update}) are understood.
     */
    public static Optional<EventType> eventType(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        Optional<EventType> byAction = EventType.ofSyncAction(n).or(() -> EventType.ofWebhookType(n));
        if (byAction.isPresent()) {
            return byAction;
        }
        return switch (n) {
            case "order", "orders", "opencart", "opencart_orders", "opencart_orders_cache" -> Optional.of(EventType.ORDER);
            case "email", "emails", "mail", "email_logs", "email_threads" -> Optional.of(EventType.EMAIL);
            case "social", "socials", "social_interactions" -> Optional.of(EventType.SOCIAL);
            case "quote", "quotes", "quote_sessions", "chat", "quote_chat" -> Optional.of(EventType.QUOTE);
            case "call", "calls", "call_transcripts" -> Optional.of(EventType.CALL);
            default -> Optional.empty();
        };
    }

    /** The plural name used in reports and URLs. */
    public static String name(EventType type) {
        return switch (type) {
            case ORDER -> "orders";
            case EMAIL -> "emails";
            case SOCIAL -> "social";
            case QUOTE -> "quotes";
            case CALL -> "calls";
        };
    }
}
