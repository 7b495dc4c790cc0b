-- pgparity stand-in for supabase_vault 0.3, written from Supabase's public documentation.
--
-- Faithful: vault.secrets (a secret written to it, by INSERT or vault.create_secret, is stored
-- transformed and read back in clear through the vault.decrypted_secrets view),
-- vault.create_secret, vault.update_secret, the unique secret names and the grants to postgres.
-- Not faithful: there is no encryption. The stored form is only base64, which is enough for a
-- throwaway verification database and must never hold a real secret.

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION supabase_vault" to load this file. \quit

CREATE FUNCTION vault._crypto_aead_det_noncegen() RETURNS bytea
LANGUAGE sql VOLATILE SET search_path = '' AS $fn$
  SELECT pg_catalog.decode(pg_catalog.replace(pg_catalog.gen_random_uuid()::text, '-', ''), 'hex')
$fn$;

CREATE FUNCTION vault._crypto_aead_det_encrypt(
  message bytea, additional bytea, key_id bigint, context bytea DEFAULT 'pgsodium', nonce bytea DEFAULT NULL
) RETURNS bytea
LANGUAGE sql IMMUTABLE SET search_path = '' AS $fn$
  SELECT pg_catalog.convert_to(pg_catalog.encode(message, 'base64'), 'UTF8')
$fn$;

CREATE FUNCTION vault._crypto_aead_det_decrypt(
  message bytea, additional bytea, key_id bigint, context bytea DEFAULT 'pgsodium', nonce bytea DEFAULT NULL
) RETURNS bytea
LANGUAGE sql IMMUTABLE SET search_path = '' AS $fn$
  SELECT pg_catalog.decode(pg_catalog.convert_from(message, 'UTF8'), 'base64')
$fn$;

CREATE TABLE vault.secrets (
  id uuid PRIMARY KEY DEFAULT pg_catalog.gen_random_uuid(),
  name text,
  description text NOT NULL DEFAULT '',
  secret text NOT NULL,
  key_id uuid,
  nonce bytea DEFAULT vault._crypto_aead_det_noncegen(),
  created_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP
);
COMMENT ON TABLE vault.secrets IS 'Table with encrypted `secret` column for storing sensitive information on disk.';
CREATE UNIQUE INDEX secrets_name_idx ON vault.secrets (name) WHERE name IS NOT NULL;
SELECT pg_catalog.pg_extension_config_dump('vault.secrets', '');

-- Secrets are stored transformed however they are written, as the real vault encrypts them.
CREATE FUNCTION vault._encode_secret() RETURNS trigger
LANGUAGE plpgsql SET search_path = '' AS $fn$
BEGIN
  IF tg_op = 'INSERT' OR new.secret IS DISTINCT FROM old.secret THEN
    new.secret := pg_catalog.encode(
      vault._crypto_aead_det_encrypt(pg_catalog.convert_to(new.secret, 'UTF8'), ''::bytea, 0), 'escape');
  END IF;
  RETURN new;
END
$fn$;
CREATE TRIGGER secrets_encrypt_secret_trigger_secret
  BEFORE INSERT OR UPDATE OF secret ON vault.secrets
  FOR EACH ROW EXECUTE FUNCTION vault._encode_secret();

CREATE VIEW vault.decrypted_secrets AS
SELECT s.id, s.name, s.description, s.secret,
       pg_catalog.convert_from(
         vault._crypto_aead_det_decrypt(pg_catalog.convert_to(s.secret, 'UTF8'), ''::bytea, 0), 'UTF8'
       ) AS decrypted_secret,
       s.key_id, s.nonce, s.created_at, s.updated_at
FROM vault.secrets s;

CREATE FUNCTION vault.create_secret(
  new_secret text, new_name text DEFAULT NULL, new_description text DEFAULT '', new_key_id uuid DEFAULT NULL
) RETURNS uuid
LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $fn$
DECLARE
  rec record;
BEGIN
  INSERT INTO vault.secrets (secret, name, description, key_id)
  VALUES (new_secret, new_name, new_description, new_key_id)
  RETURNING * INTO rec;
  RETURN rec.id;
END
$fn$;

CREATE FUNCTION vault.update_secret(
  secret_id uuid, new_secret text DEFAULT NULL, new_name text DEFAULT NULL,
  new_description text DEFAULT NULL, new_key_id uuid DEFAULT NULL
) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $fn$
BEGIN
  UPDATE vault.secrets s
     SET secret = coalesce(new_secret, pg_catalog.convert_from(
                    vault._crypto_aead_det_decrypt(pg_catalog.convert_to(s.secret, 'UTF8'), ''::bytea, 0), 'UTF8')),
         name = coalesce(new_name, s.name),
         description = coalesce(new_description, s.description),
         key_id = coalesce(new_key_id, s.key_id),
         updated_at = CURRENT_TIMESTAMP
   WHERE s.id = secret_id;
END
$fn$;

REVOKE ALL ON vault.secrets FROM public;
REVOKE ALL ON vault.decrypted_secrets FROM public;
REVOKE ALL ON FUNCTION vault.create_secret(text, text, text, uuid) FROM public;
REVOKE ALL ON FUNCTION vault.update_secret(uuid, text, text, text, uuid) FROM public;

DO $do$
BEGIN
  IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'postgres') THEN
    GRANT USAGE ON SCHEMA vault TO postgres WITH GRANT OPTION;
    GRANT SELECT, DELETE ON vault.secrets TO postgres WITH GRANT OPTION;
    GRANT SELECT, DELETE ON vault.decrypted_secrets TO postgres WITH GRANT OPTION;
    GRANT EXECUTE ON FUNCTION vault.create_secret(text, text, text, uuid) TO postgres WITH GRANT OPTION;
    GRANT EXECUTE ON FUNCTION vault.update_secret(uuid, text, text, text, uuid) TO postgres WITH GRANT OPTION;
  END IF;
END
$do$;
