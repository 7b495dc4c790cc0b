-- pgparity stand-in for Supabase Wrappers 0.5, written from its public documentation.
--
-- Faithful: each built-in wrapper's <name>_fdw_handler, <name>_fdw_validator and <name>_fdw_meta
-- functions and the wrappers_fdw_stats table, so CREATE FOREIGN DATA WRAPPER ... HANDLER
-- stripe_fdw_handler VALIDATOR stripe_fdw_validator, CREATE SERVER and CREATE FOREIGN TABLE
-- apply. Not faithful: no remote data is ever fetched. A handler must be written in C, so the
-- handlers are the file_fdw contrib module's handler (created only when file_fdw is available on
-- this machine). Such a foreign table is created as usual, but a query on it fails (file_fdw
-- finds no file option), and IMPORT FOREIGN SCHEMA fails ("does not support IMPORT FOREIGN
-- SCHEMA"). The validators accept every option but file_fdw's own filename and program, so that
-- no foreign table made through them can read a file or run a program.

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION wrappers" to load this file. \quit

CREATE TABLE wrappers_fdw_stats (
  fdw_name text NOT NULL PRIMARY KEY,
  create_times bigint,
  rows_in bigint,
  rows_out bigint,
  bytes_in bigint,
  bytes_out bigint,
  metadata jsonb,
  created_at timestamptz NOT NULL DEFAULT pg_catalog.timezone('utc'::text, pg_catalog.now()),
  updated_at timestamptz NOT NULL DEFAULT pg_catalog.timezone('utc'::text, pg_catalog.now())
);
COMMENT ON TABLE wrappers_fdw_stats IS 'Wrappers Foreign Data Wrapper statistics';

-- Handlers need C: bind them to file_fdw's when that module is installed here.
DO $do$
DECLARE
  fdw text;
  has_file_fdw boolean := EXISTS (SELECT FROM pg_catalog.pg_available_extensions WHERE name = 'file_fdw');
BEGIN
  IF NOT has_file_fdw THEN
    RAISE WARNING 'pgparity stand-in for wrappers: file_fdw is not available, so no *_fdw_handler function is created';
  END IF;
  FOREACH fdw IN ARRAY ARRAY['airtable', 'auth0', 'big_query', 'click_house', 'cognito', 'duckdb', 'firebase', 'iceberg', 'logflare', 'mssql', 'redis', 's3', 'stripe', 'wasm'] LOOP
    IF has_file_fdw THEN
      EXECUTE pg_catalog.format(
        'CREATE FUNCTION %I() RETURNS fdw_handler LANGUAGE c STRICT AS %L, %L',
        fdw || '_fdw_handler', '$libdir/file_fdw', 'file_fdw_handler');
    END IF;
  END LOOP;
END
$do$;

CREATE FUNCTION airtable_fdw_validator(options text[], catalog oid) RETURNS void
LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
  opt text;
BEGIN
  -- Everything is accepted but file_fdw's own options (see the header).
  FOREACH opt IN ARRAY coalesce(options, '{}') LOOP
    IF pg_catalog.split_part(opt, '=', 1) IN ('filename', 'program') THEN
      RAISE EXCEPTION 'option "%" is not accepted by this pgparity stand-in', pg_catalog.split_part(opt, '=', 1)
        USING ERRCODE = 'fdw_invalid_option_name';
    END IF;
  END LOOP;
END
$fn$;
CREATE FUNCTION airtable_fdw_meta() RETURNS TABLE (name text, version text, author text, website text)
  LANGUAGE sql IMMUTABLE AS $fn$ SELECT 'airtable'::text, '0.5.0'::text, 'pgparity stand-in'::text, ''::text $fn$;

CREATE FUNCTION auth0_fdw_validator(options text[], catalog oid) RETURNS void
LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
  opt text;
BEGIN
  -- Everything is accepted but file_fdw's own options (see the header).
  FOREACH opt IN ARRAY coalesce(options, '{}') LOOP
    IF pg_catalog.split_part(opt, '=', 1) IN ('filename', 'program') THEN
      RAISE EXCEPTION 'option "%" is not accepted by this pgparity stand-in', pg_catalog.split_part(opt, '=', 1)
        USING ERRCODE = 'fdw_invalid_option_name';
    END IF;
  END LOOP;
END
$fn$;
CREATE FUNCTION auth0_fdw_meta() RETURNS TABLE (name text, version text, author text, website text)
  LANGUAGE sql IMMUTABLE AS $fn$ SELECT 'auth0'::text, '0.5.0'::text, 'pgparity stand-in'::text, ''::text $fn$;

CREATE FUNCTION big_query_fdw_validator(options text[], catalog oid) RETURNS void
LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
  opt text;
BEGIN
  -- Everything is accepted but file_fdw's own options (see the header).
  FOREACH opt IN ARRAY coalesce(options, '{}') LOOP
    IF pg_catalog.split_part(opt, '=', 1) IN ('filename', 'program') THEN
      RAISE EXCEPTION 'option "%" is not accepted by this pgparity stand-in', pg_catalog.split_part(opt, '=', 1)
        USING ERRCODE = 'fdw_invalid_option_name';
    END IF;
  END LOOP;
END
$fn$;
CREATE FUNCTION big_query_fdw_meta() RETURNS TABLE (name text, version text, author text, website text)
  LANGUAGE sql IMMUTABLE AS $fn$ SELECT 'big_query'::text, '0.5.0'::text, 'pgparity stand-in'::text, ''::text $fn$;

CREATE FUNCTION click_house_fdw_validator(options text[], catalog oid) RETURNS void
LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
  opt text;
BEGIN
  -- Everything is accepted but file_fdw's own options (see the header).
  FOREACH opt IN ARRAY coalesce(options, '{}') LOOP
    IF pg_catalog.split_part(opt, '=', 1) IN ('filename', 'program') THEN
      RAISE EXCEPTION 'option "%" is not accepted by this pgparity stand-in', pg_catalog.split_part(opt, '=', 1)
        USING ERRCODE = 'fdw_invalid_option_name';
    END IF;
  END LOOP;
END
$fn$;
CREATE FUNCTION click_house_fdw_meta() RETURNS TABLE (name text, version text, author text, website text)
  LANGUAGE sql IMMUTABLE AS $fn$ SELECT 'click_house'::text, '0.5.0'::text, 'pgparity stand-in'::text, ''::text $fn$;

CREATE FUNCTION cognito_fdw_validator(options text[], catalog oid) RETURNS void
LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
  opt text;
BEGIN
  -- Everything is accepted but file_fdw's own options (see the header).
  FOREACH opt IN ARRAY coalesce(options, '{}') LOOP
    IF pg_catalog.split_part(opt, '=', 1) IN ('filename', 'program') THEN
      RAISE EXCEPTION 'option "%" is not accepted by this pgparity stand-in', pg_catalog.split_part(opt, '=', 1)
        USING ERRCODE = 'fdw_invalid_option_name';
    END IF;
  END LOOP;
END
$fn$;
CREATE FUNCTION cognito_fdw_meta() RETURNS TABLE (name text, version text, author text, website text)
  LANGUAGE sql IMMUTABLE AS $fn$ SELECT 'cognito'::text, '0.5.0'::text, 'pgparity stand-in'::text, ''::text $fn$;

CREATE FUNCTION duckdb_fdw_validator(options text[], catalog oid) RETURNS void
LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
  opt text;
BEGIN
  -- Everything is accepted but file_fdw's own options (see the header).
  FOREACH opt IN ARRAY coalesce(options, '{}') LOOP
    IF pg_catalog.split_part(opt, '=', 1) IN ('filename', 'program') THEN
      RAISE EXCEPTION 'option "%" is not accepted by this pgparity stand-in', pg_catalog.split_part(opt, '=', 1)
        USING ERRCODE = 'fdw_invalid_option_name';
    END IF;
  END LOOP;
END
$fn$;
CREATE FUNCTION duckdb_fdw_meta() RETURNS TABLE (name text, version text, author text, website text)
  LANGUAGE sql IMMUTABLE AS $fn$ SELECT 'duckdb'::text, '0.5.0'::text, 'pgparity stand-in'::text, ''::text $fn$;

CREATE FUNCTION firebase_fdw_validator(options text[], catalog oid) RETURNS void
LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
  opt text;
BEGIN
  -- Everything is accepted but file_fdw's own options (see the header).
  FOREACH opt IN ARRAY coalesce(options, '{}') LOOP
    IF pg_catalog.split_part(opt, '=', 1) IN ('filename', 'program') THEN
      RAISE EXCEPTION 'option "%" is not accepted by this pgparity stand-in', pg_catalog.split_part(opt, '=', 1)
        USING ERRCODE = 'fdw_invalid_option_name';
    END IF;
  END LOOP;
END
$fn$;
CREATE FUNCTION firebase_fdw_meta() RETURNS TABLE (name text, version text, author text, website text)
  LANGUAGE sql IMMUTABLE AS $fn$ SELECT 'firebase'::text, '0.5.0'::text, 'pgparity stand-in'::text, ''::text $fn$;

CREATE FUNCTION iceberg_fdw_validator(options text[], catalog oid) RETURNS void
LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
  opt text;
BEGIN
  -- Everything is accepted but file_fdw's own options (see the header).
  FOREACH opt IN ARRAY coalesce(options, '{}') LOOP
    IF pg_catalog.split_part(opt, '=', 1) IN ('filename', 'program') THEN
      RAISE EXCEPTION 'option "%" is not accepted by this pgparity stand-in', pg_catalog.split_part(opt, '=', 1)
        USING ERRCODE = 'fdw_invalid_option_name';
    END IF;
  END LOOP;
END
$fn$;
CREATE FUNCTION iceberg_fdw_meta() RETURNS TABLE (name text, version text, author text, website text)
  LANGUAGE sql IMMUTABLE AS $fn$ SELECT 'iceberg'::text, '0.5.0'::text, 'pgparity stand-in'::text, ''::text $fn$;

CREATE FUNCTION logflare_fdw_validator(options text[], catalog oid) RETURNS void
LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
  opt text;
BEGIN
  -- Everything is accepted but file_fdw's own options (see the header).
  FOREACH opt IN ARRAY coalesce(options, '{}') LOOP
    IF pg_catalog.split_part(opt, '=', 1) IN ('filename', 'program') THEN
      RAISE EXCEPTION 'option "%" is not accepted by this pgparity stand-in', pg_catalog.split_part(opt, '=', 1)
        USING ERRCODE = 'fdw_invalid_option_name';
    END IF;
  END LOOP;
END
$fn$;
CREATE FUNCTION logflare_fdw_meta() RETURNS TABLE (name text, version text, author text, website text)
  LANGUAGE sql IMMUTABLE AS $fn$ SELECT 'logflare'::text, '0.5.0'::text, 'pgparity stand-in'::text, ''::text $fn$;

CREATE FUNCTION mssql_fdw_validator(options text[], catalog oid) RETURNS void
LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
  opt text;
BEGIN
  -- Everything is accepted but file_fdw's own options (see the header).
  FOREACH opt IN ARRAY coalesce(options, '{}') LOOP
    IF pg_catalog.split_part(opt, '=', 1) IN ('filename', 'program') THEN
      RAISE EXCEPTION 'option "%" is not accepted by this pgparity stand-in', pg_catalog.split_part(opt, '=', 1)
        USING ERRCODE = 'fdw_invalid_option_name';
    END IF;
  END LOOP;
END
$fn$;
CREATE FUNCTION mssql_fdw_meta() RETURNS TABLE (name text, version text, author text, website text)
  LANGUAGE sql IMMUTABLE AS $fn$ SELECT 'mssql'::text, '0.5.0'::text, 'pgparity stand-in'::text, ''::text $fn$;

CREATE FUNCTION redis_fdw_validator(options text[], catalog oid) RETURNS void
LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
  opt text;
BEGIN
  -- Everything is accepted but file_fdw's own options (see the header).
  FOREACH opt IN ARRAY coalesce(options, '{}') LOOP
    IF pg_catalog.split_part(opt, '=', 1) IN ('filename', 'program') THEN
      RAISE EXCEPTION 'option "%" is not accepted by this pgparity stand-in', pg_catalog.split_part(opt, '=', 1)
        USING ERRCODE = 'fdw_invalid_option_name';
    END IF;
  END LOOP;
END
$fn$;
CREATE FUNCTION redis_fdw_meta() RETURNS TABLE (name text, version text, author text, website text)
  LANGUAGE sql IMMUTABLE AS $fn$ SELECT 'redis'::text, '0.5.0'::text, 'pgparity stand-in'::text, ''::text $fn$;

CREATE FUNCTION s3_fdw_validator(options text[], catalog oid) RETURNS void
LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
  opt text;
BEGIN
  -- Everything is accepted but file_fdw's own options (see the header).
  FOREACH opt IN ARRAY coalesce(options, '{}') LOOP
    IF pg_catalog.split_part(opt, '=', 1) IN ('filename', 'program') THEN
      RAISE EXCEPTION 'option "%" is not accepted by this pgparity stand-in', pg_catalog.split_part(opt, '=', 1)
        USING ERRCODE = 'fdw_invalid_option_name';
    END IF;
  END LOOP;
END
$fn$;
CREATE FUNCTION s3_fdw_meta() RETURNS TABLE (name text, version text, author text, website text)
  LANGUAGE sql IMMUTABLE AS $fn$ SELECT 's3'::text, '0.5.0'::text, 'pgparity stand-in'::text, ''::text $fn$;

CREATE FUNCTION stripe_fdw_validator(options text[], catalog oid) RETURNS void
LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
  opt text;
BEGIN
  -- Everything is accepted but file_fdw's own options (see the header).
  FOREACH opt IN ARRAY coalesce(options, '{}') LOOP
    IF pg_catalog.split_part(opt, '=', 1) IN ('filename', 'program') THEN
      RAISE EXCEPTION 'option "%" is not accepted by this pgparity stand-in', pg_catalog.split_part(opt, '=', 1)
        USING ERRCODE = 'fdw_invalid_option_name';
    END IF;
  END LOOP;
END
$fn$;
CREATE FUNCTION stripe_fdw_meta() RETURNS TABLE (name text, version text, author text, website text)
  LANGUAGE sql IMMUTABLE AS $fn$ SELECT 'stripe'::text, '0.5.0'::text, 'pgparity stand-in'::text, ''::text $fn$;

CREATE FUNCTION wasm_fdw_validator(options text[], catalog oid) RETURNS void
LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
  opt text;
BEGIN
  -- Everything is accepted but file_fdw's own options (see the header).
  FOREACH opt IN ARRAY coalesce(options, '{}') LOOP
    IF pg_catalog.split_part(opt, '=', 1) IN ('filename', 'program') THEN
      RAISE EXCEPTION 'option "%" is not accepted by this pgparity stand-in', pg_catalog.split_part(opt, '=', 1)
        USING ERRCODE = 'fdw_invalid_option_name';
    END IF;
  END LOOP;
END
$fn$;
CREATE FUNCTION wasm_fdw_meta() RETURNS TABLE (name text, version text, author text, website text)
  LANGUAGE sql IMMUTABLE AS $fn$ SELECT 'wasm'::text, '0.5.0'::text, 'pgparity stand-in'::text, ''::text $fn$;
