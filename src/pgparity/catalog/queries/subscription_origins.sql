-- The origin of each subscription (PostgreSQL 16+: the column exists from then on), for a role
-- that may not read all of pg_subscription (subscription_details reads it with the connection
-- string otherwise): every role may read this column. Run by the subscriptions reader only on
-- a server that has it (subscriptions.has_origin).
SELECT s.oid::int8 AS oid,
       s.suborigin AS origin
FROM pg_catalog.pg_subscription s
WHERE s.subdbid = (SELECT db.oid FROM pg_catalog.pg_database db WHERE db.datname = pg_catalog.current_database())
ORDER BY s.oid
