-- A bare handle ("janesmith", "@janesmith") found one of its holders at random when two people
-- use it on two platforms, and every read then served that person's timeline to whoever asked
-- for the other. It now names a customer only when all its holders are one person (merges
-- followed); otherwise nobody, and the caller names the platform ("instagram:janesmith").
-- The rest of the function is V43's.
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
        -- a bare handle names a customer only when everyone holding it on any platform is one person
        SELECT CASE WHEN count(DISTINCT coalesce(p.merged_into, p.id)) = 1
                    THEN (array_agg(coalesce(p.merged_into, p.id)))[1] END
        INTO v_id
        FROM customer_identities i JOIN customer_profiles p ON p.id = i.customer_id
        WHERE i.kind = 'handle' AND split_part(i.value, ':', 2) = ltrim(v_text, '@');
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
