-- Deliveries arrive out of order: a sender retries an order's "Complete" after its "Refunded"
-- went through, a webhook queued behind a connector's pull. When the record says when it last
-- changed (an order's date_modified, a quote session's last_activity_at), the entry keeps that
-- time, and a delivery that says it changed earlier changes nothing. NULL: the sender did not say
-- (the seed's payloads do not); such deliveries are taken in the order they arrive, as before.
ALTER TABLE customer_interactions ADD COLUMN changed_at timestamptz;

-- As V50, with the entry's changed_at beside what it returned.
DROP FUNCTION lock_batch_and_find(text[], text[], text[], jsonb[]);
CREATE FUNCTION lock_batch_and_find(p_keys text[], p_sources text[], p_source_keys text[], p_payloads jsonb[])
RETURNS TABLE (n bigint, id uuid, customer_id uuid, same boolean, counts_as_value boolean, amount numeric, sentiment_score numeric,
               changed_at timestamptz)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
BEGIN
    PERFORM count(pg_advisory_xact_lock(hashtextextended(k, 0)))
    FROM (SELECT k FROM unnest(p_keys) WITH ORDINALITY AS t(k, n) ORDER BY n) ordered;
    RETURN QUERY
        SELECT q.n, i.id, i.customer_id, i.payload = q.payload, i.counts_as_value, i.amount, i.sentiment_score, i.changed_at
        FROM unnest(p_sources, p_source_keys, p_payloads) WITH ORDINALITY AS q(source, source_key, payload, n)
        JOIN customer_interactions i ON i.source = q.source AND i.source_key = q.source_key;
END $$;
