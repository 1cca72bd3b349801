package io.customertimeline.timeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.customertimeline.customers.Customers;
import io.customertimeline.ingest.Fields;
import io.customertimeline.ingest.Source;
import io.customertimeline.system.TimelineProperties;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A customer's timeline page and the per-source views (threads, quotes, orders, latest of each). */
@Component
public class CustomerRecords {

    private static final String ENTRY_COLUMNS = """
            id, source, direction, occurred_at, title, summary, status, sentiment, sentiment_score, sentiment_given,
            amount, currency, reference_table, reference_id""";

    /**
     * Explicit, because mapping a record by class ({@code query(TimelineEntry.class)}) looks each
     * camelCase property up as a column first and pays a driver exception per miss: five per row,
     * a quarter of a timeline read's CPU (BENCHMARKS.md).
     */
    static final RowMapper<TimelineEntry> ENTRY = (rs, n) -> entry(rs, 1);

    /**
     * An entry from the columns of {@link #ENTRY_COLUMNS}, the first of them at position
     * {@code first}. By position, because a lookup by name for each column of each row was 6 % of
     * the service's CPU on a timeline read (BENCHMARKS.md, eighteenth round).
     */
    static TimelineEntry entry(ResultSet rs, int first) throws SQLException {
        return entry(rs.getObject(first, UUID.class), rs, first);
    }

