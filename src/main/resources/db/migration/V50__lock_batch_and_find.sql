-- The start of an event, or of a batch of events committed together (GroupCommit), in one round
-- trip: take every advisory lock in the order given (the one global order), then read the timeline
-- entries the events already have. It replaces lock_event_and_find (V49), one event's, which each
-- event of a batch called on its own. A PL/pgSQL function because in READ COMMITTED each of its
-- statements takes a fresh snapshot: the read after a wait for a lock sees what the lock's holder
-- committed (the same event delivered twice at once), which one plain statement, whose snapshot is
-- taken before the wait, would not. n is the event's position in the arrays, from 1.
CREATE FUNCTION lock_batch_and_find(p_keys text[], p_sources text[], p_source_keys text[], p_payloads jsonb[])
RETURNS TABLE (n bigint, id uuid, customer_id uuid, same boolean, counts_as_value boolean, amount numeric, sentiment_score numeric)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
BEGIN
    PERFORM count(pg_advisory_xact_lock(hashtextextended(k, 0)))
    FROM (SELECT k FROM unnest(p_keys) WITH ORDINALITY AS t(k, n) ORDER BY n) ordered;
    RETURN QUERY
        SELECT q.n, i.id, i.customer_id, i.payload = q.payload, i.counts_as_value, i.amount, i.sentiment_score
        FROM unnest(p_sources, p_source_keys, p_payloads) WITH ORDINALITY AS q(source, source_key, payload, n)
        JOIN customer_interactions i ON i.source = q.source AND i.source_key = q.source_key;
END $$;

DROP FUNCTION lock_event_and_find(text[], text, text, jsonb);
