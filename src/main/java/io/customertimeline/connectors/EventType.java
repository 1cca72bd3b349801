package io.customertimeline.connectors;

import java.util.Locale;
import java.util.Optional;

/** The kinds of touchpoint a connector or an import produces. */
public enum EventType {
    ORDER, EMAIL, SOCIAL, QUOTE, CALL;

    /**
     * The event type an admin means by a source name: {@code orders}, {@code order},
     * {@code opencart_order}, {@code emails}, {@code social_interactions}, {@code quote_sessions},
     * {@code calls}, {@code call_transcripts} and so on.
     */
    public static Optional<EventType> fromSourceName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return switch (name.strip().toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "order", "orders", "opencart", "opencart_order", "opencart_orders" -> Optional.of(ORDER);
            case "email", "emails", "mail", "email_thread", "email_logs" -> Optional.of(EMAIL);
            case "social", "social_interaction", "social_interactions" -> Optional.of(SOCIAL);
            case "quote", "quotes", "quote_session", "quote_sessions" -> Optional.of(QUOTE);
            case "call", "calls", "call_transcript", "call_transcripts" -> Optional.of(CALL);
            default -> Optional.empty();
        };
    }
}
