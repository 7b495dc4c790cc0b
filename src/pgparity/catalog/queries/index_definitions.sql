-- pg_get_indexdef of the indexes (OIDs) whose definitions the reader could not build itself
-- (see indexes.sql).
SELECT x.oid::int8 AS oid,
       pg_catalog.pg_get_indexdef(x.oid) AS definition
FROM pg_catalog.unnest(%(oids)s::oid[]) AS x(oid)
