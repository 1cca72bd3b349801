-- Customer Timeline core schema: one profile per person, every touchpoint once.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE app_settings (
    key   text PRIMARY KEY,
    value text NOT NULL
);
INSERT INTO app_settings (key, value) VALUES ('default_calling_code', '27');

CREATE TABLE customer_profiles (
    id                  uuid PRIMARY KEY,
    name                text,
    company             text,
    primary_email       text,
    primary_phone       text,
    status_override     text CHECK (status_override IN ('VIP', 'Blocked')),
    merged_into         uuid REFERENCES customer_profiles (id),
    total_orders        integer       NOT NULL DEFAULT 0,
    paid_orders         integer       NOT NULL DEFAULT 0,
    total_spend         numeric(14,2) NOT NULL DEFAULT 0,
    lifetime_value      numeric(14,2) NOT NULL DEFAULT 0,
    average_order_value numeric(14,2) NOT NULL DEFAULT 0,
    currency            char(3)       NOT NULL DEFAULT 'ZAR',
    total_interactions  integer       NOT NULL DEFAULT 0,
    call_count          integer       NOT NULL DEFAULT 0,
    email_count         integer       NOT NULL DEFAULT 0,
    chat_count          integer       NOT NULL DEFAULT 0,
    social_count        integer       NOT NULL DEFAULT 0,
    first_interaction_at timestamptz,
    last_interaction_at  timestamptz,
    sentiment_sum       numeric(14,3) NOT NULL DEFAULT 0,
    sentiment_count     integer       NOT NULL DEFAULT 0,
    sentiment_score     numeric(4,3),
    sentiment_trend     text NOT NULL DEFAULT 'stable' CHECK (sentiment_trend IN ('improving', 'stable', 'declining')),
    -- "needs attention" facts, kept like the statistics so the list is an index read
    last_sentiment              text,
    last_outbound_at            timestamptz,
    oldest_unanswered_email_at  timestamptz,
    oldest_unanswered_social_at timestamptz,
    oldest_open_quote_at        timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customer_profiles_ltv ON customer_profiles (lifetime_value DESC, id) WHERE merged_into IS NULL;
CREATE INDEX customer_profiles_recent ON customer_profiles (last_interaction_at DESC NULLS LAST, id) WHERE merged_into IS NULL;
CREATE INDEX customer_profiles_name_trgm ON customer_profiles USING gin (name gin_trgm_ops) WHERE merged_into IS NULL;
CREATE INDEX customer_profiles_company_trgm ON customer_profiles USING gin (company gin_trgm_ops) WHERE merged_into IS NULL;
CREATE INDEX customer_profiles_merged_into ON customer_profiles (merged_into) WHERE merged_into IS NOT NULL;

-- Every identifier a customer is known by: email (lower case), phone (E.164),
-- handle ("platform:handle", lower case, no @) and OpenCart customer id.
CREATE TABLE customer_identities (
    kind        text NOT NULL CHECK (kind IN ('email', 'phone', 'handle', 'opencart')),
    value       text NOT NULL,
    customer_id uuid NOT NULL REFERENCES customer_profiles (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, value)
);
CREATE INDEX customer_identities_customer ON customer_identities (customer_id);
CREATE INDEX customer_identities_value_trgm ON customer_identities USING gin (value gin_trgm_ops);

CREATE TABLE customer_merges (
    id            bigserial PRIMARY KEY,
    survivor_id   uuid NOT NULL REFERENCES customer_profiles (id),
    merged_id     uuid NOT NULL REFERENCES customer_profiles (id),
    linking_kind  text NOT NULL,
    linking_value text NOT NULL,
    event_source  text NOT NULL,
    event_key     text NOT NULL,
    merged_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customer_merges_survivor ON customer_merges (survivor_id);

-- The unified record of every touchpoint. Quote chat sessions live here by reference
-- (the chat system owns them); the other sources also keep a row in their own table.
CREATE TABLE customer_interactions (
    id               uuid PRIMARY KEY,
    customer_id      uuid NOT NULL REFERENCES customer_profiles (id),
    source           text NOT NULL CHECK (source IN ('call', 'email', 'chat', 'social', 'order')),
    source_key       text NOT NULL,
    direction        text NOT NULL DEFAULT 'inbound' CHECK (direction IN ('inbound', 'outbound')),
    occurred_at      timestamptz NOT NULL,
    title            text NOT NULL,
    summary          text,
    status           text,
    sentiment        text CHECK (sentiment IN ('positive', 'neutral', 'negative')),
    sentiment_score  numeric(4,3) CHECK (sentiment_score BETWEEN -1 AND 1),
    sentiment_given  boolean NOT NULL DEFAULT false,
    amount           numeric(14,2),
    currency         char(3),
    counts_as_value  boolean NOT NULL DEFAULT false,
    reference_table  text,
    reference_id     text NOT NULL,
    payload          jsonb NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (source, source_key)
);
CREATE INDEX customer_interactions_timeline ON customer_interactions (customer_id, occurred_at DESC, id DESC);
CREATE INDEX customer_interactions_recent ON customer_interactions (occurred_at DESC);
CREATE INDEX customer_interactions_outbound ON customer_interactions (customer_id, occurred_at DESC) WHERE direction = 'outbound';
CREATE INDEX customer_interactions_scored ON customer_interactions (customer_id, occurred_at DESC, id DESC)
    WHERE sentiment_score IS NOT NULL;

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

CREATE TABLE call_transcripts (
    id               uuid PRIMARY KEY,
    call_id          text NOT NULL UNIQUE,
    customer_id      uuid NOT NULL REFERENCES customer_profiles (id),
    vendor           text NOT NULL DEFAULT 'plain',
    direction        text NOT NULL DEFAULT 'inbound',
    customer_phone   text,
    from_number      text,
    to_number        text,
    customer_name    text,
    started_at       timestamptz NOT NULL,
    ended_at         timestamptz,
    duration_seconds integer,
    status           text NOT NULL DEFAULT 'completed',
    ended_reason     text,
    summary          text,
    transcript       text,
    turns            jsonb NOT NULL DEFAULT '[]',
    recording_url    text,
    successful       boolean,
    sentiment        text,
    sentiment_score  numeric(4,3),
    payload          jsonb NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX call_transcripts_customer ON call_transcripts (customer_id, started_at DESC);

CREATE TABLE email_logs (
    id              uuid PRIMARY KEY,
    email_id        text NOT NULL UNIQUE,
    customer_id     uuid NOT NULL REFERENCES customer_profiles (id),
    thread_id       text NOT NULL,
    direction       text NOT NULL DEFAULT 'inbound',
    from_email      text,
    from_name       text,
    to_email        text,
    subject         text,
    body            text,
    category        text,
    status          text,
    sentiment       text,
    sentiment_score numeric(4,3),
    in_reply_to     text,
    created_at      timestamptz NOT NULL,
    payload         jsonb NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX email_logs_customer ON email_logs (customer_id, created_at DESC);
CREATE INDEX email_logs_thread ON email_logs (thread_id);

CREATE TABLE social_interactions (
    id                uuid PRIMARY KEY,
    social_key        text NOT NULL UNIQUE,
    customer_id       uuid NOT NULL REFERENCES customer_profiles (id),
    platform          text NOT NULL,
    interaction_type  text,
    customer_name     text,
    customer_handle   text,
    customer_email    text,
    content           text,
    sentiment         text,
    sentiment_score   numeric(4,3),
    post_url          text,
    requires_response boolean NOT NULL DEFAULT false,
    interaction_date  timestamptz NOT NULL,
    metadata          jsonb NOT NULL DEFAULT '{}',
    payload           jsonb NOT NULL,
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX social_interactions_customer ON social_interactions (customer_id, interaction_date DESC);

CREATE TABLE opencart_orders_cache (
    id                   uuid PRIMARY KEY,
    order_id             bigint NOT NULL UNIQUE,
    customer_id          uuid NOT NULL REFERENCES customer_profiles (id),
    opencart_customer_id bigint,
    customer_name        text,
    customer_email       text,
    customer_phone       text,
    order_status         text NOT NULL,
    order_total          numeric(14,2) NOT NULL,
    currency             char(3) NOT NULL,
    payment_method       text,
    shipping_method      text,
    items                jsonb NOT NULL DEFAULT '[]',
    shipping_address     jsonb,
    order_date           timestamptz NOT NULL,
    payload              jsonb NOT NULL,
    synced_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX opencart_orders_cache_customer ON opencart_orders_cache (customer_id, order_date DESC);

-- The seed's unified view, now over the one record per touchpoint.
CREATE VIEW customer_timeline_unified AS
SELECT i.id,
       i.customer_id,
       p.primary_email AS customer_email,
       p.primary_phone AS customer_phone,
       p.name          AS customer_name,
       i.source,
       i.source AS interaction_type,
       i.direction,
       i.occurred_at AS interaction_date,
       i.title,
       i.summary,
       i.status,
       i.sentiment,
       i.sentiment_score,
       i.amount,
       i.currency,
       i.reference_table,
       i.reference_id,
       i.payload
FROM customer_interactions i
JOIN customer_profiles p ON p.id = i.customer_id;

-- Finds the live profile behind any identifier a person may type: profile id, email,
-- phone (E.164, +digits, or national with a leading 0), "platform:handle" or a bare handle.
CREATE FUNCTION resolve_customer(p_identifier text) RETURNS uuid
LANGUAGE plpgsql STABLE AS $$
DECLARE
    v_id     uuid;
    v_text   text := lower(btrim(p_identifier));
    v_digits text := regexp_replace(p_identifier, '\D', '', 'g');
BEGIN
    IF v_text ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN
        SELECT id INTO v_id FROM customer_profiles WHERE id = v_text::uuid;
    END IF;
    IF v_id IS NULL THEN
        SELECT customer_id INTO v_id FROM customer_identities
        WHERE (kind = 'email' AND value = v_text)
           OR (kind = 'handle' AND value = ltrim(v_text, '@'))
           OR (kind = 'phone' AND length(v_digits) >= 6 AND value IN (
                   '+' || v_digits,
                   '+' || (SELECT value FROM app_settings WHERE key = 'default_calling_code') || ltrim(v_digits, '0')))
        LIMIT 1;
    END IF;
    IF v_id IS NULL THEN
        SELECT customer_id INTO v_id FROM customer_identities
        WHERE kind = 'handle' AND split_part(value, ':', 2) = ltrim(v_text, '@')
        LIMIT 1;
    END IF;
    -- follow merges to the surviving profile
    WHILE v_id IS NOT NULL LOOP
        EXIT WHEN NOT EXISTS (SELECT 1 FROM customer_profiles WHERE id = v_id AND merged_into IS NOT NULL);
        SELECT merged_into INTO v_id FROM customer_profiles WHERE id = v_id;
    END LOOP;
    RETURN v_id;
END $$;

-- The from-scratch recompute of a profile's statistics. The service keeps the same figures
-- up to date incrementally; a property test holds the two equal.
CREATE FUNCTION update_customer_profile_stats(p_customer_id text) RETURNS uuid
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

-- Trend: mean score of the 5 latest scored interactions against the 5 before them;
-- a rise of 0.15 or more is improving, a fall of 0.15 or more declining. Until there are
-- 6 scored interactions the trend is stable. Reads at most 10 rows through an index.
CREATE FUNCTION sentiment_trend_of(p_customer uuid) RETURNS text
LANGUAGE sql STABLE AS $$
    WITH latest AS (
        SELECT sentiment_score, row_number() OVER (ORDER BY occurred_at DESC, id DESC) AS n
        FROM (SELECT sentiment_score, occurred_at, id FROM customer_interactions
              WHERE customer_id = p_customer AND sentiment_score IS NOT NULL
              ORDER BY occurred_at DESC, id DESC LIMIT 10) t
    ), halves AS (
        SELECT avg(sentiment_score) FILTER (WHERE n <= 5) AS recent,
               avg(sentiment_score) FILTER (WHERE n > 5)  AS earlier,
               count(*) AS scored
        FROM latest
    )
    SELECT CASE
               WHEN scored < 6 THEN 'stable'
               WHEN recent - earlier >= 0.15 THEN 'improving'
               WHEN recent - earlier <= -0.15 THEN 'declining'
               ELSE 'stable'
           END
    FROM halves
$$;
