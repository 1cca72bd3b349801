-- Live dashboard updates: the timeline entry's own write announces it (ids only, delivered on
-- commit, never for a rolled-back event), instead of a separate pg_notify statement from the
-- service in every event's transaction: one round trip fewer per event. A merge moves entries
-- (customer_id only) and announces nothing, as before; an event delivered again with a new
-- payload is announced as "updated".
CREATE FUNCTION timeline_live_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('timeline_live',
        NEW.customer_id || ' ' || NEW.id || ' ' || CASE TG_OP WHEN 'INSERT' THEN 'created' ELSE 'updated' END);
    RETURN NULL;
END $$;

CREATE TRIGGER timeline_live AFTER INSERT OR UPDATE OF payload ON customer_interactions
    FOR EACH ROW EXECUTE FUNCTION timeline_live_notify();
