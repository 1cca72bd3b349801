-- A name or company arrives from outside (a social post, an email header) and may be up to
-- 200,000 characters. customer_search_terms_of built every tail of every word: quadratic, 54 s
-- of database time inside the ingest transaction for a 40 KB name. Only the first 200 characters
-- and 12 words make terms now (a search query is at most 200 characters); text beyond that is
-- still found by the trigram tier of the search.
CREATE OR REPLACE FUNCTION customer_search_terms_of(p_name text, p_company text) RETURNS SETOF text
LANGUAGE sql IMMUTABLE AS $$
    SELECT DISTINCT term
    FROM (SELECT (regexp_split_to_array(lower(v), '\s+'))[1:12] AS w
          FROM unnest(ARRAY[p_name, p_company]) s,
               LATERAL (VALUES (btrim(left(btrim(s), 200)))) b (v)
          WHERE v <> '') words,
         LATERAL generate_subscripts(w, 1) i,
         LATERAL (VALUES (w[i]), (array_to_string(w[i:], ' '))) t (term)
$$;

-- Profiles that already hold such a name get their bounded terms.
DELETE FROM customer_search_terms t
USING customer_profiles p
WHERE p.id = t.customer_id AND (length(p.name) > 200 OR length(p.company) > 200);
INSERT INTO customer_search_terms (customer_id, term, lifetime_value)
SELECT p.id, t, p.lifetime_value
FROM customer_profiles p, customer_search_terms_of(p.name, p.company) t
WHERE p.merged_into IS NULL AND (length(p.name) > 200 OR length(p.company) > 200)
ON CONFLICT DO NOTHING;
