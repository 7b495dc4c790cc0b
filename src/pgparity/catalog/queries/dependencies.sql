-- pg_depend edges between user objects: normal, auto and internal.
-- Rows for catalogs that are not captured as objects of their own are moved onto the object
-- that is, in the same query:
--   a view's or materialized view's _RETURN rule          -> the view      (pg_class, ev_class)
--   a column default (pg_attrdef)                         -> the column    (pg_class, adrelid, adnum)
--   a FOR TABLE / FOR TABLES IN SCHEMA publication member -> the publication
--   a table's, view's or materialized view's row type     -> the relation  (pg_class, typrelid)
--   an array type                                          -> its element type (or, for an
--                                                             array of row type, the relation)
-- The reader then maps each end through the objects and columns the kind readers recorded,
-- and keeps an edge only when both ends are captured and differ. It collects the edges in a
-- set and sorts them, so rows come in no particular order and may repeat
-- (no DISTINCT and ORDER BY: sorting ~70,000 rows was a third of this query's time).
-- Only the type rows of the remap are ever on the referenced side (nothing depends on a rule, a
-- default or a publication member), so only they are joined there.
-- Hash joins only: the planner's merge join walked pg_depend through an index to feed it, which
-- took a sixth more of the server's time on a large schema.
-- planner: enable_mergejoin = off
WITH type_remap (classid, objid, new_classid, new_objid, new_objsubid) AS (
    -- A routine taking or returning rows of a relation depends on its row type, which is not
    -- captured on its own; the relation must exist first and goes away with it.
    SELECT 'pg_catalog.pg_type'::regclass::oid, t.oid, 'pg_catalog.pg_class'::regclass::oid, c.oid, 0
      FROM pg_catalog.pg_type t
      JOIN pg_catalog.pg_class c ON c.oid = t.typrelid
     WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND c.oid >= 16384
    UNION ALL
    -- Array types are not captured either: an array of a relation's row type is the relation,
    -- any other array (enum[], domain[], composite[]) its element type.
    SELECT 'pg_catalog.pg_type'::regclass::oid, arr.oid,
           CASE WHEN c.oid IS NOT NULL THEN 'pg_catalog.pg_class'::regclass::oid
                ELSE 'pg_catalog.pg_type'::regclass::oid END,
           coalesce(c.oid, t.oid), 0
      FROM pg_catalog.pg_type arr
      JOIN pg_catalog.pg_type t ON t.typarray = arr.oid
      LEFT JOIN pg_catalog.pg_class c ON c.oid = t.typrelid AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
     WHERE arr.oid >= 16384
),
remap (classid, objid, new_classid, new_objid, new_objsubid) AS (
    SELECT 'pg_catalog.pg_rewrite'::regclass::oid, r.oid, 'pg_catalog.pg_class'::regclass::oid, r.ev_class, 0
      FROM pg_catalog.pg_rewrite r
     WHERE r.rulename = '_RETURN' AND r.ev_class >= 16384
    UNION ALL
    SELECT 'pg_catalog.pg_attrdef'::regclass::oid, ad.oid, 'pg_catalog.pg_class'::regclass::oid, ad.adrelid,
           ad.adnum::int
      FROM pg_catalog.pg_attrdef ad
    UNION ALL
    SELECT 'pg_catalog.pg_publication_rel'::regclass::oid, pr.oid, 'pg_catalog.pg_publication'::regclass::oid,
           pr.prpubid, 0
      FROM pg_catalog.pg_publication_rel pr
    UNION ALL
    SELECT 'pg_catalog.pg_publication_namespace'::regclass::oid, pn.oid,
           'pg_catalog.pg_publication'::regclass::oid, pn.pnpubid, 0
      FROM pg_catalog.pg_publication_namespace pn
    UNION ALL
    SELECT * FROM type_remap
)
-- Each end as one int8, context.end_code: (classid << 48) | (objid << 16) | (objsubid & 65535).
-- (PostgreSQL gives <<, | and & the same precedence, left to right: every part is bracketed.)
SELECT ((e.classid << 48) | (e.objid << 16) | (e.objsubid & 65535)::int8) AS dependent,
       ((e.refclassid << 48) | (e.refobjid << 16) | (e.refobjsubid & 65535)::int8) AS referenced,
       e.deptype
FROM pg_catalog.pg_depend d
LEFT JOIN remap m ON m.classid = d.classid AND m.objid = d.objid
LEFT JOIN type_remap rm ON rm.classid = d.refclassid AND rm.objid = d.refobjid
CROSS JOIN LATERAL (
    SELECT coalesce(m.new_classid, d.classid)::int8 AS classid,
           coalesce(m.new_objid, d.objid)::int8 AS objid,
           coalesce(m.new_objsubid, d.objsubid)::int AS objsubid,
           coalesce(rm.new_classid, d.refclassid)::int8 AS refclassid,
           coalesce(rm.new_objid, d.refobjid)::int8 AS refobjid,
           coalesce(rm.new_objsubid, d.refobjsubid)::int AS refobjsubid,
           d.deptype::text AS deptype
) e
WHERE d.deptype IN ('n', 'a', 'i')
  -- Both ends user objects (OID >= 16384), which every captured object is but the ones initdb
  -- makes: the public schema and the plpgsql extension. Edges to built-in types, functions and
  -- languages are a third of pg_depend on a large schema, and never edges between captured objects.
  AND (d.objid >= 16384 OR d.classid IN ('pg_catalog.pg_namespace'::regclass, 'pg_catalog.pg_extension'::regclass))
  AND (d.refobjid >= 16384
       OR d.refclassid IN ('pg_catalog.pg_namespace'::regclass, 'pg_catalog.pg_extension'::regclass))
  -- Rows that can only give an edge from an object to itself, left out before the joins (a
  -- third of pg_depend on a large schema): a default on its own column; a key's index and a
  -- constraint's trigger on their constraint (both are recorded as the constraint, or not
  -- captured).
  AND NOT (d.classid = 'pg_catalog.pg_attrdef'::regclass AND d.deptype = 'a')
  AND NOT (d.refclassid = 'pg_catalog.pg_constraint'::regclass AND d.deptype = 'i'
           AND d.classid IN ('pg_catalog.pg_class'::regclass, 'pg_catalog.pg_trigger'::regclass))
  -- a view's rule on the view itself, a default on its own column
  AND (e.classid, e.objid, e.objsubid) IS DISTINCT FROM (e.refclassid, e.refobjid, e.refobjsubid)
