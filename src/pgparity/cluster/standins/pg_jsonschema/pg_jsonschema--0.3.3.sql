-- pgparity stand-in for pg_jsonschema 0.3, written from its public documentation.
--
-- Faithful: the four functions' signatures and volatility, so CHECK constraints and functions
-- that call them can be created. Not faithful: nothing is validated; every schema is valid and
-- every document matches it, so a constraint built on them never rejects a row here.

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION pg_jsonschema" to load this file. \quit

CREATE FUNCTION json_matches_schema(schema json, instance json) RETURNS boolean
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$ SELECT true $fn$;

CREATE FUNCTION jsonb_matches_schema(schema json, instance jsonb) RETURNS boolean
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$ SELECT true $fn$;

CREATE FUNCTION jsonschema_is_valid(schema json) RETURNS boolean
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$ SELECT true $fn$;

CREATE FUNCTION jsonschema_validation_errors(schema json, instance json) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$ SELECT '{}'::text[] $fn$;
