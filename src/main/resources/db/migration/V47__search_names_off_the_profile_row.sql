-- Search for text inside a name, company, e-mail or phone (CustomerLists.search) reads trigram
-- GIN indexes. GIN collects new entries in a pending list that every search scans until
-- VACUUM merges it. Every event updates its profile row (statistics), and each new row version
-- added the name's and the company's trigrams to that list; customer_identities, which only
-- grows, is vacuumed so rarely that its list reached 4 MB (7,500 identities) under ingest
-- load, and searches that reached the text-inside tier slowed from ~1 ms to 15-20 ms of database
-- time (BENCHMARKS.md).
--
-- Names and companies for that tier now live in their own table, written only when a name,
-- company or merge changes (by the trigger that keeps the search terms), so an event no longer
-- touches a trigram index. Both trigram tables take new entries straight into the index.
CREATE TABLE customer_search_names (
    customer_id uuid PRIMARY KEY REFERENCES customer_profiles (id),
    name        text,
    company     text
);
INSERT INTO customer_search_names (customer_id, name, company)
SELECT id, name, company FROM customer_profiles
WHERE merged_into IS NULL AND (name IS NOT NULL OR company IS NOT NULL);
CREATE INDEX customer_search_names_name_trgm ON customer_search_names USING gin (name gin_trgm_ops) WITH (fastupdate = off);
CREATE INDEX customer_search_names_company_trgm ON customer_search_names USING gin (company gin_trgm_ops) WITH (fastupdate = off);

DROP INDEX customer_profiles_name_trgm;
DROP INDEX customer_profiles_company_trgm;

ALTER INDEX customer_identities_value_trgm SET (fastupdate = off);
SELECT gin_clean_pending_list('customer_identities_value_trgm'); -- what the list holds now

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
            INSERT INTO customer_search_names (customer_id, name, company) VALUES (NEW.id, NEW.name, NEW.company);
        END IF;
    END IF;
    RETURN NULL;
END $$;
