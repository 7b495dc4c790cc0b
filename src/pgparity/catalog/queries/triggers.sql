-- User triggers on tables, views and foreign tables in the selected schemas, whether or not
-- the table itself is captured (a user trigger on a platform table is the user's).
-- Internal triggers (foreign keys and friends) and the clones a partitioned table's trigger
-- puts on its partitions are left out.
SELECT t.oid::int8 AS oid,
       n.nspname AS schema,
       c.relname AS "table",
       t.tgname AS name,
       pg_catalog.pg_get_triggerdef(t.oid) AS definition,
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
       d.description AS comment
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
