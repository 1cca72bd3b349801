-- "Needs attention" facts kept on the profile like the other statistics, so the list is an
-- index read instead of a scan of the last 90 days of every customer's interactions.

ALTER TABLE customer_profiles
    ADD COLUMN last_sentiment              text,
    ADD COLUMN last_outbound_at            timestamptz,
    ADD COLUMN oldest_unanswered_email_at  timestamptz,
    ADD COLUMN oldest_unanswered_social_at timestamptz,
    ADD COLUMN oldest_open_quote_at        timestamptz;

-- Bounded probes for the facts (each a min or max through one of these).
CREATE INDEX customer_interactions_inbound_email ON customer_interactions (customer_id, occurred_at)
    WHERE source = 'email' AND direction = 'inbound';
CREATE INDEX customer_interactions_social_waiting ON customer_interactions (customer_id, occurred_at)
    WHERE source = 'social' AND status = 'requires_response';
CREATE INDEX customer_interactions_quote_sent ON customer_interactions (customer_id, occurred_at)
    WHERE source = 'chat' AND status = 'quote_sent';
CREATE INDEX customer_interactions_orders ON customer_interactions (customer_id, occurred_at)
    WHERE source = 'order';

-- The attention list reads these.
CREATE INDEX customer_profiles_email_waiting ON customer_profiles (oldest_unanswered_email_at)
    WHERE merged_into IS NULL AND oldest_unanswered_email_at IS NOT NULL;
CREATE INDEX customer_profiles_social_waiting ON customer_profiles (oldest_unanswered_social_at)
    WHERE merged_into IS NULL AND oldest_unanswered_social_at IS NOT NULL;
CREATE INDEX customer_profiles_quote_open ON customer_profiles (oldest_open_quote_at)
    WHERE merged_into IS NULL AND oldest_open_quote_at IS NOT NULL;
CREATE INDEX customer_profiles_negative ON customer_profiles (last_interaction_at)
    WHERE merged_into IS NULL AND last_sentiment = 'negative';
CREATE INDEX customer_profiles_declining ON customer_profiles (last_interaction_at)
    WHERE merged_into IS NULL AND sentiment_trend = 'declining';

-- The facts of one profile, from its interactions (used by the recompute and the incremental path).
CREATE FUNCTION attention_facts_of(p_customer uuid,
        OUT last_sentiment text, OUT last_outbound_at timestamptz, OUT oldest_unanswered_email_at timestamptz,
        OUT oldest_unanswered_social_at timestamptz, OUT oldest_open_quote_at timestamptz)
LANGUAGE sql STABLE AS $$
    WITH f AS (
        SELECT (SELECT sentiment FROM customer_interactions WHERE customer_id = p_customer
                ORDER BY occurred_at DESC, id DESC LIMIT 1) AS last_sentiment,
               (SELECT max(occurred_at) FROM customer_interactions WHERE customer_id = p_customer
                AND direction = 'outbound') AS last_outbound_at,
               (SELECT max(occurred_at) FROM customer_interactions WHERE customer_id = p_customer
                AND source = 'order') AS last_order_at
    )
    SELECT f.last_sentiment, f.last_outbound_at,
           (SELECT min(occurred_at) FROM customer_interactions WHERE customer_id = p_customer
            AND source = 'email' AND direction = 'inbound' AND occurred_at > coalesce(f.last_outbound_at, '-infinity')),
           (SELECT min(occurred_at) FROM customer_interactions WHERE customer_id = p_customer
            AND source = 'social' AND status = 'requires_response' AND occurred_at > coalesce(f.last_outbound_at, '-infinity')),
           (SELECT min(occurred_at) FROM customer_interactions WHERE customer_id = p_customer
            AND source = 'chat' AND status = 'quote_sent' AND occurred_at > coalesce(f.last_order_at, '-infinity'))
    FROM f
$$;

CREATE OR REPLACE FUNCTION update_customer_profile_stats(p_customer_id text) RETURNS uuid
LANGUAGE plpgsql AS $$
DECLARE
    v_id uuid := resolve_customer(p_customer_id);
BEGIN
    IF v_id IS NULL THEN
        RAISE EXCEPTION 'unknown customer: %', p_customer_id USING ERRCODE = 'no_data_found';
    END IF;
    UPDATE customer_profiles p SET
        total_orders        = s.total_orders,
        paid_orders         = s.paid_orders,
        total_spend         = s.total_spend,
        lifetime_value      = s.total_spend,
        average_order_value = CASE WHEN s.paid_orders > 0 THEN round(s.total_spend / s.paid_orders, 2) ELSE 0 END,
        total_interactions  = s.total_interactions,
        call_count          = s.call_count,
        email_count         = s.email_count,
        chat_count          = s.chat_count,
        social_count        = s.social_count,
        first_interaction_at = s.first_at,
        last_interaction_at  = s.last_at,
        sentiment_sum       = s.sentiment_sum,
        sentiment_count     = s.sentiment_count,
        sentiment_score     = CASE WHEN s.sentiment_count > 0 THEN round(s.sentiment_sum / s.sentiment_count, 3) END,
        sentiment_trend     = sentiment_trend_of(v_id),
        last_sentiment              = a.last_sentiment,
        last_outbound_at            = a.last_outbound_at,
        oldest_unanswered_email_at  = a.oldest_unanswered_email_at,
        oldest_unanswered_social_at = a.oldest_unanswered_social_at,
        oldest_open_quote_at        = a.oldest_open_quote_at,
        updated_at          = now()
    FROM (
        SELECT count(*) FILTER (WHERE source = 'order')                         AS total_orders,
               count(*) FILTER (WHERE source = 'order' AND counts_as_value)     AS paid_orders,
               coalesce(sum(amount) FILTER (WHERE source = 'order' AND counts_as_value), 0) AS total_spend,
               count(*)                                                         AS total_interactions,
               count(*) FILTER (WHERE source = 'call')                          AS call_count,
               count(*) FILTER (WHERE source = 'email')                         AS email_count,
               count(*) FILTER (WHERE source = 'chat')                          AS chat_count,
               count(*) FILTER (WHERE source = 'social')                        AS social_count,
               min(occurred_at)                                                 AS first_at,
               max(occurred_at)                                                 AS last_at,
               coalesce(sum(sentiment_score), 0)                                AS sentiment_sum,
               count(sentiment_score)                                           AS sentiment_count
        FROM customer_interactions WHERE customer_id = v_id
    ) s, attention_facts_of(v_id) a
    WHERE p.id = v_id;
    RETURN v_id;
END $$;

-- Profiles that already exist get their facts once.
UPDATE customer_profiles p SET
    last_sentiment = a.last_sentiment, last_outbound_at = a.last_outbound_at,
    oldest_unanswered_email_at = a.oldest_unanswered_email_at,
    oldest_unanswered_social_at = a.oldest_unanswered_social_at,
    oldest_open_quote_at = a.oldest_open_quote_at
FROM customer_profiles q CROSS JOIN LATERAL attention_facts_of(q.id) a
WHERE p.id = q.id AND q.merged_into IS NULL;
