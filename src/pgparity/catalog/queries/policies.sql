-- Row-level security policies on tables in the selected schemas (captured or not: a user
-- policy on a platform table is the user's). Role 0 in polroles means PUBLIC.
SELECT p.oid::int8 AS oid,
       n.nspname AS schema,
       c.relname AS "table",
       p.polname AS name,
       p.polcmd::text AS command,
       p.polpermissive AS permissive,
       ARRAY(SELECT CASE WHEN r.role = 0 THEN 'public' ELSE pg_catalog.pg_get_userbyid(r.role) END
               FROM unnest(p.polroles) AS r(role)) AS roles,
       pg_catalog.pg_get_expr(p.polqual, p.polrelid) AS using,
       pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) AS with_check,
       d.description AS comment
FROM pg_catalog.pg_policy p
JOIN pg_catalog.pg_class c ON c.oid = p.polrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_description d
       ON d.objoid = p.oid AND d.classoid = 'pg_catalog.pg_policy'::regclass AND d.objsubid = 0
WHERE c.relnamespace = ANY(%(schemas)s::oid[])
ORDER BY n.nspname, c.relname, p.polname