    /** As {@link #entry(ResultSet, int)}, its id already read (a page reads it to tell an entry from none). */
    private static TimelineEntry entry(UUID id, ResultSet rs, int first) throws SQLException {
        return new TimelineEntry(id, rs.getString(first + 1), rs.getString(first + 2),
                rs.getObject(first + 3, OffsetDateTime.class), rs.getString(first + 4), rs.getString(first + 5),
                rs.getString(first + 6), rs.getString(first + 7), rs.getBigDecimal(first + 8), rs.getBoolean(first + 9),
                rs.getBigDecimal(first + 10), rs.getString(first + 11), rs.getString(first + 12), rs.getString(first + 13));
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    private final List<TimelineSidecar> sidecars;
    private final ZoneId zone;

    /** The page statement of each {@link #shape}, built once: a read only picks one and binds its values. */
    private final String[] pageStatements = new String[PAGE_SHAPES];

    CustomerRecords(JdbcClient jdbc, JsonMapper json, List<TimelineSidecar> sidecars, TimelineProperties props) {
        this.jdbc = jdbc;
        this.json = json;
        this.sidecars = List.copyOf(sidecars);
        this.zone = props.timezone();
        Arrays.setAll(pageStatements, this::pageStatement);
    }

    /**
     * A page of entries. {@code related} holds what other features show beside them
     * ({@link TimelineSidecar}), on an API client's first page only: it is about the customer, not
     * the page, and the dashboard and the export read it elsewhere or not at all.
     */
    public record Page(UUID customerId, List<TimelineEntry> timeline, String nextCursor,
            @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> related) {
    }

    /** What every {@link TimelineSidecar} has for this customer, by name. */
    public Map<String, Object> related(UUID customer) {
        boolean[] askEvery = new boolean[sidecars.size()];
        Arrays.fill(askEvery, true);
        return related(customer, askEvery);
    }

    /** The same, asking only the sidecars whose {@link TimelineSidecar#presence} found a row; the others show none. */
    private Map<String, Object> related(UUID customer, boolean[] present) {
        Map<String, Object> related = new LinkedHashMap<>();
        for (int i = 0; i < sidecars.size(); i++) {
            TimelineSidecar s = sidecars.get(i);
            related.put(s.name(), present[i] ? s.forCustomer(customer) : s.none());
        }
        return related;
    }

    /** Newest first, keyset-paged on (occurred_at, id) through the customer's timeline index; without {@code related}. */
    public Page timeline(UUID customer, TimelineQuery q) {
        return page(customer, q, false).orElseThrow(() -> new IllegalStateException("no profile " + customer));
    }

    /**
     * The same for a customer as a caller names them ({@link Customers#lookupKey}), resolved in
     * the same statement as the page: one round trip per read. Empty when nobody is known by it.
     * The first page (no cursor) carries {@code related}.
     */
    public Optional<Page> timeline(String lookupKey, TimelineQuery q) {
        return page(lookupKey, q, q.after().isEmpty());
    }

    // What sets a page statement apart: how the customer is named, whether the sidecars' presence
    // rides along, and which filters apply. Six bits, so 64 statements, each built once: building
    // and expanding the text on every read was a tenth of a read's allocation (BENCHMARKS.md,
    // twenty-third round).
    private static final int BY_KEY = 1;
    private static final int RELATED = 2;
    private static final int FROM = 4;
    private static final int TO = 8;
    private static final int AFTER = 16;
    private static final int SOME_SOURCES = 32;
    private static final int PAGE_SHAPES = 64;

    private static int shape(Object customer, TimelineQuery q, boolean withRelated) {
        return (customer instanceof String ? BY_KEY : 0) | (withRelated ? RELATED : 0)
                | (q.from().isPresent() ? FROM : 0) | (q.toExclusive().isPresent() ? TO : 0)
                | (q.after().isPresent() ? AFTER : 0)
                | (q.sources().size() < Source.values().length ? SOME_SOURCES : 0);
    }

    /**
     * The customer expression is evaluated once, in a subquery kept apart by OFFSET 0; the page
     * joins it laterally, so its index scan takes the customer as a parameter and pages straight
     * down the timeline index. On a first page, each sidecar's presence query rides along the same
     * way, one row at most through the customer's index: most customers have nothing beside their
     * entries, and are then spared a statement per sidecar. (As an EXISTS column the planner hashed
     * all open tasks.) All five sources need no filter: the column's check allows no other.
     */
    private String pageStatement(int shape) {
        StringBuilder sql = new StringBuilder("SELECT customer.resolved");
        StringBuilder presence = new StringBuilder();
        for (int i = 0; (shape & RELATED) != 0 && i < sidecars.size(); i++) {
            sql.append(", p").append(i).append(".present_").append(i);
            presence.append(" LEFT JOIN LATERAL (SELECT true AS present_").append(i).append(" FROM (")
                    .append(sidecars.get(i).presence().replace("{customer}", "customer.resolved"))
                    .append(" LIMIT 1) s) p").append(i).append(" ON true");
        }
        sql.append(", e.* FROM (SELECT ").append((shape & BY_KEY) != 0 ? Customers.RESOLVE_KEY : "CAST(? AS uuid)")
                .append(" AS resolved OFFSET 0) customer").append(presence)
                .append(" LEFT JOIN LATERAL (SELECT ").append(ENTRY_COLUMNS)
                .append(" FROM customer_interactions WHERE customer_id = customer.resolved");
        if ((shape & SOME_SOURCES) != 0) {
            sql.append(" AND source = ANY (CAST(? AS text[]))");
        }
        if ((shape & FROM) != 0) {
            sql.append(" AND occurred_at >= ?");
        }
        if ((shape & TO) != 0) {
            sql.append(" AND occurred_at < ?");
        }
        if ((shape & AFTER) != 0) {
            sql.append(" AND (occurred_at, id) < (?, ?)");
        }
        return sql.append(" ORDER BY occurred_at DESC, id DESC LIMIT ?) e ON true").toString();
    }

    /** {@code customer} is the customer's id or a lookup key, as {@link #shape} tells them apart. */
    private Optional<Page> page(Object customer, TimelineQuery q, boolean withRelated) {
        int shape = shape(customer, q, withRelated);
        List<Object> params = new ArrayList<>(7);
        params.add(customer);
        if ((shape & SOME_SOURCES) != 0) {
            params.add(q.sources().stream().map(Source::wire).toArray(String[]::new));
        }
        q.from().ifPresent(f -> params.add(OffsetDateTime.ofInstant(f, ZoneOffset.UTC)));
        q.toExclusive().ifPresent(t -> params.add(OffsetDateTime.ofInstant(t, ZoneOffset.UTC)));
        q.after().ifPresent(c -> {
            params.add(OffsetDateTime.ofInstant(c.at(), ZoneOffset.UTC));
            params.add(c.id());
        });
        params.add(q.limit() + 1);
        UUID[] resolved = new UUID[1];
        boolean[] present = new boolean[sidecars.size()];
        int firstEntryColumn = 2 + (withRelated ? sidecars.size() : 0);
        List<TimelineEntry> rows = new ArrayList<>();
        jdbc.sql(pageStatements[shape]).params(params).query((RowCallbackHandler) rs -> {
            if (rows.isEmpty()) {
                resolved[0] = rs.getObject(1, UUID.class);
                for (int i = 0; withRelated && i < present.length; i++) {
                    present[i] = rs.getBoolean(2 + i);
                }
            }
            UUID id = rs.getObject(firstEntryColumn, UUID.class);
            if (id != null) {
                rows.add(entry(id, rs, firstEntryColumn));
            }
        });
        if (resolved[0] == null) {
            return Optional.empty();
        }
        String next = null;
        if (rows.size() > q.limit()) {
            rows.remove(rows.size() - 1);
            TimelineEntry last = rows.get(rows.size() - 1);
            next = new TimelineQuery.Cursor(last.occurredAt().toInstant(), last.id()).encode();
        }
        return Optional.of(new Page(resolved[0], rows, next, withRelated ? related(resolved[0], present) : null));
    }

    /** One entry with its full source payload (order items, email body, transcript, quote items). */
    public Optional<Map<String, Object>> entry(UUID customer, UUID id) {
        return jdbc.sql("SELECT " + ENTRY_COLUMNS + ", payload::text AS payload FROM customer_interactions WHERE customer_id = :c AND id = :id")
                .param("c", customer).param("id", id)
                .query((rs, n) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", rs.getObject("id", UUID.class));
                    m.put("source", rs.getString("source"));
                    m.put("occurred_at", rs.getObject("occurred_at", OffsetDateTime.class));
                    m.put("title", rs.getString("title"));
                    m.put("details", json.readTree(rs.getString("payload")));
                    return m;
                }).optional();
    }

