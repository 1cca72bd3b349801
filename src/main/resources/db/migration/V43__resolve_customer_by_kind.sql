-- resolve_customer ran every lookup as one query OR-ing email, handle and phone (with a
-- sub-select of the calling code) and followed merges with two queries a hop: 13k calls/s on
-- the benchmark machine against 50k for a plain identity lookup, and every API read starts with
-- it (BENCHMARKS.md). Same answers, cheapest probe first: profile id, email, handle, phone,
-- bare handle, then one primary-key read per merge hop.
CREATE OR REPLACE FUNCTION resolve_customer(p_identifier text) RETURNS uuid
LANGUAGE plpgsql STABLE AS $$
DECLARE
    v_id     uuid;
    v_next   uuid;
    v_text   text := lower(btrim(p_identifier));
    v_digits text;
BEGIN
    IF length(v_text) = 36 AND v_text ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN
        SELECT id INTO v_id FROM customer_profiles WHERE id = v_text::uuid;
    END IF;
    IF v_id IS NULL AND position('@' IN v_text) > 1 THEN
        SELECT customer_id INTO v_id FROM customer_identities WHERE kind = 'email' AND value = v_text;
    END IF;
    IF v_id IS NULL THEN
        SELECT customer_id INTO v_id FROM customer_identities WHERE kind = 'handle' AND value = ltrim(v_text, '@');
    END IF;
    IF v_id IS NULL THEN
        v_digits := regexp_replace(p_identifier, '\D', '', 'g');
        IF length(v_digits) >= 6 THEN
            SELECT customer_id INTO v_id FROM customer_identities
            WHERE kind = 'phone' AND value IN ('+' || v_digits,
                  '+' || (SELECT value FROM app_settings WHERE key = 'default_calling_code') || ltrim(v_digits, '0'))
            LIMIT 1;
        END IF;
    END IF;
    IF v_id IS NULL THEN
        SELECT customer_id INTO v_id FROM customer_identities
        WHERE kind = 'handle' AND split_part(value, ':', 2) = ltrim(v_text, '@')
        LIMIT 1;
    END IF;
    -- follow merges to the surviving profile
    WHILE v_id IS NOT NULL LOOP
        v_next := NULL;
        SELECT merged_into INTO v_next FROM customer_profiles WHERE id = v_id;
        EXIT WHEN v_next IS NULL;
        v_id := v_next;
    END LOOP;
    RETURN v_id;
END $$;
