package io.customertimeline.customers;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps a profile's statistics equal to {@code update_customer_profile_stats}'s from-scratch
 * result: sums and counts move by deltas; first/last interaction, trend and the attention facts
 * ({@code attention_facts_of}) come from min/max probes of the customer's partial indexes (a
 * bounded number of rows, whatever the history).
 */
@Component
public class ProfileStats {

    private final JdbcClient jdbc;

    ProfileStats(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void apply(UUID customer, Contribution before, Contribution after) {
        jdbc.sql("""
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
                    first_interaction_at = (SELECT occurred_at FROM customer_interactions WHERE customer_id = :id
                                            ORDER BY occurred_at, id LIMIT 1),
                    last_interaction_at  = (SELECT occurred_at FROM customer_interactions WHERE customer_id = :id
                                            ORDER BY occurred_at DESC, id DESC LIMIT 1),
                    sentiment_sum       = sentiment_sum + :sentiment,
                    sentiment_count     = sentiment_count + :scored,
                    sentiment_score     = CASE WHEN sentiment_count + :scored > 0
                                               THEN round((sentiment_sum + :sentiment) / (sentiment_count + :scored), 3) END,
                    sentiment_trend     = sentiment_trend_of(:id),
                    last_sentiment              = a.last_sentiment,
                    last_outbound_at            = a.last_outbound_at,
                    oldest_unanswered_email_at  = a.oldest_unanswered_email_at,
                    oldest_unanswered_social_at = a.oldest_unanswered_social_at,
                    oldest_open_quote_at        = a.oldest_open_quote_at,
                    updated_at          = now()
                FROM attention_facts_of(:id) a
                WHERE p.id = :id
                """)
                .param("id", customer)
                .param("orders", after.of("order") - before.of("order"))
                .param("paid", after.paidOrders() - before.paidOrders())
                .param("value", after.value().subtract(before.value()))
                .param("interactions", after.interactions() - before.interactions())
                .param("calls", after.of("call") - before.of("call"))
                .param("emails", after.of("email") - before.of("email"))
                .param("chats", after.of("chat") - before.of("chat"))
                .param("socials", after.of("social") - before.of("social"))
                .param("sentiment", after.sentiment().subtract(before.sentiment()))
                .param("scored", after.scored() - before.scored())
                .update();
    }

    /** The from-scratch recompute (the seed's function); returns the live profile id. */
    public UUID recompute(UUID customer) {
        return jdbc.sql("SELECT update_customer_profile_stats(:id)").param("id", customer.toString())
                .query(UUID.class).single();
    }
}