    /** The newest entry of each source. */
    public Map<String, TimelineEntry> latestBySource(UUID customer) {
        Map<String, TimelineEntry> latest = new LinkedHashMap<>();
        for (Source s : Source.values()) {
            jdbc.sql("SELECT " + ENTRY_COLUMNS + """
                     FROM customer_interactions WHERE customer_id = :c AND source = :s
                    ORDER BY occurred_at DESC, id DESC LIMIT 1
                    """).param("c", customer).param("s", s.wire()).query(ENTRY).optional()
                    .ifPresent(e -> latest.put(s.wire(), e));
        }
        return latest;
    }

    public record Email(String emailId, String direction, String fromEmail, String fromName, String toEmail, String subject,
            String body, String category, String status, String sentiment, BigDecimal sentimentScore, OffsetDateTime createdAt) {
    }

    /** {@code emails} holds the thread's latest {@link #EMAILS_PER_THREAD}, oldest first; {@code messageCount} counts all. */
    public record Thread(String threadId, String subject, int messageCount, OffsetDateTime firstAt, OffsetDateTime lastAt,
            boolean awaitingReply, List<Email> emails) {
    }

    /** A thread can run to hundreds of messages (a customer writing to support for years): a reply needs the latest. */
    static final int EMAILS_PER_THREAD = 50;

    /** Emails grouped by thread (Message-ID chain or normalised subject), most recent thread first. */
    public List<Thread> emailThreads(UUID customer, int limit) {
        record Head(String threadId, String subject, int messageCount, OffsetDateTime firstAt, OffsetDateTime lastAt) {
        }
        record Row(Head head, Email email) {
        }
        List<Row> rows = jdbc.sql("""
                WITH threads AS (
                    SELECT thread_id, count(*) AS message_count, min(created_at) AS first_at, max(created_at) AS last_at,
                           (array_agg(subject ORDER BY created_at, email_id))[1] AS thread_subject
                    FROM email_logs WHERE customer_id = :c GROUP BY thread_id
                    ORDER BY max(created_at) DESC, thread_id LIMIT :limit
                )
                SELECT t.*, e.* FROM threads t CROSS JOIN LATERAL (
                    SELECT email_id, direction, from_email, from_name, to_email, subject, body, category, status,
                           sentiment, sentiment_score, created_at
                    FROM email_logs WHERE customer_id = :c AND thread_id = t.thread_id
                    ORDER BY created_at DESC, email_id DESC LIMIT :perThread
                ) e
                ORDER BY t.last_at DESC, t.thread_id, e.created_at, e.email_id
                """).param("c", customer).param("limit", limit).param("perThread", EMAILS_PER_THREAD)
                .query((rs, n) -> new Row(
                        new Head(rs.getString("thread_id"), rs.getString("thread_subject"), rs.getInt("message_count"),
                                rs.getObject("first_at", OffsetDateTime.class), rs.getObject("last_at", OffsetDateTime.class)),
                        new Email(rs.getString("email_id"), rs.getString("direction"), rs.getString("from_email"),
                                rs.getString("from_name"), rs.getString("to_email"), rs.getString("subject"), rs.getString("body"),
                                rs.getString("category"), rs.getString("status"), rs.getString("sentiment"),
                                rs.getBigDecimal("sentiment_score"), rs.getObject("created_at", OffsetDateTime.class))))
                .list();
        Map<Head, List<Email>> byThread = rows.stream().collect(Collectors.groupingBy(Row::head, LinkedHashMap::new,
                Collectors.mapping(Row::email, Collectors.toList())));
        List<Thread> threads = new ArrayList<>();
        byThread.forEach((h, emails) -> threads.add(new Thread(h.threadId(), h.subject(), h.messageCount(), h.firstAt(), h.lastAt(),
                emails.get(emails.size() - 1).direction().equals("inbound"), emails)));
        return threads;
    }

