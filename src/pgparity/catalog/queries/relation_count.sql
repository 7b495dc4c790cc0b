-- How much there is to read: relations (tables, indexes, views, sequences...) in the selected
-- schemas. Decides whether fetching on extra connections is worth opening them.
SELECT count(*)::int8 AS relations
FROM pg_catalog.pg_class c
WHERE c.relnamespace = ANY(%(schemas)s::oid[])
