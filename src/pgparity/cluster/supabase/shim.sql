-- pgparity Supabase platform shim.
--
-- Makes a fresh stock PostgreSQL 15 database look like a new Supabase project to the migrations
-- that run against it: the platform roles, schemas, auth/storage/realtime tables and helper
-- functions, the extensions schema and search_path, and the default grants given to the API roles.
-- It is a stand-in written for pgparity, not Supabase's own bootstrap: services (GoTrue, Storage,
-- Realtime, pg_net webhooks) are absent, so only the shapes migrations refer to are provided.
--
-- Run once per new database, as the superuser postgres, in one simple-query call. Roles are
-- cluster-wide, so their creation is guarded; everything else uses IF NOT EXISTS / OR REPLACE.
-- Every object this file creates in a platform schema is listed in
-- pgparity.cluster.supabase.objects.SHIM_OBJECTS (a test keeps the two in step).

set client_min_messages = warning;

-- ---------------------------------------------------------------------------------------------
-- Roles (cluster-wide: another database of the same cluster may already have created them)
-- ---------------------------------------------------------------------------------------------

do $shim$
declare
  r record;
begin
  for r in
    select * from (values
      ('anon', 'nologin noinherit'),
      ('authenticated', 'nologin noinherit'),
      ('service_role', 'nologin noinherit bypassrls'),
      ('authenticator', 'login noinherit'),
      ('supabase_admin', 'login superuser createdb createrole replication bypassrls'),
      ('supabase_auth_admin', 'login noinherit createrole'),
      ('supabase_storage_admin', 'login noinherit createrole'),
      ('supabase_functions_admin', 'login noinherit createrole'),
      ('supabase_realtime_admin', 'nologin noinherit'),
      ('supabase_replication_admin', 'login replication'),
      ('supabase_read_only_user', 'login bypassrls'),
      ('dashboard_user', 'nologin createdb createrole replication'),
      ('pgbouncer', 'login')
    ) as v(rolname, attrs)
  loop
    if not exists (select 1 from pg_catalog.pg_roles where rolname = r.rolname) then
      begin
        execute format('create role %I %s', r.rolname, r.attrs);
      exception when duplicate_object or unique_violation then
        null;  -- a concurrent shim run in another database of this cluster won the race
      end;
    end if;
  end loop;
end
$shim$;

-- authenticator is what PostgREST logs in as; it switches to the API role named in the JWT.
grant anon, authenticated, service_role to authenticator;
grant anon, authenticated, service_role to postgres;
grant authenticator to supabase_storage_admin;
grant pg_read_all_data to supabase_read_only_user;

-- ---------------------------------------------------------------------------------------------
-- Schemas
-- ---------------------------------------------------------------------------------------------

create schema if not exists extensions authorization postgres;
create schema if not exists auth authorization supabase_admin;
create schema if not exists storage authorization supabase_admin;
create schema if not exists realtime authorization supabase_admin;
create schema if not exists graphql authorization supabase_admin;
create schema if not exists graphql_public authorization supabase_admin;
create schema if not exists supabase_functions authorization supabase_admin;
create schema if not exists vault authorization supabase_admin;
create schema if not exists pgbouncer authorization pgbouncer;
create schema if not exists supabase_migrations authorization postgres;

-- ---------------------------------------------------------------------------------------------
-- Extensions a new project has in the extensions schema (skipped when this machine lacks them)
-- ---------------------------------------------------------------------------------------------

do $shim$
declare
  ext text;
begin
  foreach ext in array array['pgcrypto', 'uuid-ossp'] loop
    if exists (select 1 from pg_catalog.pg_available_extensions where name = ext) then
      execute format('create extension if not exists %I with schema extensions', ext);
    else
      raise warning 'pgparity Supabase shim: extension % is not available, skipped', ext;
    end if;
  end loop;
end
$shim$;

