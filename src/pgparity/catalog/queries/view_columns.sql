-- Columns of the views in views.sql, in attnum order.
SELECT a.attrelid::int8 AS view_oid,
       a.attnum::int AS attnum,
       a.attname AS name,
       pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,
       pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) AS default_expr,
       d.description AS comment,
       a.attacl::text[] AS acl
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_catalog.pg_description d
       ON d.objoid = a.attrelid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = a.attnum
WHERE a.attnum > 0
  AND NOT a.attisdropped
  AND c.relkind IN ('v', 'm')
  AND c.relnamespace = ANY(%(schemas)s::oid[])
ORDER BY a.attrelid, a.attnum
