-- Functions, procedures, aggregates and window functions in the selected schemas.
-- Names of other routines (aggregate support functions) are regproc text: schema-qualified
-- unless they live in pg_catalog, because the reader runs with search_path = pg_catalog.
SELECT p.oid::int8 AS oid,
       n.nspname AS schema,
       p.proname AS name,
       p.prokind::text AS prokind,
       pg_catalog.pg_get_function_identity_arguments(p.oid) AS identity_args,
       pg_catalog.pg_get_function_arguments(p.oid) AS arguments,
       pg_catalog.pg_get_function_result(p.oid) AS return_type,
       l.lanname AS language,
       CASE WHEN p.prosqlbody IS NOT NULL THEN pg_catalog.pg_get_function_sqlbody(p.oid)
            WHEN p.probin IS NOT NULL THEN pg_catalog.quote_literal(p.probin) || ', ' || pg_catalog.quote_literal(p.prosrc)
            ELSE p.prosrc END AS body,
       pg_catalog.pg_get_userbyid(p.proowner) AS owner,
       p.provolatile::text AS volatility,
       p.proisstrict AS strict,
       p.prosecdef AS security_definer,
       p.proparallel::text AS parallel,
       p.proleakproof AS leakproof,
       -- real (float4) as the text it prints (0.1, not the float8 0.10000000149...): rows
       -- come in binary, where a float4 is its exact binary value.
       p.procost::text::float8 AS cost,
       CASE WHEN p.prorows <> 0 THEN p.prorows::text::float8 END AS rows,
       coalesce(p.proconfig, '{}') AS config,
       CASE WHEN p.prokind <> 'a' THEN pg_catalog.pg_get_functiondef(p.oid) END AS definition,
       a.aggtransfn::regproc::text AS agg_sfunc,
       pg_catalog.format_type(a.aggtranstype, NULL) AS agg_stype,
       CASE WHEN a.aggfinalfn <> 0 THEN a.aggfinalfn::regproc::text END AS agg_finalfunc,
       CASE WHEN a.aggcombinefn <> 0 THEN a.aggcombinefn::regproc::text END AS agg_combinefunc,
       CASE WHEN a.aggserialfn <> 0 THEN a.aggserialfn::regproc::text END AS agg_serialfunc,
       CASE WHEN a.aggdeserialfn <> 0 THEN a.aggdeserialfn::regproc::text END AS agg_deserialfunc,
       a.agginitval AS agg_initcond,
       CASE WHEN a.aggsortop <> 0 THEN a.aggsortop::regoperator::text END AS agg_sortop,
       a.aggkind::text AS agg_kind,
       a.aggfinalextra AS agg_finalfunc_extra,
       a.aggfinalmodify::text AS agg_finalfunc_modify,
       nullif(a.aggtransspace, 0) AS agg_transspace,
       CASE WHEN a.aggmtransfn <> 0 THEN pg_catalog.format_type(a.aggmtranstype, NULL) END AS agg_mstype,
       CASE WHEN a.aggmtransfn <> 0 THEN a.aggmtransfn::regproc::text END AS agg_msfunc,
       CASE WHEN a.aggminvtransfn <> 0 THEN a.aggminvtransfn::regproc::text END AS agg_minvfunc,
       CASE WHEN a.aggmfinalfn <> 0 THEN a.aggmfinalfn::regproc::text END AS agg_mfinalfunc,
       a.aggminitval AS agg_minitcond,
       a.aggmfinalextra AS agg_mfinalfunc_extra,
       CASE WHEN a.aggmtransfn <> 0 THEN a.aggmfinalmodify::text END AS agg_mfinalfunc_modify,
       nullif(a.aggmtransspace, 0) AS agg_mtransspace,
       d.description AS comment,
       p.proacl::text[] AS acl,
       pg_catalog.acldefault('f', p.proowner)::text[] AS default_acl
FROM pg_catalog.pg_proc p
JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
JOIN pg_catalog.pg_language l ON l.oid = p.prolang
LEFT JOIN pg_catalog.pg_aggregate a ON a.aggfnoid = p.oid
LEFT JOIN pg_catalog.pg_description d
       ON d.objoid = p.oid AND d.classoid = 'pg_catalog.pg_proc'::regclass AND d.objsubid = 0
WHERE p.pronamespace = ANY(%(schemas)s::oid[])
  -- Functions PostgreSQL creates with another object (range and multirange constructors)
  -- depend on it internally; they come and go with it.
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend i
                   WHERE i.classid = 'pg_catalog.pg_proc'::regclass AND i.objid = p.oid AND i.deptype = 'i')
ORDER BY n.nspname, p.proname, identity_args
