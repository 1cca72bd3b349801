-- "Needs attention" lists an unanswered email, an unanswered social post or a quote without an
-- order when the customer has been in touch within the look-back window, however long ago the
-- wait began. Before, the wait itself had to begin within the window: a customer whose "thanks"
-- of four months ago was never answered dropped out of the list for every later email.
--
-- The rules now read "waiting since at most the cutoff, in touch since the window's start". With
-- the last contact in each index beside the wait's start, the scan in order of the wait skips
-- inside the index the customers who have been silent since, however many years of them there
-- are: the 50 longest email waits of the benchmark's 100,000 customers with a 3-day window took
-- 0.8 ms against 4.5-8.7 ms through the wait's index alone (BENCHMARKS.md, twenty-eighth round).
-- A profile's update writes an entry in each of its indexes either way (last_interaction_at
-- moves with every event), so ingest pays 8 bytes more per entry, not more entries.
DROP INDEX customer_profiles_email_waiting;
CREATE INDEX customer_profiles_email_waiting ON customer_profiles (oldest_unanswered_email_at, last_interaction_at)
    WHERE merged_into IS NULL AND oldest_unanswered_email_at IS NOT NULL;
DROP INDEX customer_profiles_social_waiting;
CREATE INDEX customer_profiles_social_waiting ON customer_profiles (oldest_unanswered_social_at, last_interaction_at)
    WHERE merged_into IS NULL AND oldest_unanswered_social_at IS NOT NULL;
DROP INDEX customer_profiles_quote_open;
CREATE INDEX customer_profiles_quote_open ON customer_profiles (oldest_open_quote_at, last_interaction_at)
    WHERE merged_into IS NULL AND oldest_open_quote_at IS NOT NULL;
