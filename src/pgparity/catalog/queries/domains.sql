-- Domains in the selected schemas, with their CHECK constraints (by name) as parallel arrays.
-- NOT NULL is typnotnull (PG 17+ also keeps a contype 'n' row for it: not a check).
-- array_oid and check_oids are recorded as the domain so dependencies on them resolve.
SELECT t.oid::int8 AS oid,
       n.nspname AS schema,
       t.typname AS name,
       t.typarray::int8 AS array_oid,
       pg_catalog.format_type(t.typbasetype, t.typtypmod) AS base_type,
       CASE WHEN t.typcollation <> b.typcollation
            THEN pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname) END AS collation,
       pg_catalog.pg_get_expr(t.typdefaultbin, 0) AS default_expr,
       t.typnotnull AS not_null,
       ARRAY(SELECT c.oid::int8 FROM pg_catalog.pg_constraint c
              WHERE c.contypid = t.oid AND c.contype = 'c' ORDER BY c.conname) AS check_oids,
       ARRAY(SELECT c.conname::text FROM pg_catalog.pg_constraint c
              WHERE c.contypid = t.oid AND c.contype = 'c' ORDER BY c.conname) AS check_names,
       ARRAY(SELECT pg_catalog.pg_get_constraintdef(c.oid) FROM pg_catalog.pg_constraint c
              WHERE c.contypid = t.oid AND c.contype = 'c' ORDER BY c.conname) AS check_definitions,
       ARRAY(SELECT c.convalidated FROM pg_catalog.pg_constraint c
              WHERE c.contypid = t.oid AND c.contype = 'c' ORDER BY c.conname) AS check_validated,
       ARRAY(SELECT cd.description FROM pg_catalog.pg_constraint c
               LEFT JOIN pg_catalog.pg_description cd
                      ON cd.objoid = c.oid
                     AND cd.classoid = 'pg_catalog.pg_constraint'::pg_catalog.regclass AND cd.objsubid = 0
              WHERE c.contypid = t.oid AND c.contype = 'c' ORDER BY c.conname) AS check_comments,
       pg_catalog.pg_get_userbyid(t.typowner) AS owner,
       d.description AS comment,
       t.typacl::text[] AS acl,
       pg_catalog.acldefault('T', t.typowner)::text[] AS default_acl
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
JOIN pg_catalog.pg_type b ON b.oid = t.typbasetype
LEFT JOIN pg_catalog.pg_collation co ON co.oid = t.typcollation
LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
LEFT JOIN pg_catalog.pg_description d
       ON d.objoid = t.oid AND d.classoid = 'pg_catalog.pg_type'::pg_catalog.regclass AND d.objsubid = 0
WHERE t.typtype = 'd'
  AND t.typnamespace = ANY(%(schemas)s::oid[])
ORDER BY n.nspname, t.typname
