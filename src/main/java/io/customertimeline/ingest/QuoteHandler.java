package io.customertimeline.ingest;

import io.customertimeline.identity.Identifier;
import io.customertimeline.identity.IdentifierParser;
import io.customertimeline.identity.ProfileHints;
import io.customertimeline.sentiment.Sentiment;
import io.customertimeline.system.InvalidInputException;
import io.customertimeline.system.TimelineProperties;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * {@code sync_quote_session} / {@code quote_session_update}: the quote chat system owns its
 * sessions, so they live in {@code customer_interactions} by reference ({@code session_id});
 * a new status updates the one entry.
 */
@Component
class QuoteHandler implements SourceHandler {

    private final IdentifierParser ids;
    private final String currency;

    QuoteHandler(IdentifierParser ids, TimelineProperties props) {
        this.ids = ids;
        this.currency = props.currency();
    }

    @Override
    public EventType type() {
        return EventType.QUOTE;
    }

    @Override
    public Parsed parse(Fields d) {
        String session = d.requiredText("session_id");
        Optional<String> name = d.label("customer_name");
        Optional<String> email = d.text("customer_email");
        Optional<String> phone = d.text("customer_phone");
        Optional<String> company = d.label("company_name");
        String status = d.text("status").orElse("active");
        Optional<BigDecimal> total = d.decimal("total_amount").map(t -> t.setScale(2, RoundingMode.HALF_UP));
        String cur = d.text("currency").orElse(currency).toUpperCase(Locale.ROOT);
        int items = d.array("quote_items").map(JsonNode::size).orElse(0);
        var created = d.time("created_at").or(() -> d.time("last_activity_at"))
                .orElseThrow(() -> d.missing("created_at"));
        Optional<OffsetDateTime> lastActivity = d.time("last_activity_at");
        Optional<Sentiment> given = d.text("sentiment").flatMap(Sentiment::parse);

        List<Identifier> identifiers = new ArrayList<>();
        Optional<Identifier> emailId = email.flatMap(ids::email);
        Optional<Identifier> phoneId = phone.flatMap(ids::phone);
        emailId.ifPresent(identifiers::add);
        phoneId.ifPresent(identifiers::add);
        if (identifiers.isEmpty()) {
            throw new InvalidInputException(d.path("customer_email"),
                    "the quote session names no customer: give a valid customer_email or customer_phone");
        }
        String summary = String.join(" · ", OrderHandler.nonBlank(
                items == 0 ? null : items + (items == 1 ? " item" : " items"),
                total.map(t -> cur + " " + String.format(Locale.ROOT, "%,.2f", t)).orElse(null),
                company.orElse(null)));
        var touchpoint = new Touchpoint(Source.CHAT, session, "inbound", created,
                "Quote chat · " + status.replace('_', ' '), summary, status, given, customerMessages(d.node()),
                total.orElse(null), cur, false, "quote_sessions", session, identifiers,
                new ProfileHints(name.orElse(null), company.orElse(null), emailId.map(Identifier::value).orElse(null),
                        phoneId.map(Identifier::value).orElse(null)), lastActivity.orElse(null));
        return new Parsed(touchpoint, SourceRow.NONE);
    }

    /** Chat systems that send the conversation ({@code messages} with a user role) get it scored. */
    private static String customerMessages(JsonNode data) {
        JsonNode messages = data.path("messages");
        if (!messages.isArray()) {
            messages = data.path("metadata").path("messages");
        }
        if (!messages.isArray()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode m : messages) {
            String role = m.path("role").asString("");
            if (role.equals("user") || role.equals("customer")) {
                text.append(m.path("content").asString(m.path("text").asString(""))).append('\n');
            }
        }
        return text.isEmpty() ? null : text.toString();
    }
}
