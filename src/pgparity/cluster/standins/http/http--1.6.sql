-- pgparity stand-in for pgsql-http 1.6, written from its public documentation.
--
-- Faithful: the types (http_method, content_type, http_header, http_request, http_response) and
-- the functions' signatures, urlencode and the bytea/text helpers. Harmless: no request is sent.
-- Every call is recorded in the table pgparity_http_requests and answered with status 200, an
-- empty JSON object as content and an x-pgparity-stand-in header saying so.
-- Functions that refer to this extension's own objects use SQL-standard bodies, which bind those
-- references when created, so the extension stays relocatable like the real one.

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION http" to load this file. \quit

CREATE DOMAIN http_method AS text
  CHECK (VALUE ILIKE 'get' OR VALUE ILIKE 'post' OR VALUE ILIKE 'put' OR VALUE ILIKE 'delete'
    OR VALUE ILIKE 'patch' OR VALUE ILIKE 'head');

CREATE DOMAIN content_type AS text CHECK (VALUE ~ '^\S+\/\S+');

CREATE TYPE http_header AS (field varchar, value varchar);

CREATE TYPE http_response AS (status integer, content_type varchar, headers http_header[], content varchar);

CREATE TYPE http_request AS (
  method http_method, uri varchar, headers http_header[], content_type varchar, content varchar
);

-- Where the stand-in records what would have been sent.
CREATE TABLE pgparity_http_requests (
  id bigserial PRIMARY KEY,
  method text NOT NULL,
  uri text NOT NULL,
  headers http_header[],
  content_type text,
  content text,
  requested_at timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE FUNCTION http_header(field varchar, value varchar) RETURNS http_header
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN ROW(field, value)::http_header;

CREATE FUNCTION http_headers(VARIADIC args text[]) RETURNS http_header[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN ARRAY(
    SELECT ROW(args[i], args[i + 1])::http_header
    FROM pg_catalog.generate_series(1, coalesce(pg_catalog.cardinality(args), 0) - 1, 2) AS i
    ORDER BY i
  );

CREATE FUNCTION http_set_curlopt(curlopt varchar, value varchar) RETURNS boolean
  LANGUAGE sql VOLATILE RETURN true;
CREATE FUNCTION http_reset_curlopt() RETURNS boolean
  LANGUAGE sql VOLATILE RETURN true;
CREATE FUNCTION http_list_curlopt() RETURNS TABLE (curlopt text, value text)
  LANGUAGE sql VOLATILE AS $fn$ SELECT NULL::text, NULL::text WHERE false $fn$;

CREATE FUNCTION http(request http_request) RETURNS http_response
LANGUAGE sql VOLATILE
BEGIN ATOMIC
  INSERT INTO pgparity_http_requests (method, uri, headers, content_type, content)
  VALUES (
    upper((request).method), (request).uri, (request).headers, (request).content_type, (request).content
  );
  SELECT 200, 'application/json'::varchar,
    ARRAY[http_header('x-pgparity-stand-in', 'request recorded in pgparity_http_requests, not sent')],
    '{}'::varchar;
END;

CREATE FUNCTION urlencode(string bytea) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
DECLARE
  result text := '';
  b integer;
BEGIN
  -- Unreserved characters stay, a space becomes '+', anything else is percent-encoded.
  FOR i IN 0 .. pg_catalog.length(string) - 1 LOOP
    b := pg_catalog.get_byte(string, i);
    IF b < 128 AND pg_catalog.chr(b) ~ '[A-Za-z0-9._~-]' THEN
      result := result || pg_catalog.chr(b);
    ELSIF b = 32 THEN
      result := result || '+';
    ELSE
      result := result || '%' || pg_catalog.upper(pg_catalog.lpad(pg_catalog.to_hex(b), 2, '0'));
    END IF;
  END LOOP;
  RETURN result;
END
$fn$;

CREATE FUNCTION urlencode(string varchar) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN urlencode(pg_catalog.convert_to(string, 'UTF8'));

CREATE FUNCTION urlencode(data jsonb) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN (
    SELECT pg_catalog.string_agg(
      urlencode(pg_catalog.convert_to(p.key, 'UTF8')) || '=' || urlencode(pg_catalog.convert_to(p.value, 'UTF8')), '&')
    FROM pg_catalog.jsonb_each_text(data) AS p
  );

CREATE FUNCTION http_get(uri varchar) RETURNS http_response
  LANGUAGE sql VOLATILE
  RETURN http(ROW('GET', uri, NULL, NULL, NULL)::http_request);

CREATE FUNCTION http_get(uri varchar, data jsonb) RETURNS http_response
  LANGUAGE sql VOLATILE
  RETURN http(ROW('GET', uri || '?' || urlencode(data), NULL, NULL, NULL)::http_request);

CREATE FUNCTION http_post(uri varchar, content varchar, content_type varchar) RETURNS http_response
  LANGUAGE sql VOLATILE
  RETURN http(ROW('POST', uri, NULL, content_type, content)::http_request);

CREATE FUNCTION http_post(uri varchar, data jsonb) RETURNS http_response
  LANGUAGE sql VOLATILE
  RETURN http(ROW('POST', uri, NULL, 'application/x-www-form-urlencoded', urlencode(data))::http_request);

CREATE FUNCTION http_put(uri varchar, content varchar, content_type varchar) RETURNS http_response
  LANGUAGE sql VOLATILE
  RETURN http(ROW('PUT', uri, NULL, content_type, content)::http_request);

CREATE FUNCTION http_patch(uri varchar, content varchar, content_type varchar) RETURNS http_response
  LANGUAGE sql VOLATILE
  RETURN http(ROW('PATCH', uri, NULL, content_type, content)::http_request);

CREATE FUNCTION http_delete(uri varchar) RETURNS http_response
  LANGUAGE sql VOLATILE
  RETURN http(ROW('DELETE', uri, NULL, NULL, NULL)::http_request);

CREATE FUNCTION http_delete(uri varchar, content varchar, content_type varchar) RETURNS http_response
  LANGUAGE sql VOLATILE
  RETURN http(ROW('DELETE', uri, NULL, content_type, content)::http_request);

CREATE FUNCTION http_head(uri varchar) RETURNS http_response
  LANGUAGE sql VOLATILE
  RETURN http(ROW('HEAD', uri, NULL, NULL, NULL)::http_request);

CREATE FUNCTION text_to_bytea(data text) RETURNS bytea
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN pg_catalog.convert_to(data, 'UTF8');

CREATE FUNCTION bytea_to_text(data bytea) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN pg_catalog.convert_from(data, 'UTF8');
