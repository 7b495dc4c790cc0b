-- Estimated rows and on-disk size of each table, to grade hazards (no data is read).
SELECT n.nspname AS schema,
       c.relname AS name,
       greatest(c.reltuples, 0)::int8 AS estimated_rows,
       pg_catalog.pg_total_relation_size(c.oid)::int8 AS total_bytes
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'm')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname !~ '^pg_toast'
ORDER BY 1, 2
