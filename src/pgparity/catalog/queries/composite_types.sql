-- Stand-alone composite types (CREATE TYPE ... AS (...)) in the selected schemas; the row types
-- of tables, views and sequences are not listed. Attributes in attnum order, as parallel arrays;
-- an attribute's collation only when it differs from its type's default.
-- array_oid and relation_oid (the pg_class row holding the attributes) are recorded as the
-- type so dependencies on them, and of its attributes, resolve.
SELECT t.oid::int8 AS oid,
       n.nspname AS schema,
       t.typname AS name,
       t.typarray::int8 AS array_oid,
       t.typrelid::int8 AS relation_oid,
       ARRAY(SELECT a.attname::text
               FROM pg_catalog.pg_attribute a
              WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped
              ORDER BY a.attnum) AS attribute_names,
       ARRAY(SELECT pg_catalog.format_type(a.atttypid, a.atttypmod)
               FROM pg_catalog.pg_attribute a
              WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped
              ORDER BY a.attnum) AS attribute_types,
       ARRAY(SELECT CASE WHEN a.attcollation <> at.typcollation
                         THEN pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname) END
               FROM pg_catalog.pg_attribute a
               JOIN pg_catalog.pg_type at ON at.oid = a.atttypid
               LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
               LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
              WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped
              ORDER BY a.attnum) AS attribute_collations,
       ARRAY(SELECT ad.description
               FROM pg_catalog.pg_attribute a
               LEFT JOIN pg_catalog.pg_description ad
                      ON ad.objoid = a.attrelid
                     AND ad.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND ad.objsubid = a.attnum
              WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped
              ORDER BY a.attnum) AS attribute_comments,
       pg_catalog.pg_get_userbyid(t.typowner) AS owner,
       d.description AS comment,
       t.typacl::text[] AS acl,
       pg_catalog.acldefault('T', t.typowner)::text[] AS default_acl
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
JOIN pg_catalog.pg_class r ON r.oid = t.typrelid
LEFT JOIN pg_catalog.pg_description d
       ON d.objoid = t.oid AND d.classoid = 'pg_catalog.pg_type'::pg_catalog.regclass AND d.objsubid = 0
WHERE t.typtype = 'c'
  AND r.relkind = 'c'
  AND t.typnamespace = ANY(%(schemas)s::oid[])
ORDER BY n.nspname, t.typname
