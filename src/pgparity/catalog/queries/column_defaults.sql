-- Default and generation expressions of the columns in columns.sql, by (table, attnum).
-- A default cannot refer to a column, so it is deparsed without its table (relid 0): naming the
-- table makes pg_get_expr open it, and building the relation cache entry of every table cost
-- more than deparsing the defaults. A generated column's expression names columns: it needs it.
SELECT ad.adrelid::int8 AS table_oid,
       ad.adnum::int AS attnum,
       CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(ad.adbin, 0) END AS default_expr,
       CASE WHEN a.attgenerated = 's' THEN pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) END AS generated
FROM pg_catalog.pg_attrdef ad
JOIN pg_catalog.pg_class c ON c.oid = ad.adrelid
JOIN pg_catalog.pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
WHERE a.attnum > 0
  AND NOT a.attisdropped
  AND c.relkind IN ('r', 'p', 'f')
  AND c.relnamespace = ANY(%(schemas)s::oid[])
