package io.customertimeline.identity;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Folds one profile into another: identities and every customer-owned row move, the loser
 * points at the survivor (so its id still resolves), and the merge is logged. Statistics are
 * recomputed by the caller's stats step.
 */
@Component
class ProfileMerger {

    private static final List<String> CUSTOMER_TABLES = List.of(
            "customer_identities", "customer_interactions", "call_transcripts", "email_logs",
            "social_interactions", "opencart_orders_cache");

    private final JdbcClient jdbc;

    ProfileMerger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void merge(UUID survivor, UUID merged, Identifier link, EventRef event) {
        for (String table : CUSTOMER_TABLES) {
            jdbc.sql("UPDATE " + table + " SET customer_id = :survivor WHERE customer_id = :merged")
                    .param("survivor", survivor).param("merged", merged).update();
        }
        jdbc.sql("""
                UPDATE customer_profiles s SET
                    name = coalesce(s.name, m.name),
                    company = coalesce(s.company, m.company),
                    primary_email = coalesce(s.primary_email, m.primary_email),
                    primary_phone = coalesce(s.primary_phone, m.primary_phone),
                    status_override = CASE WHEN 'Blocked' IN (s.status_override, m.status_override) THEN 'Blocked'
                                           ELSE coalesce(s.status_override, m.status_override) END
                FROM customer_profiles m
                WHERE s.id = :survivor AND m.id = :merged
                """).param("survivor", survivor).param("merged", merged).update();
        jdbc.sql("UPDATE customer_profiles SET merged_into = :survivor WHERE id = :merged OR merged_into = :merged")
                .param("survivor", survivor).param("merged", merged).update();
        jdbc.sql("""
                INSERT INTO customer_merges (survivor_id, merged_id, linking_kind, linking_value, event_source, event_key)
                VALUES (:survivor, :merged, :kind, :value, :source, :key)
                """)
                .param("survivor", survivor).param("merged", merged)
                .param("kind", link == null ? "record" : link.kind().wire())
                .param("value", link == null ? event.key() : link.value())
                .param("source", event.source()).param("key", event.key())
                .update();
        jdbc.sql("SELECT update_customer_profile_stats(:id)").param("id", survivor.toString()).query().singleRow();
    }
}
