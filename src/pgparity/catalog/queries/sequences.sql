-- Sequences in the selected schemas, without identity sequences (those belong to their column).
-- last_value is not read: it needs SELECT on the sequence, and it is data, not schema.
SELECT c.oid::int8 AS oid,
       n.nspname AS schema,
       c.relname AS name,
       pg_catalog.pg_get_userbyid(c.relowner) AS owner,
       pg_catalog.format_type(s.seqtypid, NULL) AS data_type,
       s.seqstart AS start,
       s.seqincrement AS increment,
       s.seqmin AS min_value,
       s.seqmax AS max_value,
       s.seqcache AS cache,
       s.seqcycle AS cycle,
       c.relpersistence = 'u' AS unlogged,
       (SELECT pg_catalog.quote_ident(tn.nspname) || '.' || pg_catalog.quote_ident(t.relname) || '.'
               || pg_catalog.quote_ident(a.attname)
          FROM pg_catalog.pg_depend dep
          JOIN pg_catalog.pg_class t ON t.oid = dep.refobjid
          JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace
          JOIN pg_catalog.pg_attribute a ON a.attrelid = dep.refobjid AND a.attnum = dep.refobjsubid
         WHERE dep.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
           AND dep.objid = c.oid
           AND dep.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
           AND dep.refobjsubid > 0
           AND dep.deptype = 'a') AS owned_by,
       d.description AS comment,
       c.relacl::text[] AS acl,
       pg_catalog.acldefault('s', c.relowner)::text[] AS default_acl
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_sequence s ON s.seqrelid = c.oid
LEFT JOIN pg_catalog.pg_description d
       ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objsubid = 0
WHERE c.relkind = 'S'
  AND c.relnamespace = ANY(%(schemas)s::oid[])
  AND NOT EXISTS (SELECT 1
                    FROM pg_catalog.pg_depend i
                   WHERE i.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                     AND i.objid = c.oid
                     AND i.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
                     AND i.deptype = 'i')
ORDER BY n.nspname, c.relname
