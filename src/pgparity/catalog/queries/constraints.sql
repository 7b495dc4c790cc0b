-- Table constraints (primary key, unique, foreign key, check, exclusion) of the tables in the
-- selected schemas. NOT NULL (contype 'n', PG 18+) is Column.not_null; constraint triggers
-- (contype 't') are triggers; domain constraints belong to their domain. The per-partition
-- copies PostgreSQL adds when a foreign key references a partitioned table (a parent
-- constraint on the same table) are part of that foreign key and not listed.
-- index_oid: the index a key or exclusion constraint creates, recorded as the constraint (a
-- foreign key depends on the referenced key's index).
-- definition: pg_get_constraintdef for checks, exclusions and the keys the reader cannot build
-- itself (kinds/constraints.py builds the others from these rows and the columns it read:
-- deparsing each one was half of this query's server time).
-- include_attnums: a key's INCLUDE columns.
-- attnums / ref_attnums: conkey / confkey; the reader names them from the columns it read
-- (attnum 0, an expression of an exclusion constraint, has no name and is left out).
-- ref_columns: the names, looked up here, when the referenced table is in a schema that was
-- not read.
SELECT c.oid::int8 AS oid,
       c.conrelid::int8 AS table_oid,
       n.nspname AS schema,
       t.relname AS table,
       c.conname AS name,
       CASE WHEN c.contype IN ('p', 'u', 'x') THEN c.conindid::int8 END AS index_oid,
       c.contype::text AS contype,
       CASE WHEN c.contype IN ('c', 'x') OR c.confdelsetcols IS NOT NULL
                 OR (c.contype = 'f' AND NOT r.relnamespace = ANY(%(schemas)s::oid[]))
                 OR i.reloptions IS NOT NULL OR i.reltablespace <> 0
            THEN pg_catalog.pg_get_constraintdef(c.oid) END AS definition,
       c.conkey::int2[]::int[] AS attnums,
       (x.indkey::int2[])[x.indnkeyatts:]::int[] AS include_attnums,  -- indkey is 0-based
       c.convalidated AS validated,
       c.condeferrable AS deferrable,
       c.condeferred AS deferred,
       c.contype = 'c' AND c.connoinherit AS no_inherit,  -- NO INHERIT is a CHECK clause (keys set it too)
       coalesce(x.indnullsnotdistinct, false) AS nulls_not_distinct,
       CASE WHEN c.contype = 'f'
            THEN pg_catalog.quote_ident(rn.nspname) || '.' || pg_catalog.quote_ident(r.relname) END AS references,
       CASE WHEN c.contype = 'f' THEN c.confrelid::int8 END AS ref_table_oid,
       c.confkey::int2[]::int[] AS ref_attnums,
       CASE WHEN c.contype = 'f' AND NOT r.relnamespace = ANY(%(schemas)s::oid[])
            THEN ARRAY(SELECT k.name
                         FROM (SELECT (SELECT a.attname::text FROM pg_catalog.pg_attribute a
                                        WHERE a.attrelid = c.confrelid AND a.attnum = u.attnum) AS name, u.ord
                                 FROM pg_catalog.unnest(c.confkey) WITH ORDINALITY AS u(attnum, ord)) k
                        WHERE k.name IS NOT NULL ORDER BY k.ord) END AS ref_columns,
       CASE WHEN c.contype = 'f' THEN c.confupdtype::text END AS on_update,
       CASE WHEN c.contype = 'f' THEN c.confdeltype::text END AS on_delete,
       CASE WHEN c.contype = 'f' THEN c.confmatchtype::text END AS match,
       NOT c.conislocal AS inherited,
       d.description AS comment
FROM pg_catalog.pg_constraint c
JOIN pg_catalog.pg_class t ON t.oid = c.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
LEFT JOIN pg_catalog.pg_class r ON r.oid = c.confrelid
LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = r.relnamespace
LEFT JOIN pg_catalog.pg_index x ON x.indexrelid = c.conindid AND c.contype IN ('p', 'u')
LEFT JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
LEFT JOIN pg_catalog.pg_description d
       ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_constraint'::pg_catalog.regclass AND d.objsubid = 0
WHERE c.contype IN ('p', 'u', 'f', 'c', 'x')
  AND t.relkind IN ('r', 'p', 'f')
  AND t.relnamespace = ANY(%(schemas)s::oid[])
  AND NOT EXISTS (SELECT 1
                    FROM pg_catalog.pg_constraint pc
                   WHERE pc.oid = c.conparentid AND pc.conrelid = c.conrelid)
ORDER BY n.nspname, t.relname, c.conname
