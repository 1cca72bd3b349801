package io.customertimeline.customers;

import io.customertimeline.identity.IdentifierParser;
import io.customertimeline.system.InvalidInputException;
import io.customertimeline.system.NotFoundException;
import io.customertimeline.system.TimelineProperties;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Finding customers by whatever identifier a caller knows, reading and editing their profiles. */
@Component
public class Customers {

    /** Columns of {@link #profileMapper()}, for queries of other features that list profiles. */
    public static final String PROFILE_COLUMNS = """
            p.id, p.name, p.company, p.primary_email, p.primary_phone, p.status_override, p.total_orders,
            p.paid_orders, p.total_spend, p.lifetime_value, p.average_order_value, p.currency,
            p.total_interactions, p.call_count, p.email_count, p.chat_count, p.social_count,
            p.first_interaction_at, p.last_interaction_at, p.sentiment_score, p.sentiment_trend,
            p.created_at, p.updated_at""";

    /**
     * The profile a lookup key ({@link #lookupKey}) names, as an SQL expression of one positional
     * parameter: {@code resolve_customer(text)}'s answer for every key, with an email that names
     * a live profile found by one probe of the identities first. Most API callers name a customer
     * by email; resolving one this way cost 13-14 µs where the PL/pgSQL call alone cost 22-24 µs
     * in the same minute, and PostgreSQL's CPU per profile read fell by 12 % (BENCHMARKS.md,
     * twenty-fifth round). Anything else (a merged owner, a phone, a handle, an id, nobody) is
     * left to the function.
     */
    public static final String RESOLVE_KEY = """
            (SELECT coalesce((SELECT i.customer_id FROM customer_identities i
                              JOIN customer_profiles live ON live.id = i.customer_id AND live.merged_into IS NULL
                              WHERE i.kind = 'email' AND i.value = lower(btrim(k.key)) AND position('@' IN i.value) > 1),
                             resolve_customer(k.key))
             FROM (SELECT CAST(? AS text) AS key) k)""";

    private final JdbcClient jdbc;
    private final IdentifierParser parser;
    private final TimelineProperties props;
    private final Clock clock;
    private final ProfileStats stats;

    Customers(JdbcClient jdbc, IdentifierParser parser, TimelineProperties props, Clock clock, ProfileStats stats) {
        this.jdbc = jdbc;
        this.parser = parser;
        this.props = props;
        this.clock = clock;
        this.stats = stats;
    }

    /** The live profile id for an email, phone (any format), handle or profile id. */
    public Optional<UUID> find(String customerId) {
        if (customerId == null || customerId.isBlank()) {
            return Optional.empty();
        }
        return resolve(parser.normaliseLookup(customerId));
    }

    /** Like {@link #find} but a 404 naming {@code customerId} when nobody matches. */
    public UUID require(String customerId) {
        return resolve(lookupKey(customerId)).orElseThrow(() -> unknown(customerId));
    }

    private Optional<UUID> resolve(String lookupKey) {
        return jdbc.sql("SELECT " + RESOLVE_KEY).param(lookupKey).query(UUID.class).optional();
    }

    /**
     * What {@code resolve_customer(text)} takes for a {@code customerId} as a caller typed it, for
     * reads that resolve and read in one statement; a 400 when it is missing.
     */
    public String lookupKey(String customerId) {
        if (customerId == null || customerId.isBlank()) {
            throw new InvalidInputException("customerId", "'customerId' is required");
        }
        return parser.normaliseLookup(customerId);
    }

    /** The 404 for a {@code customerId} nobody is known by. */
    public static NotFoundException unknown(String customerId) {
        return new NotFoundException("customerId", "No customer is known by '" + customerId + "'");
    }

    /** The profile of a customer as a caller names them ({@link #lookupKey}), resolved in the same statement. */
    public Optional<Profile> profile(String lookupKey) {
        return jdbc.sql("SELECT " + PROFILE_COLUMNS + " FROM customer_profiles p WHERE p.id = " + RESOLVE_KEY)
                .param(lookupKey).query(profileMapper()).optional();
    }

