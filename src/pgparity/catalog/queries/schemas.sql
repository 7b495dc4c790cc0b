-- Every non-system schema; the reader applies --schema / --exclude-schema in Python.
SELECT n.oid::int8 AS oid,
       n.nspname AS name,
       pg_catalog.pg_get_userbyid(n.nspowner) AS owner,
       d.description AS comment,
       n.nspacl::text[] AS acl,
       pg_catalog.acldefault('n', n.nspowner)::text[] AS default_acl
FROM pg_catalog.pg_namespace n
LEFT JOIN pg_catalog.pg_description d
       ON d.objoid = n.oid AND d.classoid = 'pg_catalog.pg_namespace'::regclass AND d.objsubid = 0
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname !~ '^pg_toast'
  AND n.nspname !~ '^pg_temp_'
ORDER BY n.nspname
