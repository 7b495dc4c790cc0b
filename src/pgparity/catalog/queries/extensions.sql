SELECT e.oid::int8 AS oid,
       e.extname AS name,
       n.nspname AS schema,
       e.extversion AS version,
       d.description AS comment,
       e.extrelocatable AS relocatable
FROM pg_catalog.pg_extension e
JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
LEFT JOIN pg_catalog.pg_description d
       ON d.objoid = e.oid AND d.classoid = 'pg_catalog.pg_extension'::regclass AND d.objsubid = 0
ORDER BY e.extname
