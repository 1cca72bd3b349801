-- The sentiment trend compares the mean of a customer's 5 latest scores with the 5 before them.
-- sentiment_trend_of read those 10 scores through an index on every scored event (a tenth of the
-- database's time per event under ingest). The profile now keeps them, newest first, with the
-- times of their entries, and a new scored entry moves them from the profile alone: it goes in
-- its place among them (in front, for most live events), and the eleventh drops out; an entry
-- older than all ten leaves them. Only an entry at the same time as one of them (the entry id
-- orders those), or a profile whose scores are not known, reads them again (ProfileStats).
-- NULL: not known. The default is set after the columns are added, so that it applies to new
-- profiles only; existing ones are filled in below.
ALTER TABLE customer_profiles ADD COLUMN recent_scores numeric(4,3)[], ADD COLUMN recent_scored_at timestamptz[];
ALTER TABLE customer_profiles ALTER COLUMN recent_scores SET DEFAULT '{}', ALTER COLUMN recent_scored_at SET DEFAULT '{}';

-- The 10 latest scores of the customer's entries and their times, newest first (on equal times
-- the greater id first, as the timeline orders them).
CREATE FUNCTION recent_scores_of(p_customer uuid, OUT scores numeric[], OUT times timestamptz[])
LANGUAGE plpgsql STABLE AS $$
BEGIN
    SELECT coalesce(array_agg(l.sentiment_score ORDER BY l.occurred_at DESC, l.id DESC), '{}'),
           coalesce(array_agg(l.occurred_at ORDER BY l.occurred_at DESC, l.id DESC), '{}')
    INTO scores, times
    FROM (SELECT i.sentiment_score, i.occurred_at, i.id FROM customer_interactions i
          WHERE i.customer_id = p_customer AND i.sentiment_score IS NOT NULL
          ORDER BY i.occurred_at DESC, i.id DESC LIMIT 10) l;
END $$;

-- The profile's 10 latest scores and times after the customer's new entry (p_score NULL: not
-- scored, they stay), from the profile where it tells, else read again.
CREATE FUNCTION recent_scores_after(p_customer uuid, p_scores numeric[], p_times timestamptz[], p_score numeric,
        p_at timestamptz, OUT scores numeric[], OUT times timestamptz[])
LANGUAGE plpgsql STABLE AS $$
DECLARE
    v_n   int := cardinality(p_times);
    v_pos int := 1;
BEGIN
    IF p_score IS NULL THEN
        scores := p_scores;
        times := p_times;
        RETURN;
    END IF;
    IF p_scores IS NULL OR p_times IS NULL OR cardinality(p_scores) <> v_n OR p_at = ANY (p_times) THEN
        SELECT r.scores, r.times INTO scores, times FROM recent_scores_of(p_customer) r;
        RETURN;
    END IF;
    WHILE v_pos <= v_n AND p_times[v_pos] > p_at LOOP
        v_pos := v_pos + 1;
    END LOOP;
    IF v_pos > 10 THEN
        scores := p_scores;
        times := p_times;
    ELSE
        scores := (p_scores[1:v_pos - 1] || p_score || p_scores[v_pos:v_n])[1:10];
        times := (p_times[1:v_pos - 1] || p_at || p_times[v_pos:v_n])[1:10];
    END IF;
END $$;

-- Trend from scores newest first: the mean of the first 5 against the mean of the next (up to) 5;
-- a rise of 0.15 or more is improving, a fall of 0.15 or more declining; stable below 6 scores.
-- PL/pgSQL without a query: nothing to plan per call (V46).
CREATE FUNCTION trend_of_scores(p_scores numeric[]) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    v_n       int := least(coalesce(cardinality(p_scores), 0), 10);
    v_recent  numeric := 0;
    v_earlier numeric := 0;
    v_rise    numeric;
BEGIN
    IF v_n < 6 THEN
        RETURN 'stable';
    END IF;
    FOR k IN 1..v_n LOOP
        IF k <= 5 THEN
            v_recent := v_recent + p_scores[k];
        ELSE
            v_earlier := v_earlier + p_scores[k];
        END IF;
    END LOOP;
    v_rise := v_recent / 5 - v_earlier / (v_n - 5);
    RETURN CASE WHEN v_rise >= 0.15 THEN 'improving' WHEN v_rise <= -0.15 THEN 'declining' ELSE 'stable' END;
END $$;

-- The trend's old probe (V46); nothing calls it any more: trend_of_scores(recent_scores_of(id)).
DROP FUNCTION sentiment_trend_of(uuid);

-- The from-scratch recompute (V1) sets the scores with the trend (it called sentiment_trend_of);
-- its body is otherwise unchanged.
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
        recent_scores       = r.scores,
        recent_scored_at    = r.times,
        sentiment_trend     = trend_of_scores(r.scores),
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
    ) s, attention_facts_of(v_id) a, recent_scores_of(v_id) r
    WHERE p.id = v_id;
    RETURN v_id;
END $$;

-- Existing profiles get theirs now (one index read each where there are scores), so the first
-- event after the upgrade is already the cheap kind.
UPDATE customer_profiles p SET (recent_scores, recent_scored_at) = (SELECT r.scores, r.times FROM recent_scores_of(p.id) r)
WHERE merged_into IS NULL AND sentiment_count > 0;
UPDATE customer_profiles SET recent_scores = '{}', recent_scored_at = '{}'
WHERE merged_into IS NULL AND sentiment_count = 0;
