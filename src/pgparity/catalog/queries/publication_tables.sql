-- Tables named in FOR TABLE clauses, with their column lists and row filters (PostgreSQL 15+).
SELECT pr.prpubid::int8 AS publication_oid,
       n.nspname AS schema,
       c.relname AS name,
       ARRAY(SELECT a.attname
               FROM unnest(pr.prattrs::int2[]) WITH ORDINALITY AS u(attnum, ord)
               JOIN pg_catalog.pg_attribute a ON a.attrelid = pr.prrelid AND a.attnum = u.attnum
              ORDER BY u.ord) AS columns,
       pg_catalog.pg_get_expr(pr.prqual, pr.prrelid) AS "where"
FROM pg_catalog.pg_publication_rel pr
JOIN pg_catalog.pg_class c ON c.oid = pr.prrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
ORDER BY pr.prpubid, n.nspname, c.relname
