-- Indexes of the tables and materialized views in the selected schemas, except those that
-- implement a primary key, unique or exclusion constraint (the constraint creates them).
--
-- pg_get_indexdef looks up every part of an index one catalog entry at a time, which made
-- this the slowest catalog query on a large schema. So the server deparses only indexes with
-- expressions, storage options, operator class options or on a materialized view
-- (definition); the reader builds the others' definitions from the raw arrays below and the
-- table columns it already has, and asks the server (index_definitions.sql) for any whose
-- operator classes or collations it cannot tell are the defaults.
-- columns: for a deparsed index, each key and INCLUDE column as pg_get_indexdef prints it.
-- partition_parent: the partitioned index this one is attached to.
-- Hash joins: the planner's estimate of the selected schemas' indexes is far too low on a large
-- schema, and its nested loops (an index lookup of each index's pg_class row and constraint)
-- took a fifth more of the server's time.
-- planner: enable_nestloop = off
SELECT i.oid::int8 AS oid,
       x.indrelid::int8 AS table_oid,
       n.nspname AS schema,
       t.relname AS table,
       i.relname AS name,
       CASE WHEN x.indexprs IS NOT NULL OR i.reloptions IS NOT NULL OR t.relkind = 'm'
                 OR x.indexrelid = ANY(o.with_options)
            THEN pg_catalog.pg_get_indexdef(i.oid) END AS definition,
       am.amname::text AS method,
       x.indisunique AS unique,
       i.relkind = 'I' AS partitioned,
       pg_catalog.quote_ident(i.relname) AS quoted_name,
       pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(t.relname) AS quoted_table,
       pg_catalog.quote_ident(am.amname) AS quoted_method,
       x.indnkeyatts::int AS key_count,
       x.indkey::int2[]::int[] AS attnums,
       x.indclass::oid[]::int8[] AS opclasses,
       x.indcollation::oid[]::int8[] AS collations,
       x.indoption::int2[]::int[] AS options,
       CASE WHEN x.indexprs IS NOT NULL OR t.relkind = 'm'
            THEN ARRAY(SELECT pg_catalog.pg_get_indexdef(i.oid, k, false)
                         FROM pg_catalog.generate_series(1, x.indnatts::int) AS k
                        ORDER BY k) END AS columns,
       pg_catalog.pg_get_expr(x.indpred, x.indrelid) AS predicate,
       x.indnullsnotdistinct AS nulls_not_distinct,
       (SELECT pg_catalog.quote_ident(pn.nspname) || '.' || pg_catalog.quote_ident(pi.relname)
          FROM pg_catalog.pg_inherits inh
          JOIN pg_catalog.pg_class pi ON pi.oid = inh.inhparent
          JOIN pg_catalog.pg_namespace pn ON pn.oid = pi.relnamespace
         WHERE inh.inhrelid = i.oid) AS partition_parent,
       coalesce(i.reloptions, '{}') AS reloptions,
       d.description AS comment
FROM pg_catalog.pg_index x
JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
JOIN pg_catalog.pg_class t ON t.oid = x.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = i.relnamespace
JOIN pg_catalog.pg_am am ON am.oid = i.relam
-- Indexes with operator class options (stored as the index columns' attoptions).
CROSS JOIN (SELECT ARRAY(SELECT DISTINCT ia.attrelid
                           FROM pg_catalog.pg_attribute ia
                          WHERE ia.attoptions IS NOT NULL) AS with_options) o
LEFT JOIN pg_catalog.pg_description d
       ON d.objoid = i.oid AND d.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objsubid = 0
WHERE t.relkind IN ('r', 'p', 'm')
  AND t.relnamespace = ANY(%(schemas)s::oid[])
  AND NOT EXISTS (SELECT 1
                    FROM pg_catalog.pg_constraint c
                   WHERE c.conindid = i.oid AND c.conrelid = x.indrelid AND c.contype IN ('p', 'u', 'x'))
