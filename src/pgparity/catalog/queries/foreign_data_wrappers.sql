-- Foreign-data wrappers (database-wide, not in a schema). Handler and validator functions are
-- always schema-qualified; options as the catalog holds them (the reader sorts them by name).
SELECT w.oid::int8 AS oid,
       w.fdwname AS name,
       pg_catalog.pg_get_userbyid(w.fdwowner) AS owner,
       quote_ident(hn.nspname) || '.' || quote_ident(h.proname) AS handler,
       quote_ident(vn.nspname) || '.' || quote_ident(v.proname) AS validator,
       coalesce(w.fdwoptions, '{}') AS options,
       d.description AS comment,
       w.fdwacl::text[] AS acl,
       pg_catalog.acldefault('F', w.fdwowner)::text[] AS default_acl
FROM pg_catalog.pg_foreign_data_wrapper w
LEFT JOIN pg_catalog.pg_proc h ON h.oid = w.fdwhandler
LEFT JOIN pg_catalog.pg_namespace hn ON hn.oid = h.pronamespace
LEFT JOIN pg_catalog.pg_proc v ON v.oid = w.fdwvalidator
LEFT JOIN pg_catalog.pg_namespace vn ON vn.oid = v.pronamespace
LEFT JOIN pg_catalog.pg_description d
       ON d.objoid = w.oid AND d.classoid = 'pg_catalog.pg_foreign_data_wrapper'::regclass AND d.objsubid = 0
ORDER BY w.fdwname
