-- The seed's design (shared/seed/000_1b000325688fa1ec.txt), rebuilt as faithfully as its README
-- describes it, in its own schema so that both designs share one PostgreSQL and one data set:
--   * one table per channel, customers identified by their email address (no identity table);
--   * quote chat sessions in customer_interactions by reference;
--   * customer_timeline_unified: a view that UNIONs the channel tables;
--   * update_customer_profile_stats(p_customer_id TEXT): recomputes a profile by rescanning all of
--     the customer's rows, called after every synced event (as the seed's sync route does).
-- It is given what a careful Supabase user would add: a (customer_email, date) index on every
-- channel table, so the view's per-customer reads are index scans merged in date order.
DROP SCHEMA IF EXISTS seed_baseline CASCADE;
CREATE SCHEMA seed_baseline;
SET search_path = seed_baseline, public;

CREATE TABLE call_transcripts (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    call_id          text NOT NULL UNIQUE,
    customer_email   text,
    customer_phone   text,
    customer_name    text,
    direction        text,
    started_at       timestamptz NOT NULL,
    duration_seconds integer,
    status           text,
    summary          text,
    transcript       text,
    sentiment        text,
    sentiment_score  numeric(4,3),
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX call_transcripts_email ON call_transcripts (customer_email, started_at DESC);

CREATE TABLE email_logs (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email_id        text NOT NULL UNIQUE,
    customer_email  text,
    from_email      text,
    from_name       text,
    to_email        text,
    direction       text,
    subject         text,
    body            text,
    category        text,
    status          text,
    sentiment       text,
    sentiment_score numeric(4,3),
    created_at      timestamptz NOT NULL
);
CREATE INDEX email_logs_email ON email_logs (customer_email, created_at DESC);

CREATE TABLE social_interactions (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    post_key          text NOT NULL UNIQUE,
    platform          text NOT NULL,
    interaction_type  text,
    customer_name     text,
    customer_email    text,
    customer_handle   text,
    content           text,
    sentiment         text,
    sentiment_score   numeric(4,3),
    post_url          text,
    requires_response boolean NOT NULL DEFAULT false,
    interaction_date  timestamptz NOT NULL
);
CREATE INDEX social_interactions_email ON social_interactions (customer_email, interaction_date DESC);

CREATE TABLE opencart_orders_cache (
    order_id         bigint PRIMARY KEY,
    customer_id      bigint,
    customer_name    text,
    customer_email   text,
    customer_phone   text,
    order_status     text NOT NULL,
    order_total      numeric(14,2) NOT NULL,
    currency         char(3) NOT NULL,
    payment_method   text,
    shipping_method  text,
    items            jsonb NOT NULL DEFAULT '[]',
    order_date       timestamptz NOT NULL,
    synced_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX opencart_orders_cache_email ON opencart_orders_cache (customer_email, order_date DESC);

CREATE TABLE customer_interactions (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    customer_email   text,
    interaction_type text NOT NULL,
    reference_id     text NOT NULL,
    status           text,
    total_amount     numeric(14,2),
    summary          text,
    sentiment        text,
    sentiment_score  numeric(4,3),
    interaction_date timestamptz NOT NULL,
    UNIQUE (interaction_type, reference_id)
);
CREATE INDEX customer_interactions_email ON customer_interactions (customer_email, interaction_date DESC);

CREATE TABLE customer_profiles (
    customer_id            text PRIMARY KEY,
    customer_email         text,
    customer_name          text,
    customer_phone         text,
    company                text,
    total_orders           integer NOT NULL DEFAULT 0,
    total_spend            numeric(14,2) NOT NULL DEFAULT 0,
    average_order_value    numeric(14,2) NOT NULL DEFAULT 0,
    lifetime_value         numeric(14,2) NOT NULL DEFAULT 0,
    total_interactions     integer NOT NULL DEFAULT 0,
    sentiment_score        numeric(4,3),
    sentiment_trend        text NOT NULL DEFAULT 'stable',
    status                 text NOT NULL DEFAULT 'Active',
    first_interaction_date timestamptz,
    last_interaction_date  timestamptz,
    updated_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customer_profiles_ltv ON customer_profiles (lifetime_value DESC);
CREATE INDEX customer_profiles_recent ON customer_profiles (last_interaction_date DESC NULLS LAST);

CREATE VIEW customer_timeline_unified AS
SELECT id::text AS id, customer_email, 'call' AS interaction_type, started_at AS interaction_date,
       'Call (' || coalesce(direction, 'inbound') || ')' AS title, summary, sentiment, sentiment_score,
       NULL::numeric AS amount, call_id AS reference_id
FROM call_transcripts
UNION ALL
SELECT id::text, customer_email, 'email', created_at, subject, left(body, 280), sentiment, sentiment_score,
       NULL::numeric, email_id
FROM email_logs
UNION ALL
SELECT id::text, customer_email, 'social', interaction_date, initcap(platform) || ' ' || coalesce(interaction_type, 'post'),
       left(content, 280), sentiment, sentiment_score, NULL::numeric, post_key
FROM social_interactions
UNION ALL
SELECT order_id::text, customer_email, 'order', order_date, 'Order #' || order_id || ' · ' || order_status,
       currency || ' ' || order_total, NULL, NULL::numeric, order_total, order_id::text
FROM opencart_orders_cache
UNION ALL
SELECT id::text, customer_email, interaction_type, interaction_date, 'Quote chat · ' || coalesce(status, 'active'),
       summary, sentiment, sentiment_score, total_amount, reference_id
FROM customer_interactions;

-- Rescans every row of the customer on each call: orders for value, the unified view for counts,
-- dates and sentiment, the last 30 days against the 30 before for the trend.
CREATE FUNCTION seed_baseline.update_customer_profile_stats(p_customer_id text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    v_orders int; v_paid int; v_spend numeric;
    v_count int; v_first timestamptz; v_last timestamptz; v_sentiment numeric;
    v_recent numeric; v_before numeric; v_trend text;
BEGIN
    SELECT count(*),
           count(*) FILTER (WHERE order_status IN ('Complete', 'Completed', 'Processing', 'Processed', 'Shipped',
                                                    'Delivered', 'Paid', 'Fulfilled', 'Canceled Reversal')),
           coalesce(sum(order_total) FILTER (WHERE order_status IN ('Complete', 'Completed', 'Processing', 'Processed',
                                                    'Shipped', 'Delivered', 'Paid', 'Fulfilled', 'Canceled Reversal')), 0)
      INTO v_orders, v_paid, v_spend
      FROM seed_baseline.opencart_orders_cache WHERE customer_email = p_customer_id;
    SELECT count(*), min(interaction_date), max(interaction_date), avg(sentiment_score)
      INTO v_count, v_first, v_last, v_sentiment
      FROM seed_baseline.customer_timeline_unified WHERE customer_email = p_customer_id;
    SELECT avg(sentiment_score) INTO v_recent FROM seed_baseline.customer_timeline_unified
     WHERE customer_email = p_customer_id AND interaction_date >= now() - interval '30 days';
    SELECT avg(sentiment_score) INTO v_before FROM seed_baseline.customer_timeline_unified
     WHERE customer_email = p_customer_id AND interaction_date >= now() - interval '60 days'
       AND interaction_date < now() - interval '30 days';
    v_trend := CASE WHEN v_recent - v_before >= 0.15 THEN 'improving'
                    WHEN v_recent - v_before <= -0.15 THEN 'declining' ELSE 'stable' END;
    INSERT INTO seed_baseline.customer_profiles AS p (customer_id, customer_email, total_orders, total_spend, average_order_value,
        lifetime_value, total_interactions, sentiment_score, sentiment_trend, first_interaction_date,
        last_interaction_date, updated_at)
    VALUES (p_customer_id, p_customer_id, v_orders, v_spend, CASE WHEN v_paid > 0 THEN round(v_spend / v_paid, 2) ELSE 0 END,
        v_spend, v_count, round(v_sentiment, 3), v_trend, v_first, v_last, now())
    ON CONFLICT (customer_id) DO UPDATE SET
        total_orders = excluded.total_orders, total_spend = excluded.total_spend,
        average_order_value = excluded.average_order_value, lifetime_value = excluded.lifetime_value,
        total_interactions = excluded.total_interactions, sentiment_score = excluded.sentiment_score,
        sentiment_trend = excluded.sentiment_trend, first_interaction_date = excluded.first_interaction_date,
        last_interaction_date = excluded.last_interaction_date, updated_at = now();
END $$;
