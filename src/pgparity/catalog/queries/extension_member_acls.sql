-- Privileges of the objects that belong to an extension (and of their columns), where they
-- differ from the ones the extension left: pg_init_privs, or the built-in default (acldefault)
-- when it has no entry. That difference is what the user changed after CREATE EXTENSION, and
-- what pg_dump dumps for a member. Objects are named as GRANT names them, quoted and qualified.
-- Driven by the member rows (pg_depend deptype e), so only members' catalog rows are read; the
-- reader compares the two ACLs grant by grant (these rows may differ in item order only).
WITH members AS (
    SELECT d.classid, d.objid, e.extname
      FROM pg_catalog.pg_depend d
      JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid
     WHERE d.deptype = 'e' AND d.refclassid = 'pg_catalog.pg_extension'::regclass
),
acls (extension, classid, objid, objsubid, object_type, name, column_name, acl, default_acl) AS (
    SELECT m.extname, m.classid, c.oid, 0,
           CASE WHEN c.relkind = 'S' THEN 'SEQUENCE' ELSE 'TABLE' END,
           pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname),
           NULL::name, c.relacl,
           pg_catalog.acldefault(CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END::"char", c.relowner)
      FROM members m
      JOIN pg_catalog.pg_class c ON c.oid = m.objid
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE m.classid = 'pg_catalog.pg_class'::regclass AND c.relacl IS NOT NULL
    UNION ALL
    SELECT m.extname, m.classid, c.oid, a.attnum,
           'TABLE',
           pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname),
           a.attname, a.attacl, '{}'::aclitem[]
      FROM members m
      JOIN pg_catalog.pg_class c ON c.oid = m.objid
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
     WHERE m.classid = 'pg_catalog.pg_class'::regclass AND a.attacl IS NOT NULL
    UNION ALL
    SELECT m.extname, m.classid, p.oid, 0,
           CASE WHEN p.prokind = 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END,
           pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(p.proname)
               || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')',
           NULL, p.proacl, pg_catalog.acldefault('f', p.proowner)
      FROM members m
      JOIN pg_catalog.pg_proc p ON p.oid = m.objid
      JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
     WHERE m.classid = 'pg_catalog.pg_proc'::regclass AND p.proacl IS NOT NULL
    UNION ALL
    SELECT m.extname, m.classid, t.oid, 0,
           CASE WHEN t.typtype = 'd' THEN 'DOMAIN' ELSE 'TYPE' END,
           pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(t.typname),
           NULL, t.typacl, pg_catalog.acldefault('T', t.typowner)
      FROM members m
      JOIN pg_catalog.pg_type t ON t.oid = m.objid
      JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
     WHERE m.classid = 'pg_catalog.pg_type'::regclass AND t.typacl IS NOT NULL
    UNION ALL
    SELECT m.extname, m.classid, n.oid, 0, 'SCHEMA', pg_catalog.quote_ident(n.nspname),
           NULL, n.nspacl, pg_catalog.acldefault('n', n.nspowner)
      FROM members m
      JOIN pg_catalog.pg_namespace n ON n.oid = m.objid
     WHERE m.classid = 'pg_catalog.pg_namespace'::regclass AND n.nspacl IS NOT NULL
    UNION ALL
    SELECT m.extname, m.classid, l.oid, 0, 'LANGUAGE', pg_catalog.quote_ident(l.lanname),
           NULL, l.lanacl, pg_catalog.acldefault('l', l.lanowner)
      FROM members m
      JOIN pg_catalog.pg_language l ON l.oid = m.objid
     WHERE m.classid = 'pg_catalog.pg_language'::regclass AND l.lanacl IS NOT NULL
    UNION ALL
    SELECT m.extname, m.classid, w.oid, 0, 'FOREIGN DATA WRAPPER', pg_catalog.quote_ident(w.fdwname),
           NULL, w.fdwacl, pg_catalog.acldefault('F', w.fdwowner)
      FROM members m
      JOIN pg_catalog.pg_foreign_data_wrapper w ON w.oid = m.objid
     WHERE m.classid = 'pg_catalog.pg_foreign_data_wrapper'::regclass AND w.fdwacl IS NOT NULL
    UNION ALL
    SELECT m.extname, m.classid, s.oid, 0, 'FOREIGN SERVER', pg_catalog.quote_ident(s.srvname),
           NULL, s.srvacl, pg_catalog.acldefault('S', s.srvowner)
      FROM members m
      JOIN pg_catalog.pg_foreign_server s ON s.oid = m.objid
     WHERE m.classid = 'pg_catalog.pg_foreign_server'::regclass AND s.srvacl IS NOT NULL
)
SELECT a.extension,
       a.object_type,
       a.name,
       a.column_name AS "column",
       a.acl::text[] AS acl,
       coalesce(i.initprivs, a.default_acl)::text[] AS initial_acl
FROM acls a
LEFT JOIN pg_catalog.pg_init_privs i
       ON i.classoid = a.classid AND i.objoid = a.objid AND i.objsubid = a.objsubid
WHERE a.acl::text[] IS DISTINCT FROM coalesce(i.initprivs, a.default_acl)::text[]
ORDER BY a.extension, a.object_type, a.name, a.column_name
