-- Views and materialized views in the selected schemas.
-- The definition is pg_get_viewdef(oid) without pretty-printing: fully parenthesised, the form
-- pg_dump uses and the same style as the pg_get_expr texts elsewhere in a snapshot.
SELECT c.oid::int8 AS oid,
       n.nspname AS schema,
       c.relname AS name,
       pg_catalog.pg_get_userbyid(c.relowner) AS owner,
       c.relkind = 'm' AS materialized,
       pg_catalog.pg_get_viewdef(c.oid) AS definition,
       coalesce(c.reloptions, '{}') AS options,
       c.relispopulated AS with_data,
       d.description AS comment,
       c.relacl::text[] AS acl,
       pg_catalog.acldefault('r', c.relowner)::text[] AS default_acl
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_description d
       ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0
WHERE c.relkind IN ('v', 'm')
  AND c.relnamespace = ANY(%(schemas)s::oid[])
ORDER BY n.nspname, c.relname
