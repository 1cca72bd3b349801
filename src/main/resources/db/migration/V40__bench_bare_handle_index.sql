-- resolve_customer's last resort, a bare handle ("janesmith" for "instagram:janesmith"), scanned
-- every identity: each lookup of an unknown customer (every 404) read the whole table, 20-40 ms
-- at 100k customers. An expression index makes it an index probe (BENCHMARKS.md).
CREATE INDEX customer_identities_bare_handle ON customer_identities (split_part(value, ':', 2)) WHERE kind = 'handle';
