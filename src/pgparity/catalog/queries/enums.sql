-- Enum types in the selected schemas; labels in their sort order (enumsortorder).
-- array_oid: the enum's array type, recorded as the enum so dependencies on it resolve.
SELECT t.oid::int8 AS oid,
       n.nspname AS schema,
       t.typname AS name,
       t.typarray::int8 AS array_oid,
       ARRAY(SELECT e.enumlabel::text
               FROM pg_catalog.pg_enum e
              WHERE e.enumtypid = t.oid
              ORDER BY e.enumsortorder) AS labels,
       pg_catalog.pg_get_userbyid(t.typowner) AS owner,
       d.description AS comment,
       t.typacl::text[] AS acl,
       pg_catalog.acldefault('T', t.typowner)::text[] AS default_acl
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_catalog.pg_description d
       ON d.objoid = t.oid AND d.classoid = 'pg_catalog.pg_type'::pg_catalog.regclass AND d.objsubid = 0
WHERE t.typtype = 'e'
  AND t.typnamespace = ANY(%(schemas)s::oid[])
ORDER BY n.nspname, t.typname
