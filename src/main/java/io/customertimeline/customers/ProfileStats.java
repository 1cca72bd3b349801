package io.customertimeline.customers;

import io.customertimeline.system.Pipeline;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps a profile's statistics equal to {@code update_customer_profile_stats}'s from-scratch
 * result: sums and counts move by deltas; first/last interaction, trend and the attention facts
 * ({@code attention_facts_of}) come from min/max probes of the customer's partial indexes (a
 * bounded number of rows, whatever the history), or, for a new entry, from the entry and the
 * profile where they tell (most live events, and most late ones). The trend is computed from the
 * profile's ten latest scores ({@code recent_scores}, newest first, with their times, V51): read
 * again with the probes, and for a new entry moved by putting its score in its place.
 */
@Component
public class ProfileStats {

    /** The sums and counts, moved by the difference between an entry's old and new contribution. */
    private static final String DELTAS = """
            UPDATE customer_profiles p SET
                total_orders        = total_orders + :orders,
                paid_orders         = paid_orders + :paid,
                total_spend         = total_spend + :value,
                lifetime_value      = total_spend + :value,
                average_order_value = CASE WHEN paid_orders + :paid > 0
                                           THEN round((total_spend + :value) / (paid_orders + :paid), 2) ELSE 0 END,
                total_interactions  = total_interactions + :interactions,
                call_count          = call_count + :calls,
                email_count         = email_count + :emails,
                chat_count          = chat_count + :chats,
                social_count        = social_count + :socials,
                sentiment_sum       = sentiment_sum + :sentiment,
                sentiment_count     = sentiment_count + :scored,
                sentiment_score     = CASE WHEN sentiment_count + :scored > 0
                                           THEN round((sentiment_sum + :sentiment) / (sentiment_count + :scored), 3) END,
                updated_at          = now(),
            """;

    /** The dates, trend and attention facts, from probes of the customer's entries. */
    private static final String PROBES = """
                first_interaction_at = (SELECT occurred_at FROM customer_interactions WHERE customer_id = :id
                                        ORDER BY occurred_at, id LIMIT 1),
                last_interaction_at  = (SELECT occurred_at FROM customer_interactions WHERE customer_id = :id
                                        ORDER BY occurred_at DESC, id DESC LIMIT 1),
                (recent_scores, recent_scored_at, sentiment_trend) =
                    (SELECT r.scores, r.times, trend_of_scores(r.scores) FROM recent_scores_of(:id) r),
                last_sentiment              = a.last_sentiment,
                last_outbound_at            = a.last_outbound_at,
                oldest_unanswered_email_at  = a.oldest_unanswered_email_at,
                oldest_unanswered_social_at = a.oldest_unanswered_social_at,
                oldest_open_quote_at        = a.oldest_open_quote_at
            FROM attention_facts_of(:id) a
            WHERE p.id = :id
            """;

    private static final Pipeline.Sql PROBED = Pipeline.Sql.of(DELTAS + PROBES);