-- Supabase Vault is preinstalled on every project, in the vault schema; migrations read
-- vault.decrypted_secrets without creating it. Installed when this server offers it (the real
-- extension or pgparity's stand-in, see pgparity.cluster.extensions); a stock server does not.
do $shim$
begin
  if exists (select 1 from pg_catalog.pg_available_extensions where name = 'supabase_vault') then
    create extension if not exists supabase_vault with schema vault;
  end if;
end
$shim$;

-- New projects resolve unqualified names through public, then extensions.
do $shim$
begin
  execute format('alter database %I set search_path = "$user", public, extensions', current_database());
end
$shim$;

-- ---------------------------------------------------------------------------------------------
-- auth: the tables GoTrue keeps, and the JWT helpers policies call
-- ---------------------------------------------------------------------------------------------

do $shim$
begin
  if to_regtype('auth.aal_level') is null then
    create type auth.aal_level as enum ('aal1', 'aal2', 'aal3');
  end if;
  if to_regtype('auth.factor_type') is null then
    create type auth.factor_type as enum ('totp', 'webauthn', 'phone');
  end if;
  if to_regtype('auth.factor_status') is null then
    create type auth.factor_status as enum ('unverified', 'verified');
  end if;
end
$shim$;

create table if not exists auth.schema_migrations (
  version varchar(255) not null primary key
);

create table if not exists auth.instances (
  id uuid not null primary key,
  uuid uuid,
  raw_base_config text,
  created_at timestamptz,
  updated_at timestamptz
);

create table if not exists auth.users (
  instance_id uuid,
  id uuid not null primary key,
  aud varchar(255),
  role varchar(255),
  email varchar(255),
  encrypted_password varchar(255),
  email_confirmed_at timestamptz,
  invited_at timestamptz,
  confirmation_token varchar(255),
  confirmation_sent_at timestamptz,
  recovery_token varchar(255),
  recovery_sent_at timestamptz,
  email_change_token_new varchar(255),
  email_change varchar(255),
  email_change_sent_at timestamptz,
  last_sign_in_at timestamptz,
  raw_app_meta_data jsonb,
  raw_user_meta_data jsonb,
  is_super_admin boolean,
  created_at timestamptz,
  updated_at timestamptz,
  phone text unique default null,
  phone_confirmed_at timestamptz,
  phone_change text default '',
  phone_change_token varchar(255) default '',
  phone_change_sent_at timestamptz,
  -- the earlier of the two confirmations, as GoTrue derives it
  confirmed_at timestamptz generated always as (least(email_confirmed_at, phone_confirmed_at)) stored,
  email_change_token_current varchar(255) default '',
  email_change_confirm_status smallint default 0
    check (email_change_confirm_status >= 0 and email_change_confirm_status <= 2),
  banned_until timestamptz,
  reauthentication_token varchar(255) default '',
  reauthentication_sent_at timestamptz,
  is_sso_user boolean not null default false,
  deleted_at timestamptz,
  is_anonymous boolean not null default false
);

create table if not exists auth.identities (
  provider_id text not null,
  user_id uuid not null references auth.users (id) on delete cascade,
  identity_data jsonb not null,
  provider text not null,
  last_sign_in_at timestamptz,
  created_at timestamptz,
  updated_at timestamptz,
  email text generated always as (lower(identity_data ->> 'email')) stored,
  id uuid not null default gen_random_uuid() primary key,
  unique (provider_id, provider)
);

create table if not exists auth.sessions (
  id uuid not null primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz,
  updated_at timestamptz,
  factor_id uuid,
  aal auth.aal_level,
  not_after timestamptz,
  refreshed_at timestamp,
  user_agent text,
  ip inet,
  tag text
);

create table if not exists auth.refresh_tokens (
  instance_id uuid,
  id bigserial primary key,
  token varchar(255) unique,
  user_id varchar(255),
  revoked boolean,
  created_at timestamptz,
  updated_at timestamptz,
  parent varchar(255),
  session_id uuid references auth.sessions (id) on delete cascade
);

create table if not exists auth.audit_log_entries (
  instance_id uuid,
  id uuid not null primary key,
  payload json,
  created_at timestamptz,
  ip_address varchar(64) not null default ''
);

create table if not exists auth.mfa_factors (
  id uuid not null primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  friendly_name text,
  factor_type auth.factor_type not null,
  status auth.factor_status not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  secret text,
  phone text,
  last_challenged_at timestamptz unique
);

create table if not exists auth.mfa_challenges (
  id uuid not null primary key,
  factor_id uuid not null references auth.mfa_factors (id) on delete cascade,
  created_at timestamptz not null,
  verified_at timestamptz,
  ip_address inet not null,
  otp_code text
);

-- The claims of the request's JWT, as PostgREST publishes them in request.jwt.claims.
create or replace function auth.jwt() returns jsonb
language sql stable
as $fn$
  select nullif(current_setting('request.jwt.claims', true), '')::jsonb
$fn$;

-- Older PostgREST versions set one setting per claim (request.jwt.claim.sub); newer ones only the
-- JSON object. Each helper reads the per-claim setting first, then the object, as Supabase does.
create or replace function auth.uid() returns uuid
language sql stable
as $fn$
  select coalesce(nullif(current_setting('request.jwt.claim.sub', true), ''), auth.jwt() ->> 'sub')::uuid
$fn$;

create or replace function auth.role() returns text
language sql stable
as $fn$
  select coalesce(nullif(current_setting('request.jwt.claim.role', true), ''), auth.jwt() ->> 'role')::text
$fn$;

create or replace function auth.email() returns text
language sql stable
as $fn$
  select coalesce(nullif(current_setting('request.jwt.claim.email', true), ''), auth.jwt() ->> 'email')::text
$fn$;

alter type auth.aal_level owner to supabase_auth_admin;
alter type auth.factor_type owner to supabase_auth_admin;
alter type auth.factor_status owner to supabase_auth_admin;
alter table auth.schema_migrations owner to supabase_auth_admin;
alter table auth.instances owner to supabase_auth_admin;
alter table auth.users owner to supabase_auth_admin;
alter table auth.identities owner to supabase_auth_admin;
alter table auth.sessions owner to supabase_auth_admin;
alter table auth.refresh_tokens owner to supabase_auth_admin;
alter table auth.audit_log_entries owner to supabase_auth_admin;
alter table auth.mfa_factors owner to supabase_auth_admin;
alter table auth.mfa_challenges owner to supabase_auth_admin;
alter function auth.jwt() owner to supabase_auth_admin;
alter function auth.uid() owner to supabase_auth_admin;
alter function auth.role() owner to supabase_auth_admin;
alter function auth.email() owner to supabase_auth_admin;

-- ---------------------------------------------------------------------------------------------
-- storage: buckets and objects as the Storage API keeps them, and the path helpers
-- ---------------------------------------------------------------------------------------------

create table if not exists storage.migrations (
  id integer not null primary key,
  name varchar(100) not null unique,
  hash varchar(40) not null,
  executed_at timestamp default current_timestamp
);

create table if not exists storage.buckets (
  id text not null primary key,
  name text not null,
  owner uuid,  -- deprecated by Supabase in favour of owner_id
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  public boolean default false,
  avif_autodetection boolean default false,
  file_size_limit bigint,
  allowed_mime_types text[],
  owner_id text
);
create unique index if not exists bname on storage.buckets using btree (name);

create table if not exists storage.objects (
  id uuid not null default gen_random_uuid() primary key,
  bucket_id text,
  name text,
  owner uuid,  -- deprecated by Supabase in favour of owner_id
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  last_accessed_at timestamptz default now(),
  metadata jsonb,
  path_tokens text[] generated always as (string_to_array(name, '/')) stored,
  version text,
  owner_id text,
  user_metadata jsonb,
  constraint "objects_bucketId_fkey" foreign key (bucket_id) references storage.buckets (id)
);
create unique index if not exists bucketid_objname on storage.objects using btree (bucket_id, name);
create index if not exists name_prefix_search on storage.objects using btree (name text_pattern_ops);

-- Access is governed by policies the project writes; with none, the API roles see nothing.
alter table storage.buckets enable row level security;
alter table storage.objects enable row level security;

-- 'a/b/c.png' -> {a,b}: the folders leading to an object.
create or replace function storage.foldername(name text) returns text[]
language sql immutable
as $fn$
  select parts[1:coalesce(array_length(parts, 1), 1) - 1]
  from (select string_to_array(name, '/') as parts) as p
$fn$;

-- 'a/b/c.png' -> 'c.png': the last path segment.
create or replace function storage.filename(name text) returns text
language sql immutable
as $fn$
  select parts[array_length(parts, 1)]
  from (select string_to_array(name, '/') as parts) as p
$fn$;

-- 'a/b/c.tar.gz' -> 'gz': what follows the last dot of the file name (the whole name if none).
create or replace function storage.extension(name text) returns text
language sql immutable
as $fn$
  select reverse(split_part(reverse(storage.filename(name)), '.', 1))
$fn$;

create or replace function storage.get_size_by_bucket() returns table (size bigint, bucket_id text)
language sql stable
as $fn$
  select sum((o.metadata ->> 'size')::bigint)::bigint, o.bucket_id
  from storage.objects as o
  group by o.bucket_id
$fn$;

alter table storage.migrations owner to supabase_storage_admin;
alter table storage.buckets owner to supabase_storage_admin;
alter table storage.objects owner to supabase_storage_admin;
alter function storage.foldername(text) owner to supabase_storage_admin;
alter function storage.filename(text) owner to supabase_storage_admin;
alter function storage.extension(text) owner to supabase_storage_admin;
alter function storage.get_size_by_bucket() owner to supabase_storage_admin;

-- ---------------------------------------------------------------------------------------------
-- realtime: broadcast-from-database messages and the Postgres Changes subscription table
-- ---------------------------------------------------------------------------------------------

do $shim$
begin
  if to_regtype('realtime.equality_op') is null then
    create type realtime.equality_op as enum ('eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'in');
  end if;
  if to_regtype('realtime.action') is null then
    create type realtime.action as enum ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'ERROR');
  end if;
  if to_regtype('realtime.user_defined_filter') is null then
    create type realtime.user_defined_filter as (column_name text, op realtime.equality_op, value text);
  end if;
end
$shim$;

create table if not exists realtime.schema_migrations (
  version bigint not null primary key,
  inserted_at timestamp(0)
);

create table if not exists realtime.subscription (
  id bigint generated always as identity primary key,
  subscription_id uuid not null,
  entity regclass not null,
  filters realtime.user_defined_filter[] not null default '{}',
  claims jsonb not null,
  created_at timestamp not null default timezone('utc', now())
);

-- Supabase partitions this table by day; a plain table is enough for migrations.
create table if not exists realtime.messages (
  topic text not null,
  extension text not null,
  payload jsonb,
  event text,
  private boolean default false,
  updated_at timestamp not null default now(),
  inserted_at timestamp not null default now(),
  id uuid not null default gen_random_uuid(),
  primary key (id, inserted_at)
);
alter table realtime.messages enable row level security;

-- The topic of the channel being authorised (set by Realtime while it checks policies).
create or replace function realtime.topic() returns text
language sql stable
as $fn$
  select nullif(current_setting('realtime.topic', true), '')
$fn$;

create or replace function realtime.send(payload jsonb, event text, topic text, private boolean default true)
returns void
language plpgsql
as $fn$
begin
  insert into realtime.messages (payload, event, topic, private, extension)
  values (payload, event, topic, private, 'broadcast');
end
$fn$;

-- Trigger helper: broadcast a row change (new/old are the trigger's NEW and OLD).
create or replace function realtime.broadcast_changes(
  topic_name text, event_name text, operation text, table_name text, table_schema text,
  new record, old record, level text default 'ROW'
) returns void
language plpgsql
as $fn$
begin
  perform realtime.send(
    jsonb_build_object(
      'operation', operation, 'table', table_name, 'schema', table_schema,
      'record', case when new is null then null else to_jsonb(new) end,
      'old_record', case when old is null then null else to_jsonb(old) end,
      'level', level
    ),
    event_name, topic_name, true
  );
end
$fn$;

alter type realtime.equality_op owner to supabase_admin;
alter type realtime.action owner to supabase_admin;
alter type realtime.user_defined_filter owner to supabase_admin;
alter table realtime.schema_migrations owner to supabase_admin;
alter table realtime.subscription owner to supabase_admin;
alter table realtime.messages owner to supabase_realtime_admin;
alter function realtime.topic() owner to supabase_realtime_admin;
alter function realtime.send(jsonb, text, text, boolean) owner to supabase_admin;
alter function realtime.broadcast_changes(text, text, text, text, text, record, record, text)
  owner to supabase_admin;

-- Publication for Postgres Changes; projects add their tables to it.
do $shim$
begin
  if not exists (select 1 from pg_catalog.pg_publication where pubname = 'supabase_realtime') then
    create publication supabase_realtime;
  end if;
end
$shim$;

-- ---------------------------------------------------------------------------------------------
-- graphql_public, supabase_functions, pgbouncer, supabase_migrations
-- ---------------------------------------------------------------------------------------------

-- pg_graphql is not part of stock PostgreSQL: the endpoint exists but answers with an error.
create or replace function graphql_public.graphql(
  "operationName" text default null, query text default null,
  variables jsonb default null, extensions jsonb default null
) returns jsonb
language sql stable
as $fn$
  select jsonb_build_object('errors', jsonb_build_array(
    jsonb_build_object('message', 'pg_graphql is not installed in this database')))
$fn$;
alter function graphql_public.graphql(text, text, jsonb, jsonb) owner to supabase_admin;

create table if not exists supabase_functions.migrations (
  version text not null primary key,
  inserted_at timestamptz not null default now()
);

create table if not exists supabase_functions.hooks (
  id bigserial primary key,
  hook_table_id integer not null,
  hook_name text not null,
  created_at timestamptz not null default now(),
  request_id bigint
);

-- Database webhooks are triggers calling this function with (url, method, headers, params,
-- timeout_ms). Without pg_net nothing is sent; the function only has to exist and be callable.
create or replace function supabase_functions.http_request() returns trigger
language plpgsql security definer
set search_path = ''
as $fn$
begin
  if tg_op = 'DELETE' then
    return old;
  end if;
  return new;
end
$fn$;

alter table supabase_functions.migrations owner to supabase_functions_admin;
alter table supabase_functions.hooks owner to supabase_functions_admin;
alter function supabase_functions.http_request() owner to supabase_functions_admin;

-- PgBouncer's auth_query: looks a login up in pg_shadow, so it runs as a superuser.
create or replace function pgbouncer.get_auth(p_usename text)
returns table (username text, password text)
language sql security definer
set search_path = ''
as $fn$
  select s.usename::text, s.passwd::text from pg_catalog.pg_shadow as s where s.usename = p_usename
$fn$;
alter function pgbouncer.get_auth(text) owner to supabase_admin;
revoke all on function pgbouncer.get_auth(text) from public;
grant execute on function pgbouncer.get_auth(text) to pgbouncer;

-- The Supabase CLI records applied migration files here.
create table if not exists supabase_migrations.schema_migrations (
  version text not null primary key,
  statements text[],
  name text
);

-- ---------------------------------------------------------------------------------------------
-- Grants the API roles and platform services get on a new project
-- ---------------------------------------------------------------------------------------------

grant usage on schema public to postgres, anon, authenticated, service_role;
grant all on schema public to postgres, supabase_admin;

-- Tables, functions and sequences created in public later are reachable by the API roles;
-- row-level security, not table grants, is what guards them.
alter default privileges for role postgres in schema public
  grant all on tables to anon, authenticated, service_role;
alter default privileges for role postgres in schema public
  grant all on functions to anon, authenticated, service_role;
alter default privileges for role postgres in schema public
  grant all on sequences to anon, authenticated, service_role;
alter default privileges for role supabase_admin in schema public
  grant all on tables to anon, authenticated, service_role;
alter default privileges for role supabase_admin in schema public
  grant all on functions to anon, authenticated, service_role;
alter default privileges for role supabase_admin in schema public
  grant all on sequences to anon, authenticated, service_role;

grant usage on schema extensions to postgres, anon, authenticated, service_role;
grant all on schema extensions to dashboard_user;
alter default privileges for role postgres in schema extensions
  grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges for role postgres in schema extensions
  grant all on functions to postgres, anon, authenticated, service_role;
alter default privileges for role postgres in schema extensions
  grant all on sequences to postgres, anon, authenticated, service_role;

grant usage on schema auth to anon, authenticated, service_role;
grant all on schema auth to supabase_auth_admin, dashboard_user, postgres;
grant all on all tables in schema auth to dashboard_user, postgres;
grant all on all sequences in schema auth to dashboard_user, postgres;
grant all on all routines in schema auth to dashboard_user, postgres;
alter default privileges for role supabase_auth_admin in schema auth
  grant all on tables to postgres, dashboard_user;
alter default privileges for role supabase_auth_admin in schema auth
  grant all on sequences to postgres, dashboard_user;
alter default privileges for role supabase_auth_admin in schema auth
  grant all on routines to postgres, dashboard_user;

grant usage on schema storage to postgres, anon, authenticated, service_role;
grant all on schema storage to supabase_storage_admin, dashboard_user, postgres;
grant all on all tables in schema storage to postgres, anon, authenticated, service_role, dashboard_user;
grant all on all sequences in schema storage to postgres, anon, authenticated, service_role;
grant all on all routines in schema storage to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_storage_admin in schema storage
  grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_storage_admin in schema storage
  grant all on sequences to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_storage_admin in schema storage
  grant all on routines to postgres, anon, authenticated, service_role;

grant usage on schema realtime to postgres, anon, authenticated, service_role;
grant all on schema realtime to supabase_realtime_admin;
grant select, insert, update on realtime.messages to postgres, anon, authenticated, service_role;
grant all on all tables in schema realtime to supabase_realtime_admin, dashboard_user;
grant all on all sequences in schema realtime to supabase_realtime_admin, dashboard_user;

grant usage on schema graphql_public to postgres, anon, authenticated, service_role;
grant usage on schema graphql to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_admin in schema graphql_public
  grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_admin in schema graphql_public
  grant all on functions to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_admin in schema graphql_public
  grant all on sequences to postgres, anon, authenticated, service_role;

grant usage on schema supabase_functions to postgres, anon, authenticated, service_role;
grant all on schema supabase_functions to supabase_functions_admin;
grant all on all tables in schema supabase_functions to postgres, anon, authenticated, service_role;
grant all on all sequences in schema supabase_functions to postgres, anon, authenticated, service_role;
revoke all on function supabase_functions.http_request() from public;
grant execute on function supabase_functions.http_request() to postgres, anon, authenticated, service_role;

grant usage on schema vault to postgres, service_role;
grant usage on schema pgbouncer to pgbouncer;

-- This session too resolves names the way a new project's connections do.
set search_path = "$user", public, extensions;
reset client_min_messages;
