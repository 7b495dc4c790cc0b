-- Roles, from pg_roles (never pg_authid: a role with nothing but read access may read it, and
-- no password or hash is ever read), but the predefined pg_* roles and the bootstrap superuser
-- (OID 10: its name is the installing OS user, different on every server).
-- config: ALTER ROLE ... SET for every database; database_config: ... IN DATABASE for the
-- database read. Memberships: one per granted role (PostgreSQL 16 keeps one per grantor), WITH
-- ADMIN OPTION when any grantor gave it; parallel arrays sorted by role name.
-- valid_until in UTC, so that the reading session's TimeZone does not matter; 'infinity' is no
-- expiry, as NULL is (ALTER ROLE cannot set NULL back).
SELECT r.oid::int8 AS oid,
       r.rolname AS name,
       r.rolcanlogin AS login,
       r.rolsuper AS superuser,
       r.rolcreatedb AS createdb,
       r.rolcreaterole AS createrole,
       r.rolinherit AS inherit,
       r.rolreplication AS replication,
       r.rolbypassrls AS bypassrls,
       r.rolconnlimit AS connection_limit,
       CASE WHEN r.rolvaliduntil IS NULL OR r.rolvaliduntil = 'infinity' THEN NULL
            ELSE pg_catalog.to_char(r.rolvaliduntil AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00'
       END AS valid_until,
       (SELECT s.setconfig FROM pg_catalog.pg_db_role_setting s
        WHERE s.setrole = r.oid AND s.setdatabase = 0) AS config,
       (SELECT s.setconfig FROM pg_catalog.pg_db_role_setting s
        JOIN pg_catalog.pg_database d ON d.oid = s.setdatabase
        WHERE s.setrole = r.oid AND d.datname = pg_catalog.current_database()) AS database_config,
       ARRAY(SELECT g.rolname FROM pg_catalog.pg_auth_members m
             JOIN pg_catalog.pg_roles g ON g.oid = m.roleid
             WHERE m.member = r.oid GROUP BY g.rolname ORDER BY g.rolname) AS member_of,
       ARRAY(SELECT pg_catalog.bool_or(m.admin_option) FROM pg_catalog.pg_auth_members m
             JOIN pg_catalog.pg_roles g ON g.oid = m.roleid
             WHERE m.member = r.oid GROUP BY g.rolname ORDER BY g.rolname) AS member_admin,
       d.description AS comment
FROM pg_catalog.pg_roles r
LEFT JOIN pg_catalog.pg_shdescription d
       ON d.objoid = r.oid AND d.classoid = 'pg_catalog.pg_authid'::regclass
WHERE r.oid <> 10 AND r.rolname !~ '^pg_'
ORDER BY r.rolname
