-- User triggers on tables, views and foreign tables in the selected schemas, whether or not
-- the table itself is captured (a user trigger on a platform table is the user's).
-- Internal triggers (foreign keys and friends) and the clones a partitioned table's trigger
-- puts on its partitions are left out.
-- definition: pg_get_triggerdef, only for the triggers the reader cannot build the same text
-- for itself (kinds/triggers.py builds the others from the quoted names below): those with a
-- WHEN condition (only the server deparses it), a constraint trigger's FROM table, a function
-- in pg_catalog (printed unqualified when visible) and arguments with a backslash (doubled or
-- not, as standard_conforming_strings says). Deparsing every trigger was most of this query's
-- server time.
SELECT t.oid::int8 AS oid,
       n.nspname AS schema,
       c.relname AS "table",
       t.tgname AS name,
       CASE WHEN t.tgqual IS NOT NULL OR t.tgconstrrelid <> 0 OR fn.nspname = 'pg_catalog'
                 OR pg_catalog.position(t.tgargs, pg_catalog.decode('5c', 'hex')) > 0
            THEN pg_catalog.pg_get_triggerdef(t.oid) END AS definition,
       t.tgtype::int AS tgtype,
       ARRAY(SELECT a.attname
               FROM unnest(t.tgattr::int2[]) WITH ORDINALITY AS u(attnum, ord)
               JOIN pg_catalog.pg_attribute a ON a.attrelid = t.tgrelid AND a.attnum = u.attnum
              ORDER BY u.ord) AS columns,
       t.tgnargs::int AS nargs,
       t.tgargs AS args,
       quote_ident(fn.nspname) || '.' || quote_ident(f.proname) AS function,
       t.tgenabled::text AS enabled,
       t.tgconstraint <> 0 AS "constraint",
       t.tgdeferrable AS deferrable,
       t.tginitdeferred AS deferred,
       d.description AS comment,
       pg_catalog.quote_ident(t.tgname) AS quoted_name,
       pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname) AS quoted_table,
       ARRAY(SELECT pg_catalog.quote_ident(a.attname)
               FROM unnest(t.tgattr::int2[]) WITH ORDINALITY AS u(attnum, ord)
               JOIN pg_catalog.pg_attribute a ON a.attrelid = t.tgrelid AND a.attnum = u.attnum
              ORDER BY u.ord) AS quoted_columns,
       pg_catalog.quote_ident(t.tgoldtable) AS old_table,
       pg_catalog.quote_ident(t.tgnewtable) AS new_table
FROM pg_catalog.pg_trigger t
JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_proc f ON f.oid = t.tgfoid
JOIN pg_catalog.pg_namespace fn ON fn.oid = f.pronamespace
LEFT JOIN pg_catalog.pg_description d
       ON d.objoid = t.oid AND d.classoid = 'pg_catalog.pg_trigger'::regclass AND d.objsubid = 0
WHERE NOT t.tgisinternal
  AND t.tgparentid = 0
  AND c.relnamespace = ANY(%(schemas)s::oid[])
ORDER BY n.nspname, c.relname, t.tgname
