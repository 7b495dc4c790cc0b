-- What pg_subscription shows only to a role that may read all of it: the connection string
-- (it may hold a password: the reader drops that) and the origin (PostgreSQL 16+, read through
-- to_jsonb so one query fits every server version). Run by the subscriptions reader only when
-- the role may (subscriptions.details_readable): it fails for any other.
SELECT s.oid::int8 AS oid,
       s.subconninfo AS conninfo,
       coalesce(pg_catalog.to_jsonb(s) ->> 'suborigin', 'any') AS origin
FROM pg_catalog.pg_subscription s
WHERE s.subdbid = (SELECT db.oid FROM pg_catalog.pg_database db WHERE db.datname = pg_catalog.current_database())
ORDER BY s.oid
