-- Afrikaans and other names carry accents ("Anél", "Zané", "Müller", "Chloë") that staff rarely
-- type: "anel" found nobody called Anél. The search's own copies of names and companies (the
-- word terms and the trigram table; the profile keeps the name as written) are now folded: lower
-- case and without accents, by the unaccent dictionary (ß → ss, ø → o, é → e, …), and
-- CustomerLists.search folds the query the same way, so "Anél", "anel" and "ANEL" find each other.
CREATE EXTENSION IF NOT EXISTS unaccent;

-- unaccent is STABLE because its dictionary could be edited; ours never is, so the fold is
-- declared IMMUTABLE like the term function that calls it.
CREATE FUNCTION customer_search_fold(p text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT unaccent('unaccent'::regdictionary, lower(p))
$$;

CREATE OR REPLACE FUNCTION customer_search_terms_of(p_name text, p_company text) RETURNS SETOF text
LANGUAGE sql IMMUTABLE AS $$
    SELECT DISTINCT term
    FROM (SELECT (regexp_split_to_array(customer_search_fold(v), '\s+'))[1:12] AS w
          FROM unnest(ARRAY[p_name, p_company]) s,
               LATERAL (VALUES (btrim(left(btrim(s), 200)))) b (v)
          WHERE v <> '') words,
         LATERAL generate_subscripts(w, 1) i,
         LATERAL (VALUES (w[i]), (array_to_string(w[i:], ' '))) t (term)
$$;

CREATE OR REPLACE FUNCTION customer_search_terms_sync() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.name IS NOT DISTINCT FROM NEW.name AND OLD.company IS NOT DISTINCT FROM NEW.company
            AND OLD.merged_into IS NOT DISTINCT FROM NEW.merged_into THEN
        UPDATE customer_search_terms SET lifetime_value = NEW.lifetime_value WHERE customer_id = NEW.id;
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        DELETE FROM customer_search_terms WHERE customer_id = NEW.id;
        DELETE FROM customer_search_names WHERE customer_id = NEW.id;
    END IF;
    IF NEW.merged_into IS NULL THEN
        INSERT INTO customer_search_terms (customer_id, term, lifetime_value)
        SELECT NEW.id, t, NEW.lifetime_value FROM customer_search_terms_of(NEW.name, NEW.company) t;
        IF NEW.name IS NOT NULL OR NEW.company IS NOT NULL THEN
            INSERT INTO customer_search_names (customer_id, name, company)
            VALUES (NEW.id, customer_search_fold(NEW.name), customer_search_fold(NEW.company));
        END IF;
    END IF;
    RETURN NULL;
END $$;

-- Existing profiles: only those whose name or company changes when folded beyond lower case.
CREATE TEMPORARY TABLE accented ON COMMIT DROP AS
SELECT id, name, company, lifetime_value FROM customer_profiles
WHERE merged_into IS NULL
  AND (unaccent('unaccent'::regdictionary, lower(name)) <> lower(name)
       OR unaccent('unaccent'::regdictionary, lower(company)) <> lower(company));
DELETE FROM customer_search_terms t USING accented a WHERE t.customer_id = a.id;
INSERT INTO customer_search_terms (customer_id, term, lifetime_value)
SELECT a.id, t, a.lifetime_value FROM accented a, customer_search_terms_of(a.name, a.company) t;
-- the trigram table holds names as written; ILIKE and similarity ignore case already, so only
-- accented ones need their folded text
UPDATE customer_search_names n
SET name = customer_search_fold(a.name), company = customer_search_fold(a.company)
FROM accented a
WHERE a.id = n.customer_id;
