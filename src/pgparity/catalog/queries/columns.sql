-- Columns of the tables in tables.sql, in attnum order; identity sequence options inline.
-- Defaults and generation expressions come from column_defaults.sql (deparsing them is most of
-- the server's work for columns, so it runs on another connection while this one goes on).
SELECT a.attrelid::int8 AS table_oid,
       a.attnum::int AS attnum,
       a.attname AS name,
       pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull AS not_null,
       CASE WHEN a.attcollation <> t.typcollation
            THEN quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END AS collation,
       nullif(a.attidentity::text, '') AS identity,
       s.seqtypid::regtype::text AS seq_type,
       s.seqstart AS seq_start,
       s.seqincrement AS seq_increment,
       s.seqmin AS seq_min,
       s.seqmax AS seq_max,
       s.seqcache AS seq_cache,
       s.seqcycle AS seq_cycle,
       s.relname AS seq_name,
       nullif(a.attstattarget, -1)::int AS statistics_target,
       CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage::text END AS storage,
       nullif(a.attcompression::text, '') AS compression,
       a.attinhcount > 0 AND NOT a.attislocal AS inherited,
       d.description AS comment,
       a.attacl::text[] AS acl,
       a.attfdwoptions AS fdw_options,
       -- For building index definitions (kinds/indexes.py): the name as quote_ident prints it
       -- (null when that is the name itself), the base type and the collation.
       nullif(pg_catalog.quote_ident(a.attname), a.attname) AS quoted_name,
       (CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE a.atttypid END)::int8 AS base_type_oid,
       a.attcollation::int8 AS collation_oid
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
LEFT JOIN pg_catalog.pg_description d
       ON d.objoid = a.attrelid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = a.attnum
-- The identity sequence, looked up for identity columns only (OFFSET 0 keeps the subquery
-- apart, so its condition on a.attidentity skips it for every other column).
LEFT JOIN LATERAL (
    SELECT s.seqtypid, s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle, sc.relname
      FROM pg_catalog.pg_depend dep
      LEFT JOIN pg_catalog.pg_sequence s ON s.seqrelid = dep.objid
      LEFT JOIN pg_catalog.pg_class sc ON sc.oid = dep.objid
     WHERE a.attidentity <> '' AND dep.refclassid = 'pg_catalog.pg_class'::regclass
       AND dep.refobjid = a.attrelid AND dep.refobjsubid = a.attnum AND dep.deptype = 'i'
       AND dep.classid = 'pg_catalog.pg_class'::regclass
    OFFSET 0
) s ON true
WHERE a.attnum > 0
  AND NOT a.attisdropped
  AND c.relkind IN ('r', 'p', 'f')
  AND c.relnamespace = ANY(%(schemas)s::oid[])
ORDER BY a.attrelid, a.attnum