    /**
     * attention_facts_of's answers where the profile tells them, without a probe. For an entry
     * later than every other (strictly: on a tie the order by id decides, so the probes do), most
     * live events: it is the last one; an outbound one answers every earlier email and post; an
     * order closes every earlier quote; a waiting one is the oldest waiting unless an earlier one
     * already is. For an earlier entry (a late delivery, history caught up newest first): the last
     * entry and its sentiment stay; an outbound one is the last outbound if later than that one; an
     * inbound email or post waits if it is later than the last outbound, and is then the oldest
     * waiting unless an earlier one is. Where the profile cannot tell, no row is updated and
     * {@link #ADDED} probes: an earlier outbound entry later than a waiting one (which ones still wait?), an
     * earlier order later than an open quote, an earlier sent quote with no earlier open one (was it
     * ordered since?). The trend moves only with a scored entry: its score takes its place among the
     * profile's ten latest ({@code recent_scores_after}), which are read again only when they are
     * not known or one of them is at the same time.
     */
    private static final String UNPROBED = DELTAS + """
                first_interaction_at = least(first_interaction_at, :at),
                last_interaction_at  = greatest(last_interaction_at, :at),
                (recent_scores, recent_scored_at, sentiment_trend) = (
                    SELECT r.scores, r.times, CASE WHEN :scored = 0 THEN p.sentiment_trend ELSE trend_of_scores(r.scores) END
                    FROM recent_scores_after(:id, p.recent_scores, p.recent_scored_at,
                        CASE WHEN :scored = 0 THEN NULL ELSE CAST(:sentiment AS numeric(4,3)) END, :at) r),
                last_sentiment       = CASE WHEN coalesce(last_interaction_at < :at, true) THEN :label
                                            ELSE last_sentiment END,
                last_outbound_at     = CASE WHEN :direction = 'outbound' THEN greatest(last_outbound_at, :at)
                                            ELSE last_outbound_at END,
                oldest_unanswered_email_at = CASE
                    WHEN :direction = 'outbound' AND coalesce(last_interaction_at < :at, true) THEN NULL
                    WHEN :source = 'email' AND :direction = 'inbound' AND coalesce(:at > last_outbound_at, true)
                        THEN least(oldest_unanswered_email_at, :at)
                    ELSE oldest_unanswered_email_at END,
                oldest_unanswered_social_at = CASE
                    WHEN :direction = 'outbound' AND coalesce(last_interaction_at < :at, true) THEN NULL
                    WHEN :source = 'social' AND :direction = 'inbound' AND coalesce(:status, '') = 'requires_response'
                         AND coalesce(:at > last_outbound_at, true)
                        THEN least(oldest_unanswered_social_at, :at)
                    ELSE oldest_unanswered_social_at END,
                oldest_open_quote_at = CASE
                    WHEN coalesce(last_interaction_at > :at, false) THEN oldest_open_quote_at
                    WHEN :source = 'order' THEN NULL
                    WHEN :source = 'chat' AND coalesce(:status, '') = 'quote_sent' THEN coalesce(oldest_open_quote_at, :at)
                    ELSE oldest_open_quote_at END
            WHERE p.id = :id AND (coalesce(p.last_interaction_at < :at, true)
                OR p.last_interaction_at > :at
                   AND (:direction = 'inbound' OR (coalesce(oldest_unanswered_email_at > :at, true)
                                                   AND coalesce(oldest_unanswered_social_at > :at, true)))
                   AND (:source <> 'order' OR coalesce(oldest_open_quote_at > :at, true))
                   AND (:source <> 'chat' OR coalesce(:status, '') <> 'quote_sent' OR oldest_open_quote_at <= :at))
            """;

    /**
     * {@link #UNPROBED}, else (it updated no row: the profile could not tell) the probes: one
     * statement, whose probing half PostgreSQL skips unseen when the first half updated the row.
     */
    private static final Pipeline.Sql ADDED = Pipeline.Sql.of("WITH unprobed AS (" + UNPROBED + "    RETURNING p.id)\n"
            + DELTAS + PROBES.replace("WHERE p.id = :id", "WHERE p.id = :id AND NOT EXISTS (SELECT FROM unprobed)"));

    /** A timeline entry the customer did not have before, as the attention facts read it. */
    public record NewEntry(OffsetDateTime at, String source, String direction, String status, String sentiment) {
    }

    private final JdbcClient jdbc;

    ProfileStats(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * An entry changed (or moved here): its old contribution out, its new one in, the dates and
     * facts probed. For {@link Pipeline}, after the entry's own write.
     */
    public Pipeline.Statement changed(UUID customer, Contribution before, Contribution after) {
        return new Pipeline.Statement(PROBED, deltas(customer, before, after));
    }

    /**
     * A new entry, for {@link Pipeline} after the entry's own write: without a probe when it is the
     * customer's newest, or an earlier one whose facts the profile tells (the customer's row is
     * locked by the caller, so neither can change before the update); probed where the profile
     * cannot tell. Its result need not be read: one statement does whichever applies.
     */
    public Pipeline.Statement added(UUID customer, Contribution contribution, NewEntry entry) {
        return new Pipeline.Statement(ADDED, deltas(customer, Contribution.NONE, contribution)
                .addValue("at", entry.at()).addValue("source", entry.source()).addValue("direction", entry.direction())
                .addValue("status", entry.status()).addValue("label", entry.sentiment()));
    }

    private static MapSqlParameterSource deltas(UUID customer, Contribution before, Contribution after) {
        return new MapSqlParameterSource().addValue("id", customer)
                .addValue("orders", after.of("order") - before.of("order"))
                .addValue("paid", after.paidOrders() - before.paidOrders())
                .addValue("value", after.value().subtract(before.value()))
                .addValue("interactions", after.interactions() - before.interactions())
                .addValue("calls", after.of("call") - before.of("call"))
                .addValue("emails", after.of("email") - before.of("email"))
                .addValue("chats", after.of("chat") - before.of("chat"))
                .addValue("socials", after.of("social") - before.of("social"))
                .addValue("sentiment", after.sentiment().subtract(before.sentiment()))
                .addValue("scored", after.scored() - before.scored());
    }

    /** The from-scratch recompute (the seed's function); returns the live profile id. */
    public UUID recompute(UUID customer) {
        return jdbc.sql("SELECT update_customer_profile_stats(:id)").param("id", customer.toString())
                .query(UUID.class).single();
    }
}
