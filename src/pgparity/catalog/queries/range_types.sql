-- Range types in the selected schemas (their implicit multirange types are not listed apart).
-- The operator class and collation only when they differ from the subtype's defaults;
-- functions and the multirange type as quoted, schema-qualified names.
-- The array, multirange and multirange array OIDs are recorded as the range type so
-- dependencies on them resolve.
SELECT t.oid::int8 AS oid,
       n.nspname AS schema,
       t.typname AS name,
       t.typarray::int8 AS array_oid,
       r.rngmultitypid::int8 AS multirange_oid,
       m.typarray::int8 AS multirange_array_oid,
       pg_catalog.format_type(r.rngsubtype, NULL) AS subtype,
       CASE WHEN NOT opc.opcdefault
            THEN pg_catalog.quote_ident(opcn.nspname) || '.' || pg_catalog.quote_ident(opc.opcname) END
           AS subtype_opclass,
       CASE WHEN r.rngcollation <> st.typcollation
            THEN pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname) END AS collation,
       CASE WHEN r.rngcanonical <> 0
            THEN pg_catalog.quote_ident(cfn.nspname) || '.' || pg_catalog.quote_ident(cf.proname) END AS canonical,
       CASE WHEN r.rngsubdiff <> 0
            THEN pg_catalog.quote_ident(sfn.nspname) || '.' || pg_catalog.quote_ident(sf.proname) END AS subtype_diff,
       pg_catalog.quote_ident(mn.nspname) || '.' || pg_catalog.quote_ident(m.typname) AS multirange_name,
       pg_catalog.pg_get_userbyid(t.typowner) AS owner,
       d.description AS comment,
       t.typacl::text[] AS acl,
       pg_catalog.acldefault('T', t.typowner)::text[] AS default_acl
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
JOIN pg_catalog.pg_range r ON r.rngtypid = t.oid
JOIN pg_catalog.pg_type st ON st.oid = r.rngsubtype
JOIN pg_catalog.pg_opclass opc ON opc.oid = r.rngsubopc
JOIN pg_catalog.pg_namespace opcn ON opcn.oid = opc.opcnamespace
LEFT JOIN pg_catalog.pg_collation co ON co.oid = r.rngcollation
LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
LEFT JOIN pg_catalog.pg_proc cf ON cf.oid = r.rngcanonical
LEFT JOIN pg_catalog.pg_namespace cfn ON cfn.oid = cf.pronamespace
LEFT JOIN pg_catalog.pg_proc sf ON sf.oid = r.rngsubdiff
LEFT JOIN pg_catalog.pg_namespace sfn ON sfn.oid = sf.pronamespace
LEFT JOIN pg_catalog.pg_type m ON m.oid = r.rngmultitypid
LEFT JOIN pg_catalog.pg_namespace mn ON mn.oid = m.typnamespace
LEFT JOIN pg_catalog.pg_description d
       ON d.objoid = t.oid AND d.classoid = 'pg_catalog.pg_type'::pg_catalog.regclass AND d.objsubid = 0
WHERE t.typtype = 'r'
  AND t.typnamespace = ANY(%(schemas)s::oid[])
ORDER BY n.nspname, t.typname
