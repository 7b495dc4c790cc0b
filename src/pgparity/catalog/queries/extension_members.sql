-- Objects that belong to an extension (left out of snapshots by default).
SELECT d.classid::int8 AS classid, d.objid::int8 AS objid
FROM pg_catalog.pg_depend d
WHERE d.deptype = 'e'
