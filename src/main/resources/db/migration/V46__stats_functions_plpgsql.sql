-- attention_facts_of and sentiment_trend_of were SQL functions that PostgreSQL cannot inline
-- (a CTE, OUT parameters), so every call parsed and planned their bodies anew: with every event
-- calling both, planning was a third of the database's CPU under ingest (perf, BENCHMARKS.md).
-- The same queries in PL/pgSQL are planned once per connection and kept.
CREATE OR REPLACE FUNCTION attention_facts_of(p_customer uuid,
        OUT last_sentiment text, OUT last_outbound_at timestamptz, OUT oldest_unanswered_email_at timestamptz,
        OUT oldest_unanswered_social_at timestamptz, OUT oldest_open_quote_at timestamptz)
LANGUAGE plpgsql STABLE AS $$
DECLARE
    v_last_order timestamptz;
BEGIN
    SELECT i.sentiment INTO last_sentiment FROM customer_interactions i WHERE i.customer_id = p_customer
    ORDER BY i.occurred_at DESC, i.id DESC LIMIT 1;
    SELECT max(i.occurred_at) INTO last_outbound_at FROM customer_interactions i
    WHERE i.customer_id = p_customer AND i.direction = 'outbound';
    SELECT max(i.occurred_at) INTO v_last_order FROM customer_interactions i
    WHERE i.customer_id = p_customer AND i.source = 'order';
    SELECT min(i.occurred_at) INTO oldest_unanswered_email_at FROM customer_interactions i
    WHERE i.customer_id = p_customer AND i.source = 'email' AND i.direction = 'inbound'
      AND i.occurred_at > coalesce(last_outbound_at, '-infinity');
    SELECT min(i.occurred_at) INTO oldest_unanswered_social_at FROM customer_interactions i
    WHERE i.customer_id = p_customer AND i.source = 'social' AND i.status = 'requires_response'
      AND i.occurred_at > coalesce(last_outbound_at, '-infinity');
    SELECT min(i.occurred_at) INTO oldest_open_quote_at FROM customer_interactions i
    WHERE i.customer_id = p_customer AND i.source = 'chat' AND i.status = 'quote_sent'
      AND i.occurred_at > coalesce(v_last_order, '-infinity');
END $$;

-- Trend: mean score of the 5 latest scored interactions against the 5 before them;
-- a rise of 0.15 or more is improving, a fall of 0.15 or more declining. Until there are
-- 6 scored interactions the trend is stable. Reads at most 10 rows through an index.
CREATE OR REPLACE FUNCTION sentiment_trend_of(p_customer uuid) RETURNS text
LANGUAGE plpgsql STABLE AS $$
DECLARE
    v_recent  numeric;
    v_earlier numeric;
    v_scored  bigint;
BEGIN
    SELECT avg(t.sentiment_score) FILTER (WHERE t.n <= 5), avg(t.sentiment_score) FILTER (WHERE t.n > 5), count(*)
    INTO v_recent, v_earlier, v_scored
    FROM (SELECT l.sentiment_score, row_number() OVER (ORDER BY l.occurred_at DESC, l.id DESC) AS n
          FROM (SELECT i.sentiment_score, i.occurred_at, i.id FROM customer_interactions i
                WHERE i.customer_id = p_customer AND i.sentiment_score IS NOT NULL
                ORDER BY i.occurred_at DESC, i.id DESC LIMIT 10) l) t;
    RETURN CASE
               WHEN v_scored < 6 THEN 'stable'
               WHEN v_recent - v_earlier >= 0.15 THEN 'improving'
               WHEN v_recent - v_earlier <= -0.15 THEN 'declining'
               ELSE 'stable'
           END;
END $$;
