-- Search by name or company read trigram posting lists for every query: a common surname
-- ("naidoo", 2,700 of 100k customers) cost 3-5 ms of database time and capped the search at
-- 170/s on the benchmark machine (BENCHMARKS.md). Most searches are a word of a name or the
-- start of one, so each profile's words live here in a btree, next to its lifetime value:
-- "the 50 most valuable customers called Naidoo" is one index range read. Trigrams stay for
-- text inside a word, e-mail fragments and typos (CustomerLists.search).
--
-- Terms of "Johan van der Merwe": each word (johan, van, der, merwe) and each tail that starts
-- at a word (johan van der merwe, van der merwe, der merwe), lower case, the same for the company.
CREATE FUNCTION customer_search_terms_of(p_name text, p_company text) RETURNS SETOF text
LANGUAGE sql IMMUTABLE AS $$
    SELECT DISTINCT left(term, 200)
    FROM (SELECT regexp_split_to_array(lower(btrim(s)), '\s+') AS w
          FROM unnest(ARRAY[p_name, p_company]) s
          WHERE btrim(s) <> '') words,
         LATERAL generate_subscripts(w, 1) i,
         LATERAL (VALUES (w[i]), (array_to_string(w[i:], ' '))) t (term)
$$;

CREATE TABLE customer_search_terms (
    customer_id    uuid NOT NULL REFERENCES customer_profiles (id),
    term           text COLLATE "C" NOT NULL,
    lifetime_value numeric(14,2) NOT NULL,
    PRIMARY KEY (customer_id, term)
);
-- equality reads the most valuable first; LIKE 'prefix%' is a range of the same index (C collation)
CREATE INDEX customer_search_terms_term ON customer_search_terms (term, lifetime_value DESC, customer_id);

-- Kept in the transaction that changes the profile. Statistics updates that leave name, company,
-- lifetime value and merge untouched (most events) do not fire it.
CREATE FUNCTION customer_search_terms_sync() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.name IS NOT DISTINCT FROM NEW.name AND OLD.company IS NOT DISTINCT FROM NEW.company
            AND OLD.merged_into IS NOT DISTINCT FROM NEW.merged_into THEN
        UPDATE customer_search_terms SET lifetime_value = NEW.lifetime_value WHERE customer_id = NEW.id;
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        DELETE FROM customer_search_terms WHERE customer_id = NEW.id;
    END IF;
    IF NEW.merged_into IS NULL THEN
        INSERT INTO customer_search_terms (customer_id, term, lifetime_value)
        SELECT NEW.id, t, NEW.lifetime_value FROM customer_search_terms_of(NEW.name, NEW.company) t;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER customer_search_terms_insert AFTER INSERT ON customer_profiles
    FOR EACH ROW EXECUTE FUNCTION customer_search_terms_sync();
CREATE TRIGGER customer_search_terms_update AFTER UPDATE OF name, company, lifetime_value, merged_into ON customer_profiles
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.company IS DISTINCT FROM NEW.company
                       OR OLD.lifetime_value IS DISTINCT FROM NEW.lifetime_value
                       OR OLD.merged_into IS DISTINCT FROM NEW.merged_into)
    EXECUTE FUNCTION customer_search_terms_sync();

INSERT INTO customer_search_terms (customer_id, term, lifetime_value)
SELECT p.id, t, p.lifetime_value
FROM customer_profiles p, customer_search_terms_of(p.name, p.company) t
WHERE p.merged_into IS NULL;

-- The start of an e-mail address or a phone number ("annelie.vent", "082 555"): a btree range too.
CREATE INDEX customer_identities_value_prefix ON customer_identities (value COLLATE "C");
