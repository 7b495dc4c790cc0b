-- User mappings, read through the pg_user_mappings view (never pg_user_mapping itself): it
-- shows a mapping's options (passwords among them) only to a role allowed to see them, and
-- null to any other. options_visible repeats the view's condition, so that options it hides
-- are told apart from no options: the mapped user itself with USAGE on the server (or owning
-- it), a role acting as the server's owner for a PUBLIC mapping, or a superuser.
SELECT m.umid::int8 AS oid,
       m.srvname AS server,
       CASE WHEN m.umuser = 0 THEN 'PUBLIC' ELSE m.usename::text END AS role,
       coalesce(m.umoptions, '{}') AS options,
       m.umoptions IS NOT NULL
         OR (m.umuser <> 0 AND m.usename = current_user
             AND (pg_catalog.pg_has_role(s.srvowner, 'USAGE')
                  OR pg_catalog.has_server_privilege(s.oid, 'USAGE')))
         OR (m.umuser = 0 AND pg_catalog.pg_has_role(s.srvowner, 'USAGE'))
         OR coalesce((SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = current_user), false)
         AS options_visible
FROM pg_catalog.pg_user_mappings m
JOIN pg_catalog.pg_foreign_server s ON s.oid = m.srvid
ORDER BY m.srvname, 3
