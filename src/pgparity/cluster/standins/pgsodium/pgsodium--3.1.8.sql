-- pgparity stand-in for pgsodium 3.1, written from pgsodium's public documentation.
--
-- Faithful in shape: the pgsodium_key* roles, the key table and valid_key view, create_key, the
-- random-bytes functions and the commonly used key generation and authenticated encryption
-- functions (crypto_aead_det_*, crypto_aead_ietf_*, crypto_secretbox*), with their signatures.
-- Not faithful: there is no cryptography. "Encrypting" prepends a marker and "decrypting"
-- checks and strips it, so values round-trip; nothing is secret. Transparent column encryption
-- (security labels) is not provided. Never store a real secret with this stand-in.

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION pgsodium" to load this file. \quit

DO $do$
DECLARE
  r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['pgsodium_keyiduser', 'pgsodium_keyholder', 'pgsodium_keymaker'] LOOP
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = r) THEN
      EXECUTE pg_catalog.format('CREATE ROLE %I NOLOGIN', r);
    END IF;
  END LOOP;
END
$do$;

CREATE TYPE pgsodium.key_status AS ENUM ('default', 'valid', 'invalid', 'expired');
CREATE TYPE pgsodium.key_type AS ENUM (
  'aead-ietf', 'aead-det', 'hmacsha512', 'hmacsha256', 'auth', 'shorthash', 'generichash', 'kdf',
  'secretbox', 'secretstream', 'stream_xchacha20'
);

CREATE SEQUENCE pgsodium.key_key_id_seq START 1;

CREATE TABLE pgsodium.key (
  id uuid PRIMARY KEY DEFAULT pg_catalog.gen_random_uuid(),
  status pgsodium.key_status DEFAULT 'valid',
  created timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
  expires timestamptz,
  key_type pgsodium.key_type,
  key_id bigint DEFAULT pg_catalog.nextval('pgsodium.key_key_id_seq'),
  key_context bytea DEFAULT 'pgsodium',
  name text UNIQUE,
  associated_data text DEFAULT 'associated',
  raw_key bytea,
  raw_key_nonce bytea,
  parent_key uuid REFERENCES pgsodium.key (id),
  comment text,
  user_data text
);
SELECT pg_catalog.pg_extension_config_dump('pgsodium.key', '');

CREATE VIEW pgsodium.valid_key AS
SELECT id, name, status, key_type, key_id, key_context, created, expires, associated_data
FROM pgsodium.key
WHERE status IN ('valid', 'default') AND (expires IS NULL OR expires > now());

