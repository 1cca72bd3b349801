package io.customertimeline.timeline;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.customertimeline.customers.Customers;
import io.customertimeline.customers.Profile;
import io.customertimeline.identity.IdentifierParser;
import io.customertimeline.system.InvalidInputException;
import io.customertimeline.system.TimelineProperties;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The customer lists: search, recent, top by LTV, and who needs attention (with reasons). */
@Component
public class CustomerLists {

    public static final int MAX_SEARCH = 50;
    /** Matches read per branch of the email/phone-start and text-inside tiers; more than MAX_SEARCH so the most valuable can be chosen. */
    static final int CANDIDATES = 200;
    /** How close a name must be to count as a typo of the query ("liam bota" for Liam Botha) when nothing contains it. */
    static final double TYPO_SIMILARITY = 0.5;
    private final JdbcClient jdbc;
    private final Customers customers;
    private final IdentifierParser ids;
    private final TimelineProperties props;
    private final Clock clock;
    private final String candidatesSql;
    private final String attentionSql;
    private final CoalescedReads<Integer, List<AttentionItem>> attentionReads = new CoalescedReads<>();

    CustomerLists(JdbcClient jdbc, Customers customers, IdentifierParser ids, TimelineProperties props, Clock clock,
            List<AttentionRule> rules) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.ids = ids;
        this.props = props;
        this.clock = clock;
        // First the customers who have waited longest for each reason (a bounded index scan per rule),
        // then every reason of just those customers: the work does not grow with how many need attention.
        // Two statements: one would have to be planned anew each time (2 ms) and its generic plan is slow.
        // The ids come back as one array literal and go into the next statement as they came: mapping
        // and binding a few hundred UUIDs one by one was a tenth of the list's time in the service.
        this.candidatesSql = """
                SELECT CAST(array_agg(DISTINCT customer_id) AS text) FROM (
                {rules}
                ) candidates
                """.replace("{rules}", rules.stream()
                        .map(r -> "(SELECT customer_id FROM (" + r.sql() + ") r (customer_id, code, detail, since) ORDER BY since LIMIT :limit)")
                        .collect(Collectors.joining("\nUNION ALL\n")));
        // The candidates' profile rows are read once into a CTE that takes the table's name within
        // this statement. Every rule reads customer_profiles, so every rule sees only the candidates,
        // and scans those few hundred rows instead of probing the primary key for each of them. The
        // reasons of every candidate are described in one pass and the list cut from that: choosing
        // the listed first and joining back to their reasons had the generic plan rescan the
        // candidates once per listed customer (7 ms against 4 ms, BENCHMARKS.md). Each listed
        // customer comes as one row per reason, oldest first: reasons built as JSON here took a fifth
        // of the list's time in the service to parse back.
        this.attentionSql = """
                WITH customer_profiles AS MATERIALIZED (
                    SELECT * FROM customer_profiles WHERE id = ANY(CAST(CAST(:ids AS text) AS uuid[]))
                ), reasons (customer_id, code, detail, since) AS MATERIALIZED (
                {rules}
                ), per_code AS (
                    SELECT customer_id, code, count(*) AS n, min(since) AS since,
                           (array_agg(detail ORDER BY since DESC))[1] AS detail
                    FROM reasons GROUP BY customer_id, code
                ), listed AS (
                    SELECT customer_id, count(*) AS codes, min(since) AS since
                    FROM per_code GROUP BY customer_id
                    ORDER BY count(*) DESC, min(since)
                    LIMIT :limit
                )
                SELECT {columns}, r.code AS reason_code, r.detail AS reason_detail, r.n AS reason_count, r.since AS reason_since
                FROM listed l JOIN customer_profiles p ON p.id = l.customer_id JOIN per_code r ON r.customer_id = l.customer_id
                ORDER BY l.codes DESC, l.since, p.id, r.since, r.code
                """.replace("{columns}", Customers.PROFILE_COLUMNS).replace("{rules}", rules.stream()
                        .map(r -> "SELECT * FROM (" + r.sql() + ") r (customer_id, code, detail, since)")
                        .collect(Collectors.joining("\nUNION ALL\n")));
    }

    public List<Profile> recent(int limit) {
        return jdbc.sql("SELECT " + Customers.PROFILE_COLUMNS + """
                 FROM customer_profiles p WHERE p.merged_into IS NULL
                ORDER BY p.last_interaction_at DESC NULLS LAST, p.id LIMIT :limit
                """).param("limit", limit).query(customers.profileMapper()).list();
    }

    public List<Profile> top(int limit) {
        return jdbc.sql("SELECT " + Customers.PROFILE_COLUMNS + """
                 FROM customer_profiles p WHERE p.merged_into IS NULL
                ORDER BY p.lifetime_value DESC, p.id LIMIT :limit
                """).param("limit", limit).query(customers.profileMapper()).list();
    }

    /**
     * Name, company, email, phone (any format, partial digits too) and handle, case-insensitive
     * (names and companies accent-insensitive too: "anel" finds "Anél"),
     * best match first and, among equally good matches, the most valuable customer first.
     * Matches come in tiers, and a tier is read only while the better ones hold fewer than
     * {@code limit} customers (each tier's reads are bounded; BENCHMARKS.md has the figures):
     * <ol>
     * <li>an exact identifier (email, phone in any format, handle with or without platform);
     * <li>a whole word of a name or company, or the words from one to the end ("naidoo", "van der merwe",
     *     "thabo naidoo"): one range of {@code customer_search_terms}, already in lifetime-value order;
     * <li>the start of such a word, an email address or a phone number ("naid", "thabo.na", "082 55");
     * <li>text of three letters or digits or more anywhere inside a name, company, email, handle or phone
     *     number (trigram indexes), unless the query is a customer's exact email, phone or handle: that
     *     names the person;
     * <li>only when nothing above matched, a name close to the query (a typo), closest first.
     * </ol>
     */
    public List<Profile> search(String query, int limit) {
        if (query == null || query.strip().length() < 2) {
            throw new InvalidInputException("query", "'query' needs at least 2 characters");
        }
        String raw = query.strip().replaceAll("\\s+", " "); // the terms are single-spaced too
        if (raw.length() > 200) {
            throw new InvalidInputException("query", "'query' is longer than 200 characters");
        }
        String q = raw.toLowerCase(java.util.Locale.ROOT);
        String like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        String digits = q.replaceAll("[^0-9]", "");
        boolean phoneLike = digits.length() >= 4 && q.matches("^[+0-9 ()./-]+$");
        // never null: a null parameter is typed differently from a string, and the driver would prepare the statement anew
        String phoneStart = !phoneLike ? ""
                : q.startsWith("+") ? "+" + digits : digits.startsWith("0") ? "+" + ids.callingCode() + digits.substring(1) : "";
        return jdbc.sql("""
                WITH folded AS MATERIALIZED ( -- names and companies are searched without case or accents (V55)
                    SELECT customer_search_fold(:raw) AS term, customer_search_fold(:like) AS pattern
                ), exact AS MATERIALIZED (
                    SELECT customer_id, 5 AS tier FROM customer_identities
                    WHERE (kind, value) IN (('email', :exact), ('phone', :exact), ('opencart', :exact), ('handle', :exact), ('handle', ltrim(:q, '@')))
                    UNION ALL
                    SELECT customer_id, 4 FROM customer_identities
                    WHERE kind = 'handle' AND split_part(value, ':', 2) = ltrim(:q, '@')
                ), words AS MATERIALIZED (
                    SELECT customer_id, 3 AS tier FROM customer_search_terms
                    WHERE term = (SELECT term FROM folded) ORDER BY lifetime_value DESC LIMIT :limit
                ), starts AS MATERIALIZED (
                    SELECT * FROM (
                        (SELECT customer_id, 2 AS tier FROM customer_search_terms
                         WHERE term >= (SELECT term FROM folded) AND term < (SELECT term || chr(1114111) FROM folded)
                         ORDER BY lifetime_value DESC LIMIT :limit)
                        UNION ALL
                        (SELECT customer_id, 2 FROM customer_identities
                         WHERE kind = 'email' AND value COLLATE "C" >= :q AND value COLLATE "C" < :q || chr(1114111) LIMIT :cap)
                        UNION ALL
                        (SELECT customer_id, 2 FROM customer_identities
                         WHERE kind = 'phone' AND :phoneStart <> ''
                           AND value COLLATE "C" >= :phoneStart AND value COLLATE "C" < :phoneStart || chr(1114111)
                         LIMIT :cap)
                    ) s
                    WHERE (SELECT count(DISTINCT customer_id) FROM (SELECT customer_id FROM exact UNION ALL SELECT customer_id FROM words) better) < :limit
                ), better AS (
                    SELECT * FROM exact UNION ALL SELECT * FROM words UNION ALL SELECT * FROM starts
                ), inside AS MATERIALIZED (
                    SELECT * FROM (
                        (SELECT customer_id, 1 AS tier FROM customer_search_names
                         WHERE name ILIKE (SELECT pattern FROM folded) OR company ILIKE (SELECT pattern FROM folded) LIMIT :cap)
                        UNION ALL
                        (SELECT customer_id, 1 FROM customer_identities WHERE value ILIKE :like LIMIT :cap)
                        UNION ALL
                        (SELECT customer_id, 1 FROM customer_identities WHERE :digits <> '' AND kind = 'phone' AND value LIKE :digits LIMIT :cap)
                    ) s
                    WHERE :inside -- fewer than three letters or digits hold no trigram: the indexes would hand back every row
                      AND NOT EXISTS (SELECT FROM exact WHERE tier = 5)
                      AND (SELECT count(DISTINCT customer_id) FROM better) < :limit
                ), typos AS MATERIALIZED (
                    SELECT customer_id, similarity(name, (SELECT term FROM folded)) - 1 AS tier FROM customer_search_names
                    WHERE NOT EXISTS (SELECT FROM better) AND NOT EXISTS (SELECT FROM inside)
                      AND name % (SELECT term FROM folded) AND similarity(name, (SELECT term FROM folded)) >= :typo
                    ORDER BY similarity(name, (SELECT term FROM folded)) DESC LIMIT :limit
                ), hits AS (
                    SELECT customer_id, max(tier) AS tier
                    FROM (SELECT * FROM better UNION ALL SELECT * FROM inside UNION ALL SELECT * FROM typos) h
                    GROUP BY customer_id
                )
                SELECT {columns} FROM hits h JOIN customer_profiles p ON p.id = h.customer_id
                ORDER BY h.tier DESC, p.lifetime_value DESC, p.id
                LIMIT :limit
                """.replace("{columns}", Customers.PROFILE_COLUMNS))
                .param("raw", raw).param("q", q).param("exact", ids.normaliseLookup(raw)).param("like", like)
                .param("phoneStart", phoneStart).param("digits", phoneLike ? "%" + digits + "%" : "")
                .param("inside", q.codePoints().filter(Character::isLetterOrDigit).count() >= 3)
                .param("limit", limit).param("cap", CANDIDATES).param("typo", TYPO_SIMILARITY)
                .query(customers.profileMapper()).list();
    }

    /** One reason a customer needs a person now: how often it holds and since when (the oldest). */
    public record Reason(String code, String detail, int count, OffsetDateTime since) {
    }

    /** A customer with the reasons they need a person now, oldest first. */
    public record AttentionItem(@JsonUnwrapped Profile profile, List<Reason> reasons) {
    }

    /**
     * Who needs a person now, most reasons first, then who has waited longest. The list is the same
     * for everyone who asks, so people asking at the same moment share one computation
     * ({@link CoalescedReads}: never one that started before they asked).
     */
    public List<AttentionItem> attention(int limit) {
        return attentionReads.get(limit, () -> computeAttention(limit));
    }

    private List<AttentionItem> computeAttention(int limit) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        var a = props.attention();
        Map<String, Object> params = Map.of("now", now, "since", now.minus(a.lookback()),
                "emailCutoff", now.minus(a.unansweredEmail()), "socialCutoff", now.minus(a.unansweredSocial()),
                "quoteCutoff", now.minus(a.quoteWithoutOrder()));
        String candidates = jdbc.sql(candidatesSql).params(params).param("limit", limit).query(String.class).optional().orElse(null);
        if (candidates == null) {
            return List.of();
        }
        RowMapper<Profile> profiles = customers.profileMapper();
        List<AttentionItem> items = new ArrayList<>();
        jdbc.sql(attentionSql).params(params).param("ids", candidates).param("limit", limit).query((RowCallbackHandler) rs -> {
            UUID id = rs.getObject("id", UUID.class);
            if (items.isEmpty() || !items.get(items.size() - 1).profile().id().equals(id)) {
                items.add(new AttentionItem(profiles.mapRow(rs, items.size()), new ArrayList<>()));
            }
            items.get(items.size() - 1).reasons().add(new Reason(rs.getString("reason_code"), rs.getString("reason_detail"),
                    rs.getInt("reason_count"), rs.getObject("reason_since", OffsetDateTime.class)));
        });
        return items.stream().map(i -> new AttentionItem(i.profile(), List.copyOf(i.reasons()))).toList(); // shared by every caller
    }
}
