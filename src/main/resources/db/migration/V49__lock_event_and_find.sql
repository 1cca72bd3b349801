-- The start of every event in one round trip: take the event's and its identifiers' advisory
-- locks in the order given (IdentityResolver.lockKeys: the one global order), then read the
-- event's timeline entry if it has one. A PL/pgSQL function because in READ COMMITTED each of its
-- statements takes a fresh snapshot: the read after a wait for a lock sees what the lock's holder
-- committed (the same event delivered twice at once), which one plain statement, whose snapshot
-- is taken before the wait, would not.
CREATE FUNCTION lock_event_and_find(p_keys text[], p_source text, p_key text, p_payload jsonb)
RETURNS TABLE (id uuid, customer_id uuid, same boolean, counts_as_value boolean, amount numeric, sentiment_score numeric)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
BEGIN
    PERFORM count(pg_advisory_xact_lock(hashtextextended(k, 0)))
    FROM (SELECT k FROM unnest(p_keys) WITH ORDINALITY AS t(k, n) ORDER BY n) ordered;
    RETURN QUERY
        SELECT i.id, i.customer_id, i.payload = p_payload, i.counts_as_value, i.amount, i.sentiment_score
        FROM customer_interactions i WHERE i.source = p_source AND i.source_key = p_key;
END $$;
