-- Publications (database-wide). Schemas are those of FOR TABLES IN SCHEMA (PostgreSQL 15+).
SELECT p.oid::int8 AS oid,
       p.pubname AS name,
       pg_catalog.pg_get_userbyid(p.pubowner) AS owner,
       p.puballtables AS all_tables,
       p.pubinsert AS insert,
       p.pubupdate AS update,
       p.pubdelete AS delete,
       p.pubtruncate AS truncate,
       p.pubviaroot AS via_root,
       ARRAY(SELECT sn.nspname
               FROM pg_catalog.pg_publication_namespace pn
               JOIN pg_catalog.pg_namespace sn ON sn.oid = pn.pnnspid
              WHERE pn.pnpubid = p.oid) AS schemas,
       d.description AS comment
FROM pg_catalog.pg_publication p
LEFT JOIN pg_catalog.pg_description d
       ON d.objoid = p.oid AND d.classoid = 'pg_catalog.pg_publication'::regclass AND d.objsubid = 0
ORDER BY p.pubname
