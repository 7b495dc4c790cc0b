-- Regular, partitioned and foreign tables in the selected schemas (a foreign table with its
-- server and OPTIONS; the reader sorts OPTIONS by name).
SELECT c.oid::int8 AS oid,
       n.nspname AS schema,
       c.relname AS name,
       pg_catalog.pg_get_userbyid(c.relowner) AS owner,
       c.relkind::text AS relkind,
       CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END AS partition_key,
       (SELECT quote_ident(pn.nspname) || '.' || quote_ident(pc.relname)
          FROM pg_catalog.pg_inherits i
          JOIN pg_catalog.pg_class pc ON pc.oid = i.inhparent
          JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace
         WHERE i.inhrelid = c.oid AND c.relispartition) AS partition_of,
       CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid) END AS partition_bound,
       ARRAY(SELECT quote_ident(pn.nspname) || '.' || quote_ident(pc.relname)
               FROM pg_catalog.pg_inherits i
               JOIN pg_catalog.pg_class pc ON pc.oid = i.inhparent
               JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace
              WHERE i.inhrelid = c.oid AND NOT c.relispartition
              ORDER BY i.inhseqno) AS inherits,
       c.relpersistence = 'u' AS unlogged,
       coalesce(c.reloptions, '{}') AS reloptions,
       c.relreplident::text AS replica_identity,
       (SELECT ic.relname
          FROM pg_catalog.pg_index x
          JOIN pg_catalog.pg_class ic ON ic.oid = x.indexrelid
         WHERE x.indrelid = c.oid AND x.indisreplident) AS replica_identity_index,
       c.relrowsecurity AS rls_enabled,
       c.relforcerowsecurity AS rls_forced,
       d.description AS comment,
       c.relacl::text[] AS acl,
       pg_catalog.acldefault('r', c.relowner)::text[] AS default_acl,
       fs.srvname AS server,
       ft.ftoptions AS fdw_options
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_foreign_table ft ON ft.ftrelid = c.oid
LEFT JOIN pg_catalog.pg_foreign_server fs ON fs.oid = ft.ftserver
LEFT JOIN pg_catalog.pg_description d
       ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0
WHERE c.relkind IN ('r', 'p', 'f')
  AND c.relnamespace = ANY(%(schemas)s::oid[])
ORDER BY n.nspname, c.relname
