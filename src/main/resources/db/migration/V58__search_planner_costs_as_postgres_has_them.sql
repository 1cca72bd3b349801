-- V41 gave pg_trgm's similarity operator and the built-in ILIKE (texticlike) higher planner costs,
-- so that search would read its trigram indexes instead of computing a similarity for every
-- profile. Search has since been rebuilt in bounded tiers (V44, V47, V55), and on a shop of 100k
-- customers every search's plan is the same with PostgreSQL's own costs, generic and custom
-- (EXPLAIN ANALYZE, BENCHMARKS.md, thirtieth round). A change to a built-in function applies to
-- everything in the database, so it is undone.
DO $$
BEGIN
    ALTER FUNCTION similarity_op(text, text) COST 1;
    ALTER FUNCTION texticlike(text, text) COST 1;
EXCEPTION WHEN insufficient_privilege OR undefined_function THEN
    RAISE NOTICE 'search planner costs left as they are: %', SQLERRM;
END $$;
