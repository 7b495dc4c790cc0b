-- Rewrite rules (CREATE RULE) on tables and views in the selected schemas, whether or not the
-- relation itself is captured (a user rule on a platform table is the user's). A view's or
-- materialized view's own _RETURN rule is the view (dependencies.sql maps it there): left out.
-- pg_get_ruledef prints the whole CREATE RULE statement, the relation and every name in the
-- actions schema-qualified under the reader's search_path (pg_catalog).
SELECT r.oid::int8 AS oid,
       n.nspname AS schema,
       c.relname AS "table",
       r.rulename AS name,
       r.ev_type::text AS event,
       r.is_instead AS instead,
       pg_catalog.pg_get_ruledef(r.oid) AS definition,
       r.ev_enabled::text AS enabled,
       d.description AS comment
FROM pg_catalog.pg_rewrite r
JOIN pg_catalog.pg_class c ON c.oid = r.ev_class
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_description d
       ON d.objoid = r.oid AND d.classoid = 'pg_catalog.pg_rewrite'::regclass AND d.objsubid = 0
WHERE r.rulename <> '_RETURN'
  AND c.relnamespace = ANY(%(schemas)s::oid[])
ORDER BY n.nspname, c.relname, r.rulename