    public Profile profile(UUID id) {
        return jdbc.sql("SELECT " + PROFILE_COLUMNS + " FROM customer_profiles p WHERE p.id = :id")
                .param("id", id).query(profileMapper()).single();
    }

    /** Recomputes from scratch (the seed's {@code update_profile}). */
    @Transactional
    public Profile recompute(String customerId) {
        UUID id = require(customerId);
        lock(id);
        return profile(stats.recompute(id));
    }

    /** Sets or clears the status a person chose ({@code VIP}, {@code Blocked}, or null). */
    @Transactional
    public Profile setStatus(UUID id, String status) {
        String chosen = chosenStatus(status);
        lock(id);
        jdbc.sql("UPDATE customer_profiles SET status_override = :s, updated_at = now() WHERE id = :id")
                .param("s", chosen).param("id", id).update();
        return profile(id);
    }

    /**
     * The seed's {@code update_profile}: sets the fields named ({@code status}, {@code company},
     * {@code name}; a null value clears one) and recomputes the statistics, all in one
     * transaction: a refused field writes nothing.
     */
    @Transactional
    public Profile update(UUID id, Map<String, String> edits) {
        String status = chosenStatus(edits.get("status"));
        lock(id);
        jdbc.sql("""
                UPDATE customer_profiles SET
                    status_override = CASE WHEN :setsStatus THEN :status ELSE status_override END,
                    company = CASE WHEN :setsCompany THEN :company ELSE company END,
                    name = CASE WHEN :setsName THEN :name ELSE name END,
                    updated_at = now()
                WHERE id = :id
                """)
                .param("setsStatus", edits.containsKey("status")).param("status", status)
                .param("setsCompany", edits.containsKey("company")).param("company", edits.get("company"))
                .param("setsName", edits.containsKey("name")).param("name", edits.get("name"))
                .param("id", id).update();
        return profile(stats.recompute(id));
    }

    /** VIP or Blocked as a person chose it; null, {@code Active} or {@code auto} for the automatic status. */
    private static String chosenStatus(String status) {
        if (status == null || status.equals("Active") || status.equals("auto")) {
            return null;
        }
        if (!status.equals("VIP") && !status.equals("Blocked")) {
            throw new InvalidInputException("status", "status must be VIP, Blocked or null (automatic)");
        }
        return status;
    }

    public List<Identity> identities(UUID id) {
        return jdbc.sql("SELECT kind, value, created_at FROM customer_identities WHERE customer_id = :id ORDER BY kind, created_at")
                .param("id", id).query(Identity.class).list();
    }

    public record Identity(String kind, String value, OffsetDateTime createdAt) {
    }

    private void lock(UUID id) {
        jdbc.sql("SELECT id FROM customer_profiles WHERE id = :id FOR UPDATE").param("id", id).query().singleRow();
    }

    public RowMapper<Profile> profileMapper() {
        return (rs, n) -> mapProfile(rs);
    }

    private Profile mapProfile(ResultSet rs) throws SQLException {
        Map<String, Integer> bySource = new LinkedHashMap<>();
        bySource.put("call", rs.getInt("call_count"));
        bySource.put("email", rs.getInt("email_count"));
        bySource.put("chat", rs.getInt("chat_count"));
        bySource.put("social", rs.getInt("social_count"));
        bySource.put("order", rs.getInt("total_orders"));
        BigDecimal ltv = rs.getBigDecimal("lifetime_value");
        OffsetDateTime last = rs.getObject("last_interaction_at", OffsetDateTime.class);
        String override = rs.getString("status_override");
        return new Profile(
                rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("company"),
                rs.getString("primary_email"), rs.getString("primary_phone"),
                CustomerStatus.of(override, ltv, last, props, clock.instant()), override,
                rs.getInt("total_orders"), rs.getInt("paid_orders"), rs.getBigDecimal("total_spend"), ltv,
                rs.getBigDecimal("average_order_value"), rs.getString("currency"), rs.getInt("total_interactions"),
                bySource, rs.getObject("first_interaction_at", OffsetDateTime.class), last,
                rs.getBigDecimal("sentiment_score"), rs.getString("sentiment_trend"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class));
    }
}
