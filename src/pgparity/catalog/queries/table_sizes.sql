-- Estimated rows and on-disk size of the named tables, to grade hazards (no data is read).
-- pg_total_relation_size opens each table and its indexes: asked only for the tables a plan's
-- hazards name, not for the whole database.
SELECT n.nspname AS schema,
       c.relname AS name,
       greatest(c.reltuples, 0)::int8 AS estimated_rows,
       pg_catalog.pg_total_relation_size(c.oid)::int8 AS total_bytes
FROM ROWS FROM (pg_catalog.unnest(%(schemas)s::text[]), pg_catalog.unnest(%(names)s::text[])) AS t(schema, name)
JOIN pg_catalog.pg_namespace n ON n.nspname = t.schema
JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = t.name
WHERE c.relkind IN ('r', 'p', 'm')
ORDER BY 1, 2
