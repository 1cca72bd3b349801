-- Search (CustomerLists.search) matched a common name ("naidoo") by reading every profile and
-- computing trigram similarity for each: 270 ms at 100k customers. The planner costs pg_trgm's
-- similarity operator and ILIKE like an integer comparison, so the scan looked cheaper than the
-- trigram indexes (23 ms). Telling it what they cost makes it use the indexes (BENCHMARKS.md).
-- A role that may not alter them (a hosted database), or pg_trgm outside the search path, leaves them.
DO $$
BEGIN
    ALTER FUNCTION similarity_op(text, text) COST 50;
    ALTER FUNCTION texticlike(text, text) COST 10;
EXCEPTION WHEN insufficient_privilege OR undefined_function THEN
    RAISE NOTICE 'search planner costs left as they are: %', SQLERRM;
END $$;
