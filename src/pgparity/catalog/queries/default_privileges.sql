-- ALTER DEFAULT PRIVILEGES entries: global ones (no schema) and those in the selected schemas.
SELECT d.oid::int8 AS oid,
       pg_catalog.pg_get_userbyid(d.defaclrole) AS role,
       n.nspname AS schema,
       d.defaclobjtype::text AS objtype,
       d.defaclacl::text[] AS acl
FROM pg_catalog.pg_default_acl d
LEFT JOIN pg_catalog.pg_namespace n ON n.oid = d.defaclnamespace
WHERE d.defaclnamespace = 0
   OR d.defaclnamespace = ANY(%(schemas)s::oid[])
ORDER BY role, schema NULLS FIRST, objtype
