-- pgparity stand-in for pgjwt 0.2, written from pgjwt's public documentation.
--
-- Faithful: sign and verify produce and check real HS256/HS384/HS512 tokens (HMAC over the
-- server's built-in SHA-2 functions), verify's result columns and its exp/nbf checks,
-- url_encode, url_decode, algorithm_sign and try_cast_double. pgjwt depends on pgcrypto, and so
-- does this stand-in's control file, so CREATE EXTENSION fails (or cascades) the same way.

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION pgjwt" to load this file. \quit

CREATE FUNCTION @extschema@._pgparity_hmac(data bytea, key bytea, algorithm text) RETURNS bytea
LANGUAGE plpgsql IMMUTABLE STRICT SET search_path = '' AS $fn$
DECLARE
  block integer := CASE WHEN algorithm = 'sha256' THEN 64 ELSE 128 END;
  k bytea := key;
  ipad bytea;
  opad bytea;
BEGIN
  IF algorithm NOT IN ('sha256', 'sha384', 'sha512') THEN
    RAISE EXCEPTION 'unsupported digest %', algorithm;
  END IF;
  IF pg_catalog.length(k) > block THEN
    k := CASE algorithm WHEN 'sha256' THEN pg_catalog.sha256(k)
                        WHEN 'sha384' THEN pg_catalog.sha384(k) ELSE pg_catalog.sha512(k) END;
  END IF;
  k := k || pg_catalog.decode(pg_catalog.repeat('00', block - pg_catalog.length(k)), 'hex');
  ipad := k;
  opad := k;
  FOR i IN 0 .. block - 1 LOOP
    ipad := pg_catalog.set_byte(ipad, i, pg_catalog.get_byte(k, i) # 54);  -- 0x36
    opad := pg_catalog.set_byte(opad, i, pg_catalog.get_byte(k, i) # 92);  -- 0x5c
  END LOOP;
  RETURN CASE algorithm
    WHEN 'sha256' THEN pg_catalog.sha256(opad || pg_catalog.sha256(ipad || data))
    WHEN 'sha384' THEN pg_catalog.sha384(opad || pg_catalog.sha384(ipad || data))
    ELSE pg_catalog.sha512(opad || pg_catalog.sha512(ipad || data))
  END;
END
$fn$;

CREATE FUNCTION @extschema@.url_encode(data bytea) RETURNS text
LANGUAGE sql IMMUTABLE AS $fn$
  SELECT pg_catalog.translate(pg_catalog.encode(data, 'base64'), E'+/=\n', '-_')
$fn$;

CREATE FUNCTION @extschema@.url_decode(data text) RETURNS bytea
LANGUAGE sql IMMUTABLE AS $fn$
  WITH t AS (SELECT pg_catalog.translate(data, '-_', '+/') AS trans),
       rem AS (SELECT pg_catalog.length(t.trans) % 4 AS remainder FROM t)
  SELECT pg_catalog.decode(
    t.trans || CASE WHEN rem.remainder > 0 THEN pg_catalog.repeat('=', 4 - rem.remainder) ELSE '' END,
    'base64')
  FROM t, rem
$fn$;

CREATE FUNCTION @extschema@.algorithm_sign(signables text, secret text, algorithm text) RETURNS text
LANGUAGE sql IMMUTABLE AS $fn$
  SELECT @extschema@.url_encode(@extschema@._pgparity_hmac(
    pg_catalog.convert_to(signables, 'UTF8'),
    pg_catalog.convert_to(secret, 'UTF8'),
    CASE algorithm WHEN 'HS256' THEN 'sha256' WHEN 'HS384' THEN 'sha384' WHEN 'HS512' THEN 'sha512' ELSE '' END))
$fn$;

CREATE FUNCTION @extschema@.sign(payload json, secret text, algorithm text DEFAULT 'HS256') RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
  head text := @extschema@.url_encode(
    pg_catalog.convert_to('{"alg":' || pg_catalog.to_json(algorithm)::text || ',"typ":"JWT"}', 'UTF8'));
  body text := @extschema@.url_encode(pg_catalog.convert_to(payload::text, 'UTF8'));
BEGIN
  RETURN head || '.' || body || '.' || @extschema@.algorithm_sign(head || '.' || body, secret, algorithm);
END
$fn$;

CREATE FUNCTION @extschema@.try_cast_double(inp text) RETURNS double precision
LANGUAGE plpgsql IMMUTABLE AS $fn$
BEGIN
  RETURN inp::double precision;
EXCEPTION WHEN others THEN
  RETURN NULL;
END
$fn$;

-- valid: the signature matches and, when the claims have them, nbf <= now < exp.
CREATE FUNCTION @extschema@.verify(token text, secret text, algorithm text DEFAULT 'HS256')
RETURNS TABLE (header json, payload json, valid boolean)
LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
  parts text[] := pg_catalog.string_to_array(token, '.');
  not_before double precision;
  expires double precision;
  now_epoch double precision := extract(epoch FROM CURRENT_TIMESTAMP);
BEGIN
  header := pg_catalog.convert_from(@extschema@.url_decode(parts[1]), 'UTF8')::json;
  payload := pg_catalog.convert_from(@extschema@.url_decode(parts[2]), 'UTF8')::json;
  not_before := @extschema@.try_cast_double(payload ->> 'nbf');
  expires := @extschema@.try_cast_double(payload ->> 'exp');
  valid := parts[3] = @extschema@.algorithm_sign(parts[1] || '.' || parts[2], secret, algorithm)
    AND (not_before IS NULL OR not_before <= now_epoch)
    AND (expires IS NULL OR now_epoch < expires);
  RETURN NEXT;
END
$fn$;
