-- pgparity stand-in for pg_graphql 1.5, written from pg_graphql's public documentation.
--
-- Faithful: the graphql schema and graphql.resolve's signature (what graphql_public.graphql and
-- migrations call), comment_directive (reads the @graphql({...}) directives of comments) and
-- exception. Not faithful: no GraphQL request is executed; resolve answers every request with a
-- GraphQL error saying so, and the schema-cache event triggers are absent.

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION pg_graphql" to load this file. \quit

CREATE FUNCTION graphql.resolve(
  query text,
  variables jsonb DEFAULT '{}',
  "operationName" text DEFAULT NULL,
  extensions jsonb DEFAULT NULL
) RETURNS jsonb
LANGUAGE sql VOLATILE SET search_path = '' AS $fn$
  SELECT pg_catalog.jsonb_build_object(
    'data', NULL,
    'errors', pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
      'message', 'pgparity stand-in for pg_graphql: GraphQL requests are not executed')))
$fn$;

CREATE FUNCTION graphql.comment_directive(comment_ text) RETURNS jsonb
LANGUAGE sql IMMUTABLE SET search_path = '' AS $fn$
  SELECT pg_catalog.substring(comment_ FROM '@graphql\((.*)\)')::jsonb
$fn$;

CREATE FUNCTION graphql.exception(message text) RETURNS text
LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION USING ERRCODE = '22000', MESSAGE = message;
END
$fn$;

CREATE FUNCTION graphql.get_schema_version() RETURNS integer
LANGUAGE sql STABLE AS $fn$ SELECT 0 $fn$;

GRANT USAGE ON SCHEMA graphql TO public;