-- -- random bytes (from the server's random UUIDs) -------------------------------------------

CREATE FUNCTION pgsodium.randombytes_buf(size integer) RETURNS bytea
LANGUAGE sql VOLATILE STRICT SET search_path = '' AS $fn$
  SELECT pg_catalog.substr(
    pg_catalog.decode(pg_catalog.string_agg(pg_catalog.replace(pg_catalog.gen_random_uuid()::text, '-', ''), ''), 'hex'),
    1, size)
  FROM pg_catalog.generate_series(0, size / 16) AS g
$fn$;

CREATE FUNCTION pgsodium.randombytes_random() RETURNS integer
LANGUAGE sql VOLATILE SET search_path = '' AS $fn$
  SELECT (pg_catalog.random() * 2147483647)::integer
$fn$;

CREATE FUNCTION pgsodium.randombytes_uniform(upper_bound integer) RETURNS integer
LANGUAGE sql VOLATILE STRICT SET search_path = '' AS $fn$
  SELECT pg_catalog.floor(pg_catalog.random() * upper_bound)::integer
$fn$;

CREATE FUNCTION pgsodium.crypto_aead_det_keygen() RETURNS bytea
LANGUAGE sql VOLATILE AS $fn$ SELECT pgsodium.randombytes_buf(32) $fn$;
CREATE FUNCTION pgsodium.crypto_aead_det_noncegen() RETURNS bytea
LANGUAGE sql VOLATILE AS $fn$ SELECT pgsodium.randombytes_buf(16) $fn$;
CREATE FUNCTION pgsodium.crypto_aead_ietf_keygen() RETURNS bytea
LANGUAGE sql VOLATILE AS $fn$ SELECT pgsodium.randombytes_buf(32) $fn$;
CREATE FUNCTION pgsodium.crypto_aead_ietf_noncegen() RETURNS bytea
LANGUAGE sql VOLATILE AS $fn$ SELECT pgsodium.randombytes_buf(12) $fn$;
CREATE FUNCTION pgsodium.crypto_secretbox_keygen() RETURNS bytea
LANGUAGE sql VOLATILE AS $fn$ SELECT pgsodium.randombytes_buf(32) $fn$;
CREATE FUNCTION pgsodium.crypto_secretbox_noncegen() RETURNS bytea
LANGUAGE sql VOLATILE AS $fn$ SELECT pgsodium.randombytes_buf(24) $fn$;

-- -- "encryption": a marker, so that values round-trip and a wrong input is still an error ---

CREATE FUNCTION pgsodium._seal(message bytea) RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT SET search_path = '' AS $fn$
  SELECT '\x706770617269747900'::bytea || message
$fn$;

CREATE FUNCTION pgsodium._open(ciphertext bytea) RETURNS bytea
LANGUAGE plpgsql IMMUTABLE STRICT SET search_path = '' AS $fn$
BEGIN
  IF pg_catalog.substr(ciphertext, 1, 9) <> '\x706770617269747900'::bytea THEN
    RAISE EXCEPTION 'pgsodium_crypto_aead_det_decrypt_by_id: invalid ciphertext'
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  RETURN pg_catalog.substr(ciphertext, 10);
END
$fn$;

CREATE FUNCTION pgsodium.crypto_aead_det_encrypt(message bytea, additional bytea, key bytea, nonce bytea DEFAULT NULL)
RETURNS bytea LANGUAGE sql IMMUTABLE AS $fn$ SELECT pgsodium._seal(message) $fn$;
CREATE FUNCTION pgsodium.crypto_aead_det_encrypt(message bytea, additional bytea, key_uuid uuid)
RETURNS bytea LANGUAGE sql STABLE AS $fn$ SELECT pgsodium._seal(message) $fn$;
CREATE FUNCTION pgsodium.crypto_aead_det_encrypt(message bytea, additional bytea, key_uuid uuid, nonce bytea)
RETURNS bytea LANGUAGE sql STABLE AS $fn$ SELECT pgsodium._seal(message) $fn$;
CREATE FUNCTION pgsodium.crypto_aead_det_encrypt(
  message bytea, additional bytea, key_id bigint, context bytea DEFAULT 'pgsodium', nonce bytea DEFAULT NULL
) RETURNS bytea LANGUAGE sql STABLE AS $fn$ SELECT pgsodium._seal(message) $fn$;

CREATE FUNCTION pgsodium.crypto_aead_det_decrypt(message bytea, additional bytea, key bytea, nonce bytea DEFAULT NULL)
RETURNS bytea LANGUAGE sql IMMUTABLE AS $fn$ SELECT pgsodium._open(message) $fn$;
CREATE FUNCTION pgsodium.crypto_aead_det_decrypt(message bytea, additional bytea, key_uuid uuid)
RETURNS bytea LANGUAGE sql STABLE AS $fn$ SELECT pgsodium._open(message) $fn$;
CREATE FUNCTION pgsodium.crypto_aead_det_decrypt(message bytea, additional bytea, key_uuid uuid, nonce bytea)
RETURNS bytea LANGUAGE sql STABLE AS $fn$ SELECT pgsodium._open(message) $fn$;
CREATE FUNCTION pgsodium.crypto_aead_det_decrypt(
  message bytea, additional bytea, key_id bigint, context bytea DEFAULT 'pgsodium', nonce bytea DEFAULT NULL
) RETURNS bytea LANGUAGE sql STABLE AS $fn$ SELECT pgsodium._open(message) $fn$;

CREATE FUNCTION pgsodium.crypto_aead_ietf_encrypt(message bytea, additional bytea, nonce bytea, key bytea)
RETURNS bytea LANGUAGE sql IMMUTABLE AS $fn$ SELECT pgsodium._seal(message) $fn$;
CREATE FUNCTION pgsodium.crypto_aead_ietf_decrypt(message bytea, additional bytea, nonce bytea, key bytea)
RETURNS bytea LANGUAGE sql IMMUTABLE AS $fn$ SELECT pgsodium._open(message) $fn$;
CREATE FUNCTION pgsodium.crypto_secretbox(message bytea, nonce bytea, key bytea)
RETURNS bytea LANGUAGE sql IMMUTABLE AS $fn$ SELECT pgsodium._seal(message) $fn$;
CREATE FUNCTION pgsodium.crypto_secretbox_open(ciphertext bytea, nonce bytea, key bytea)
RETURNS bytea LANGUAGE sql IMMUTABLE AS $fn$ SELECT pgsodium._open(ciphertext) $fn$;

-- -- keys ------------------------------------------------------------------------------------

CREATE FUNCTION pgsodium.create_key(
  key_type pgsodium.key_type DEFAULT 'aead-det',
  name text DEFAULT NULL,
  raw_key bytea DEFAULT NULL,
  raw_key_nonce bytea DEFAULT NULL,
  parent_key uuid DEFAULT NULL,
  key_context bytea DEFAULT 'pgsodium',
  expires timestamptz DEFAULT NULL,
  associated_data text DEFAULT ''
) RETURNS pgsodium.valid_key
LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $fn$
DECLARE
  new_id uuid;
  result pgsodium.valid_key;
BEGIN
  INSERT INTO pgsodium.key (key_type, name, raw_key, raw_key_nonce, parent_key, key_context, expires, associated_data)
  VALUES (key_type, name, raw_key, raw_key_nonce, parent_key, key_context, expires, associated_data)
  RETURNING id INTO new_id;
  SELECT * INTO result FROM pgsodium.valid_key v WHERE v.id = new_id;
  RETURN result;
END
$fn$;

GRANT USAGE ON SCHEMA pgsodium TO pgsodium_keyiduser;
GRANT SELECT ON pgsodium.valid_key TO pgsodium_keyiduser;
GRANT pgsodium_keyiduser TO pgsodium_keyholder;
GRANT pgsodium_keyholder TO pgsodium_keymaker;
