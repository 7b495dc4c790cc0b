-- Indexes of the tables and materialized views in the selected schemas, except those that
-- implement a primary key, unique or exclusion constraint (the constraint creates them).
-- Key columns and INCLUDE columns as pg_get_indexdef prints each one (expressions included);
-- partition_parent: the partitioned index this one is attached to.
SELECT i.oid::int8 AS oid,
       x.indrelid::int8 AS table_oid,
       n.nspname AS schema,
       t.relname AS table,
       i.relname AS name,
       pg_catalog.pg_get_indexdef(i.oid) AS definition,
       am.amname::text AS method,
       x.indisunique AS unique,
       ARRAY(SELECT pg_catalog.pg_get_indexdef(i.oid, k, false)
               FROM pg_catalog.generate_series(1, x.indnkeyatts::int) AS k
              ORDER BY k) AS columns,
       ARRAY(SELECT pg_catalog.pg_get_indexdef(i.oid, k, false)
               FROM pg_catalog.generate_series(x.indnkeyatts::int + 1, x.indnatts::int) AS k
              ORDER BY k) AS include,
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
LEFT JOIN pg_catalog.pg_description d
       ON d.objoid = i.oid AND d.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objsubid = 0
WHERE t.relkind IN ('r', 'p', 'm')
  AND t.relnamespace = ANY(%(schemas)s::oid[])
  AND NOT EXISTS (SELECT 1
                    FROM pg_catalog.pg_constraint c
                   WHERE c.conindid = i.oid AND c.conrelid = x.indrelid AND c.contype IN ('p', 'u', 'x'))
ORDER BY n.nspname, t.relname, i.relname
