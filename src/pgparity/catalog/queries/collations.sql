-- Collations in the selected schemas (the built-in ones live in pg_catalog, never selected).
-- The ICU locale column is colliculocale in PG 15-16 and colllocale from PG 17, and ICU rules
-- exist from PG 16: read them through to_jsonb so one query fits every server version.
SELECT co.oid::int8 AS oid,
       n.nspname AS schema,
       co.collname AS name,
       co.collprovider::text AS provider,
       co.collisdeterministic AS deterministic,
       co.collcollate AS collate,
       co.collctype AS ctype,
       coalesce(pg_catalog.to_jsonb(co) ->> 'colllocale', pg_catalog.to_jsonb(co) ->> 'colliculocale') AS locale,
       pg_catalog.to_jsonb(co) ->> 'collicurules' AS rules,
       pg_catalog.pg_get_userbyid(co.collowner) AS owner,
       d.description AS comment
FROM pg_catalog.pg_collation co
JOIN pg_catalog.pg_namespace n ON n.oid = co.collnamespace
LEFT JOIN pg_catalog.pg_description d
       ON d.objoid = co.oid AND d.classoid = 'pg_catalog.pg_collation'::pg_catalog.regclass AND d.objsubid = 0
WHERE co.collnamespace = ANY(%(schemas)s::oid[])
ORDER BY n.nspname, co.collname
