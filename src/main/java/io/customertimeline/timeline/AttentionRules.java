package io.customertimeline.timeline;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The reasons a customer appears in "Needs attention"; thresholds come from TIMELINE_ATTENTION_*.
 * Each reads facts the statistics keep on the profile (latest sentiment, oldest inbound email or
 * social post since our last outbound contact, oldest sent quote since the last order), so the
 * list is a handful of index range scans whatever the history. Only customers in touch within
 * the look-back window ({@code :since}) are listed; what they wait for may have begun before it
 * (an old email never answered does not hide the ones they sent since).
 */
@Configuration(proxyBeanMethods = false)
class AttentionRules {

    @Bean
    AttentionRule latestNegative() {
        return new AttentionRule("negative_latest", """
                SELECT p.id, 'negative_latest', 'Latest interaction was negative', p.last_interaction_at
                FROM customer_profiles p
                WHERE p.merged_into IS NULL AND p.last_sentiment = 'negative' AND p.last_interaction_at >= :since
                """);
    }

    @Bean
    AttentionRule socialUnanswered() {
        return new AttentionRule("social_unanswered", """
                SELECT p.id, 'social_unanswered', 'Social post needs a response', p.oldest_unanswered_social_at
                FROM customer_profiles p
                WHERE p.merged_into IS NULL AND p.oldest_unanswered_social_at <= :socialCutoff AND p.last_interaction_at >= :since
                """);
    }

    @Bean
    AttentionRule emailUnanswered() {
        return new AttentionRule("email_unanswered", """
                SELECT p.id, 'email_unanswered', 'Email waiting for a reply', p.oldest_unanswered_email_at
                FROM customer_profiles p
                WHERE p.merged_into IS NULL AND p.oldest_unanswered_email_at <= :emailCutoff AND p.last_interaction_at >= :since
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
                SELECT p.id, 'quote_without_order', 'Quote sent with no order since', p.oldest_open_quote_at
                FROM customer_profiles p
                WHERE p.merged_into IS NULL AND p.oldest_open_quote_at <= :quoteCutoff AND p.last_interaction_at >= :since
                """);
    }
}
