-- Foreign servers (database-wide, not in a schema); options as the catalog holds them (the
-- reader sorts them by name).
SELECT s.oid::int8 AS oid,
       s.srvname AS name,
       w.fdwname AS wrapper,
       pg_catalog.pg_get_userbyid(s.srvowner) AS owner,
       s.srvtype AS type,
       s.srvversion AS version,
       coalesce(s.srvoptions, '{}') AS options,
       d.description AS comment,
       s.srvacl::text[] AS acl,
       pg_catalog.acldefault('S', s.srvowner)::text[] AS default_acl
FROM pg_catalog.pg_foreign_server s
JOIN pg_catalog.pg_foreign_data_wrapper w ON w.oid = s.srvfdw
LEFT JOIN pg_catalog.pg_description d
       ON d.objoid = s.oid AND d.classoid = 'pg_catalog.pg_foreign_server'::regclass AND d.objsubid = 0
ORDER BY s.srvname
