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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The customer lists: search, recent, top by LTV, and who needs attention (with reasons). */
@Component
public class CustomerLists {

    public static final int MAX_SEARCH = 50;
    /** Substring matches scored per branch of a search; more than MAX_SEARCH so the best of them can be chosen. */
    static final int CANDIDATES = 200;
    /** How close a name must be to count as a typo of the query ("liam bota" for Liam Botha) when nothing contains it. */
    static final double TYPO_SIMILARITY = 0.5;
    private final JdbcClient jdbc;
    private final Customers customers;
    private final IdentifierParser ids;
    private final TimelineProperties props;
    private final Clock clock;
    private final String attentionSql;
    private final String candidatesSql;
    private final JsonMapper json;

    CustomerLists(JdbcClient jdbc, Customers customers, IdentifierParser ids, TimelineProperties props, Clock clock,
            List<AttentionRule> rules, JsonMapper json) {
        this.json = json;
        this.jdbc = jdbc;
        this.customers = customers;
        this.ids = ids;
        this.props = props;
        this.clock = clock;
        // First the customers who have waited longest for each reason (a bounded index scan per rule),
        // then every reason of just those customers: the work does not grow with how many need attention.
        this.candidatesSql = """
                SELECT DISTINCT customer_id FROM (
                {rules}
                ) candidates
                """.replace("{rules}", rules.stream()
                        .map(r -> "(SELECT customer_id FROM (" + r.sql() + ") r (customer_id, code, detail, since) ORDER BY since LIMIT :cap)")
                        .collect(Collectors.joining("\nUNION ALL\n")));
        this.attentionSql = """
                WITH reasons (customer_id, code, detail, since) AS (
                {rules}
                ), per_code AS (
                    SELECT customer_id, code, count(*) AS n, min(since) AS since,
                           (array_agg(detail ORDER BY since DESC))[1] AS detail
                    FROM reasons GROUP BY customer_id, code
                )
                SELECT customer_id,
                       json_agg(json_build_object('code', code, 'detail', detail, 'count', n, 'since', since)
                                ORDER BY since) AS reasons
                FROM per_code
                GROUP BY customer_id
                ORDER BY count(*) DESC, min(since)
                LIMIT :limit
                """.replace("{rules}", rules.stream()
                        .map(r -> "SELECT * FROM (" + r.sql() + ") r (customer_id, code, detail, since) WHERE customer_id = ANY(:ids)")
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
     * Name, company, email, phone (any format, partial digits too) and handle; partial and
     * case-insensitive through trigram indexes; exact identifier matches first.
     */
    public List<Profile> search(String query, int limit) {
        if (query == null || query.strip().length() < 2) {
            throw new InvalidInputException("query", "'query' needs at least 2 characters");
        }
        String q = query.strip().toLowerCase(java.util.Locale.ROOT);
        if (q.length() > 200) {
            throw new InvalidInputException("query", "'query' is longer than 200 characters");
        }
        String like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        String exact = ids.normaliseLookup(query);
        String digits = q.replaceAll("[^0-9]", "");
        String phoneLike = digits.length() < 4 || !q.matches("^[+0-9 ()./-]+$") ? null
                : digits.startsWith("0") ? "+" + ids.callingCode() + digits.substring(1) + "%" : "%" + digits + "%";
        // A common surname is a substring of thousands of names and shares trigrams with thousands
        // more; scoring every such match cost 45 ms a search at 100k customers (BENCHMARKS.md).
        // So: substring matches (name, company, email, phone, handle) score at most CANDIDATES
        // per branch; exact identifiers are btree probes and never capped; typo-tolerant
        // similarity runs only when nothing else matched. Each capped branch is a MATERIALIZED
        // CTE so that it is planned as the index scan it is, not as a table walk that the LIMIT
        // makes look cheap, and stops after CANDIDATES rows.
        return jdbc.sql("""
                WITH names AS MATERIALIZED (
                    SELECT id AS customer_id, greatest(similarity(coalesce(name, ''), :q), similarity(coalesce(company, ''), :q))
                               + CASE WHEN lower(name) LIKE :prefix OR lower(company) LIKE :prefix THEN 0.5 ELSE 0 END AS score
                    FROM customer_profiles
                    WHERE merged_into IS NULL AND (name ILIKE :like OR company ILIKE :like)
                ), identifiers AS MATERIALIZED (
                    SELECT customer_id, 0.3 + similarity(value, :q) AS score
                    FROM customer_identities
                    WHERE value ILIKE :like OR (kind = 'phone' AND value LIKE :phoneLike)
                ), precise (customer_id, score) AS (
                    (SELECT * FROM names LIMIT :cap)
                    UNION ALL
                    (SELECT * FROM identifiers LIMIT :cap)
                    UNION ALL
                    SELECT customer_id, 3 FROM customer_identities
                    WHERE kind IN ('email', 'phone', 'handle', 'opencart') AND value IN (:exact, ltrim(:q, '@'))
                    UNION ALL
                    SELECT customer_id, 2 FROM customer_identities
                    WHERE kind = 'handle' AND split_part(value, ':', 2) = ltrim(:q, '@')
                ), typos AS MATERIALIZED (
                    SELECT id AS customer_id, similarity(name, :q) AS score
                    FROM customer_profiles
                    WHERE NOT EXISTS (SELECT FROM precise)
                      AND merged_into IS NULL AND name % :q AND similarity(name, :q) >= :typo
                ), hits AS (
                    SELECT * FROM precise
                    UNION ALL
                    (SELECT * FROM typos LIMIT :cap)
                )
                SELECT {columns} FROM (
                    SELECT customer_id, max(score) AS score FROM hits GROUP BY customer_id ORDER BY max(score) DESC LIMIT :limit
                ) h JOIN customer_profiles p ON p.id = h.customer_id
                ORDER BY h.score DESC, p.lifetime_value DESC, p.id
                """.replace("{columns}", Customers.PROFILE_COLUMNS))
                .param("q", q).param("like", like).param("prefix", like.substring(1)).param("exact", exact)
                .param("phoneLike", phoneLike).param("limit", limit).param("cap", CANDIDATES).param("typo", TYPO_SIMILARITY)
                .query(customers.profileMapper()).list();
    }

    /** A customer with the reasons they need a person now. */
    public record AttentionItem(@JsonUnwrapped Profile profile, List<Map<String, Object>> reasons) {
    }

    public List<AttentionItem> attention(int limit) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        var a = props.attention();
        Map<String, Object> params = Map.of("now", now, "since", now.minus(a.lookback()),
                "emailCutoff", now.minus(a.unansweredEmail()), "socialCutoff", now.minus(a.unansweredSocial()),
                "quoteCutoff", now.minus(a.quoteWithoutOrder()));
        UUID[] candidates = jdbc.sql(candidatesSql).params(params).param("cap", limit).query(UUID.class).list()
                .toArray(UUID[]::new);
        if (candidates.length == 0) {
            return List.of();
        }
        Map<UUID, List<Map<String, Object>>> reasons = new LinkedHashMap<>();
        jdbc.sql(attentionSql).params(params).param("ids", candidates).param("limit", limit)
                .query((rs, n) -> reasons.put(rs.getObject("customer_id", UUID.class), parseReasons(rs.getString("reasons"))))
                .list();
        if (reasons.isEmpty()) {
            return List.of();
        }
        Map<UUID, Profile> profiles = jdbc.sql("SELECT " + Customers.PROFILE_COLUMNS + " FROM customer_profiles p WHERE p.id IN (:ids)")
                .param("ids", reasons.keySet()).query(customers.profileMapper()).list().stream()
                .collect(Collectors.toMap(Profile::id, p -> p));
        List<AttentionItem> items = new ArrayList<>();
        reasons.forEach((id, r) -> items.add(new AttentionItem(profiles.get(id), r)));
        return items;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> parseReasons(String reasons) {
        return (List<Map<String, Object>>) (List<?>) json.readValue(reasons, List.class);
    }
}
