-- OIDs of the system catalogs that pg_depend and pg_description refer to.
SELECT c.relname AS name, c.oid::int8 AS oid
FROM pg_catalog.pg_class c
WHERE c.relnamespace = 'pg_catalog'::regnamespace
  AND c.relname IN ('pg_namespace', 'pg_class', 'pg_type', 'pg_proc', 'pg_constraint', 'pg_trigger',
                    'pg_policy', 'pg_collation', 'pg_extension', 'pg_event_trigger', 'pg_publication',
                    'pg_default_acl', 'pg_attrdef', 'pg_rewrite', 'pg_am', 'pg_operator',
                    'pg_foreign_data_wrapper', 'pg_foreign_server', 'pg_user_mapping', 'pg_statistic_ext')
ORDER BY 1
