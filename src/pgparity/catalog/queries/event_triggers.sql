-- Event triggers (database-wide, not in a schema).
SELECT e.oid::int8 AS oid,
       e.evtname AS name,
       e.evtevent AS event,
       fn.nspname AS function_schema,
       f.proname AS function_name,
       quote_ident(fn.nspname) || '.' || quote_ident(f.proname) AS function,
       pg_catalog.pg_get_userbyid(e.evtowner) AS owner,
       coalesce(e.evttags, '{}') AS tags,
       e.evtenabled::text AS enabled,
       d.description AS comment
FROM pg_catalog.pg_event_trigger e
JOIN pg_catalog.pg_proc f ON f.oid = e.evtfoid
JOIN pg_catalog.pg_namespace fn ON fn.oid = f.pronamespace
LEFT JOIN pg_catalog.pg_description d
       ON d.objoid = e.oid AND d.classoid = 'pg_catalog.pg_event_trigger'::regclass AND d.objsubid = 0
ORDER BY e.evtname
