-- Extended statistics objects (CREATE STATISTICS) in the selected schemas, whatever schema
-- their table is in (a statistics object lives in a schema of its own choosing).
-- pg_get_statisticsobjdef prints the whole CREATE STATISTICS statement: the object always
-- qualified, the table and the names in expressions qualified under the reader's search_path
-- (pg_catalog), the kinds listed only when not all of them were asked for.
-- stxstattarget is -1 for the default on PostgreSQL 15-16 and NULL from 17: None either way.
SELECT s.oid::int8 AS oid,
       s.stxrelid::int8 AS table_oid,
       n.nspname AS schema,
       s.stxname AS name,
       pg_catalog.quote_ident(tn.nspname) || '.' || pg_catalog.quote_ident(c.relname) AS "table",
       pg_catalog.pg_get_statisticsobjdef(s.oid) AS definition,
       s.stxkind::text[] AS kinds,
       nullif(s.stxstattarget, -1)::int AS target,
       pg_catalog.pg_get_userbyid(s.stxowner) AS owner,
       d.description AS comment
FROM pg_catalog.pg_statistic_ext s
JOIN pg_catalog.pg_namespace n ON n.oid = s.stxnamespace
JOIN pg_catalog.pg_class c ON c.oid = s.stxrelid
JOIN pg_catalog.pg_namespace tn ON tn.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_description d
       ON d.objoid = s.oid AND d.classoid = 'pg_catalog.pg_statistic_ext'::pg_catalog.regclass AND d.objsubid = 0
WHERE s.stxnamespace = ANY(%(schemas)s::oid[])
ORDER BY n.nspname, s.stxname
