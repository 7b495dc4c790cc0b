-- Subscriptions of the current database (pg_subscription is cluster-wide; subdbid is ours).
-- Only the columns every role may read: subconninfo is revoked from PUBLIC. When the reading
-- role may read the whole catalog (details_readable: a superuser, pg_read_all_data), the
-- reader reads the connection string and the origin (PostgreSQL 16+) with subscription_details.
SELECT s.oid::int8 AS oid,
       s.subname AS name,
       pg_catalog.pg_get_userbyid(s.subowner) AS owner,
       s.subpublications AS publications,
       s.subenabled AS enabled,
       s.subslotname::text AS slot_name,
       s.subsynccommit AS synchronous_commit,
       s.subbinary AS binary,
       -- boolean up to PostgreSQL 15, then f/t/p
       CASE s.substream::text WHEN 'true' THEN 'on' WHEN 't' THEN 'on' WHEN 'p' THEN 'parallel' ELSE 'off' END
         AS streaming,
       s.subtwophasestate <> 'd' AS two_phase,
       s.subdisableonerr AS disable_on_error,
       d.description AS comment,
       pg_catalog.has_table_privilege('pg_catalog.pg_subscription', 'SELECT') AS details_readable,
       EXISTS (SELECT FROM pg_catalog.pg_attribute a
                WHERE a.attrelid = 'pg_catalog.pg_subscription'::regclass AND a.attname = 'suborigin')
         AS has_origin
FROM pg_catalog.pg_subscription s
LEFT JOIN pg_catalog.pg_description d
       ON d.objoid = s.oid AND d.classoid = 'pg_catalog.pg_subscription'::regclass AND d.objsubid = 0
WHERE s.subdbid = (SELECT db.oid FROM pg_catalog.pg_database db WHERE db.datname = pg_catalog.current_database())
ORDER BY s.subname
