package io.customertimeline.timeline;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The reasons a customer appears in "Needs attention"; thresholds come from TIMELINE_ATTENTION_*. */
@Configuration(proxyBeanMethods = false)
class AttentionRules {

    @Bean
    AttentionRule latestNegative() {
        return new AttentionRule("negative_latest", """
                SELECT p.id, 'negative_latest', 'Latest interaction was negative: ' || l.title, l.occurred_at
                FROM customer_profiles p
                CROSS JOIN LATERAL (SELECT title, occurred_at, sentiment FROM customer_interactions i
                                    WHERE i.customer_id = p.id ORDER BY occurred_at DESC, id DESC LIMIT 1) l
                WHERE p.merged_into IS NULL AND p.last_interaction_at >= :since AND l.sentiment = 'negative'
                """);
    }

    @Bean
    AttentionRule socialUnanswered() {
        return new AttentionRule("social_unanswered", """
                SELECT s.customer_id, 'social_unanswered',
                       initcap(s.platform) || ' ' || coalesce(s.interaction_type, 'post') || ' needs a response', s.interaction_date
                FROM social_interactions s
                WHERE s.requires_response AND s.interaction_date >= :since AND s.interaction_date <= :socialCutoff
                  AND NOT EXISTS (SELECT 1 FROM customer_interactions o WHERE o.customer_id = s.customer_id
                                  AND o.direction = 'outbound' AND o.occurred_at > s.interaction_date)
                """);
    }

    @Bean
    AttentionRule emailUnanswered() {
        return new AttentionRule("email_unanswered", """
                SELECT i.customer_id, 'email_unanswered', 'Email not answered: ' || i.title, i.occurred_at
                FROM customer_interactions i
                WHERE i.source = 'email' AND i.direction = 'inbound'
                  AND i.occurred_at >= :since AND i.occurred_at <= :emailCutoff
                  AND NOT EXISTS (SELECT 1 FROM customer_interactions o WHERE o.customer_id = i.customer_id
                                  AND o.direction = 'outbound' AND o.occurred_at > i.occurred_at)
                """);
    }

    @Bean
    AttentionRule sentimentDeclining() {
        return new AttentionRule("sentiment_declining", """
                SELECT p.id, 'sentiment_declining', 'Sentiment is declining (score ' || coalesce(p.sentiment_score::text, '?') || ')',
                       p.last_interaction_at
                FROM customer_profiles p
                WHERE p.merged_into IS NULL AND p.sentiment_trend = 'declining' AND p.last_interaction_at >= :since
                """);
    }

    @Bean
    AttentionRule quoteWithoutOrder() {
        return new AttentionRule("quote_without_order", """
                SELECT q.customer_id, 'quote_without_order', 'Quote sent with no order since: ' || q.source_key, q.occurred_at
                FROM customer_interactions q
                WHERE q.source = 'chat' AND q.status = 'quote_sent'
                  AND q.occurred_at >= :since AND q.occurred_at <= :quoteCutoff
                  AND NOT EXISTS (SELECT 1 FROM customer_interactions o WHERE o.customer_id = q.customer_id
                                  AND o.source = 'order' AND o.occurred_at > q.occurred_at)
                """);
    }
}