    /**
     * A quote chat session with the chat system's own fields (as its {@code quote_sessions} rows
     * name them) beside ours; {@code updated_at} is when we last stored it, {@code last_activity_at}
     * when the chat last moved. {@code details} is the session as it was last sent.
     */
    public record QuoteSession(String sessionId, String customerName, String companyName, String customerEmail,
            String customerPhone, String status, BigDecimal totalAmount, String currency, JsonNode quoteItems, String summary,
            OffsetDateTime createdAt, OffsetDateTime lastActivityAt, OffsetDateTime updatedAt, String sentiment,
            JsonNode metadata, JsonNode details) {
    }

    public List<QuoteSession> quoteSessions(UUID customer, int limit) {
        return jdbc.sql("""
                SELECT source_key, status, amount, currency, summary, occurred_at, updated_at, sentiment, payload::text AS payload
                FROM customer_interactions WHERE customer_id = :c AND source = 'chat'
                ORDER BY occurred_at DESC, id DESC LIMIT :limit
                """).param("c", customer).param("limit", limit)
                .query((rs, n) -> {
                    JsonNode sent = json.readTree(rs.getString("payload"));
                    return new QuoteSession(rs.getString("source_key"), text(sent, "customer_name"), text(sent, "company_name"),
                            text(sent, "customer_email"), text(sent, "customer_phone"), rs.getString("status"),
                            rs.getBigDecimal("amount"), rs.getString("currency"), sent.get("quote_items"), rs.getString("summary"),
                            rs.getObject("occurred_at", OffsetDateTime.class),
                            Optional.ofNullable(text(sent, "last_activity_at")).flatMap(t -> Fields.parseTime(t, zone)).orElse(null),
                            rs.getObject("updated_at", OffsetDateTime.class), rs.getString("sentiment"), sent.get("metadata"), sent);
                })
                .list();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isContainer() ? null : v.asString();
    }

    /** An order as the shop sent it: the customer's name, email and phone are the order's, which may differ from the profile's. */
    public record Order(long orderId, Long opencartCustomerId, String customerName, String customerEmail, String customerPhone,
            String orderStatus, boolean countsAsValue, BigDecimal orderTotal,
            String currency, String paymentMethod, String shippingMethod, JsonNode items, JsonNode shippingAddress,
            OffsetDateTime orderDate, OffsetDateTime syncedAt) {
    }

    public List<Order> orderHistory(UUID customer, int limit) {
        return jdbc.sql("""
                SELECT o.order_id, o.opencart_customer_id, o.customer_name, o.customer_email, o.customer_phone, o.order_status, i.counts_as_value, o.order_total, o.currency,
                       o.payment_method, o.shipping_method, o.items::text AS items, o.shipping_address::text AS address,
                       o.order_date, o.synced_at
                FROM opencart_orders_cache o
                JOIN customer_interactions i ON i.source = 'order' AND i.source_key = o.order_id::text
                WHERE o.customer_id = :c ORDER BY o.order_date DESC, o.order_id DESC LIMIT :limit
                """).param("c", customer).param("limit", limit)
                .query((rs, n) -> new Order(rs.getLong("order_id"), (Long) rs.getObject("opencart_customer_id"),
                        rs.getString("customer_name"), rs.getString("customer_email"), rs.getString("customer_phone"),
                        rs.getString("order_status"), rs.getBoolean("counts_as_value"), rs.getBigDecimal("order_total"),
                        rs.getString("currency"), rs.getString("payment_method"), rs.getString("shipping_method"),
                        json.readTree(rs.getString("items")),
                        rs.getString("address") == null ? null : json.readTree(rs.getString("address")),
                        rs.getObject("order_date", OffsetDateTime.class), rs.getObject("synced_at", OffsetDateTime.class)))
                .list();
    }

    public record Merge(UUID mergedId, String linkingKind, String linkingValue, String eventSource, String eventKey,
            OffsetDateTime mergedAt) {
    }

    /** Every merge that made this profile, those into a profile it later absorbed too (merges point at the last survivor). */
    public List<Merge> merges(UUID customer) {
        return jdbc.sql("""
                SELECT merged_id, linking_kind, linking_value, event_source, event_key, merged_at
                FROM customer_merges
                WHERE survivor_id = :c OR survivor_id IN (SELECT id FROM customer_profiles WHERE merged_into = :c)
                ORDER BY merged_at
                """).param("c", customer).query(Merge.class).list();
    }
}
