-- The trigram indexes that search reads for text inside a name, company, e-mail or phone take a
-- new customer's entries through a pending list again, bounded to 64 kB (PostgreSQL's least).
--
-- V47 turned the lists off because, at the default 4 MB, customer_identities' list was merged
-- only by a VACUUM that rarely came, and every search scanned all of it (15-20 ms). Off, each
-- identity's thirty-odd trigrams went into the index one by one: a new customer's identities
-- cost 0.32-0.43 ms of PostgreSQL's time and its search name 0.15-0.19 ms, a third of what an
-- event for a new customer costs there. With a 64 kB list the inserting session merges it as
-- soon as it is full, in one sorted pass: 0.13-0.15 and 0.06-0.07 ms, and a search that reads a
-- full list is 0.2 ms slower at most (BENCHMARKS.md, twenty-seventh round).
ALTER INDEX customer_identities_value_trgm SET (fastupdate = on, gin_pending_list_limit = 64);
ALTER INDEX customer_search_names_name_trgm SET (fastupdate = on, gin_pending_list_limit = 64);
ALTER INDEX customer_search_names_company_trgm SET (fastupdate = on, gin_pending_list_limit = 64);
