-- pgparity stand-in for pg_net 0.14, written from pg_net's public documentation.
--
-- Faithful: the net schema (owned by the extension, so a pre-existing net schema is an error as
-- with the real one), its types, the request queue and response tables, and the functions'
-- signatures. Harmless: net.http_get/http_post/http_delete only queue the request in
-- net.http_request_queue and return its id; no background worker ever sends it, so no response
-- row ever appears and _http_collect_response reports the request as pending.

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION pg_net" to load this file. \quit

create schema net;

create domain net.http_method as text
  check (value ilike 'get' or value ilike 'post' or value ilike 'delete');

create type net.request_status as enum ('PENDING', 'SUCCESS', 'ERROR');
create type net.http_response as (status_code integer, headers jsonb, body text);
create type net.http_response_result as (
  status net.request_status, message text, response net.http_response
);

create unlogged table net.http_request_queue (
  id bigserial not null,
  method net.http_method not null,
  url text not null,
  headers jsonb not null,
  body bytea,
  timeout_milliseconds integer not null
);

create unlogged table net._http_response (
  id bigint,
  status_code integer,
  content_type text,
  headers jsonb,
  content text,
  timed_out boolean,
  error_msg text,
  created timestamptz not null default now()
);
create index on net._http_response (created);

-- Percent-encoding of query parameters (unreserved characters kept, as RFC 3986 has it).
create function net._urlencode_string(string varchar) returns text
language plpgsql immutable strict parallel safe
set search_path = ''
as $fn$
declare
  bytes bytea := pg_catalog.convert_to(string, 'UTF8');
  result text := '';
  b integer;
begin
  for i in 0 .. pg_catalog.length(bytes) - 1 loop
    b := pg_catalog.get_byte(bytes, i);
    if pg_catalog.chr(b) ~ '[A-Za-z0-9._~-]' and b < 128 then
      result := result || pg_catalog.chr(b);
    else
      result := result || '%' || pg_catalog.upper(pg_catalog.lpad(pg_catalog.to_hex(b), 2, '0'));
    end if;
  end loop;
  return result;
end
$fn$;

create function net._encode_url_with_params_array(url text, params_array text[]) returns text
language sql immutable strict parallel safe
set search_path = ''
as $fn$
  select case when pg_catalog.cardinality(params_array) = 0 then url
    else url || case when url like '%?%' then '&' else '?' end
      || pg_catalog.array_to_string(params_array, '&')
  end
$fn$;

create function net._params_array(params jsonb) returns text[]
language sql immutable strict parallel safe
set search_path = ''
as $fn$
  select coalesce(pg_catalog.array_agg(net._urlencode_string(p.key) || '=' || net._urlencode_string(p.value)), '{}')
  from pg_catalog.jsonb_each_text(params) as p
$fn$;

create function net._enqueue(
  method text, url text, params jsonb, headers jsonb, body bytea, timeout_milliseconds integer
) returns bigint
language sql volatile
set search_path = ''
as $fn$
  insert into net.http_request_queue (method, url, headers, body, timeout_milliseconds)
  values (
    method,
    net._encode_url_with_params_array(url, net._params_array(coalesce(params, '{}'))),
    coalesce(headers, '{}'),
    body,
    timeout_milliseconds
  )
  returning id
$fn$;

create function net.http_get(
  url text,
  params jsonb default '{}'::jsonb,
  headers jsonb default '{}'::jsonb,
  timeout_milliseconds integer default 5000
) returns bigint
language sql volatile security definer
set search_path = ''
as $fn$
  select net._enqueue('GET', url, params, headers, null, timeout_milliseconds)
$fn$;

create function net.http_post(
  url text,
  body jsonb default '{}'::jsonb,
  params jsonb default '{}'::jsonb,
  headers jsonb default '{"Content-Type": "application/json"}'::jsonb,
  timeout_milliseconds integer default 5000
) returns bigint
language sql volatile security definer
set search_path = ''
as $fn$
  select net._enqueue(
    'POST', url, params, headers, pg_catalog.convert_to(body::text, 'UTF8'), timeout_milliseconds
  )
$fn$;

create function net.http_delete(
  url text,
  params jsonb default '{}'::jsonb,
  headers jsonb default '{}'::jsonb,
  timeout_milliseconds integer default 5000,
  body jsonb default null
) returns bigint
language sql volatile security definer
set search_path = ''
as $fn$
  select net._enqueue(
    'DELETE', url, params, headers, pg_catalog.convert_to(body::text, 'UTF8'), timeout_milliseconds
  )
$fn$;

-- Nothing is ever sent, so every request stays pending.
create function net._http_collect_response(request_id bigint, async boolean default true)
returns net.http_response_result
language sql volatile
set search_path = ''
as $fn$
  select case
    when exists (select from net.http_request_queue q where q.id = request_id) then
      row('PENDING', 'request is pending (pgparity stand-in: never sent)', null)::net.http_response_result
    else
      row('ERROR', 'request matching request_id not found', null)::net.http_response_result
  end
$fn$;

create function net.http_collect_response(request_id bigint, async boolean default true)
returns net.http_response_result
language sql volatile
set search_path = ''
as $fn$
  select net._http_collect_response(request_id, async)
$fn$;

create function net.check_worker_is_up() returns void
language sql volatile as $fn$ select $fn$;
create function net.wait_until_running() returns void
language sql volatile as $fn$ select $fn$;
create function net.wake() returns void
language sql volatile as $fn$ select $fn$;
create function net.worker_restart() returns boolean
language sql volatile as $fn$ select true $fn$;

-- What Supabase's grant_pg_net_access event trigger gives the API roles (where they exist).
do $do$
declare
  r text;
begin
  foreach r in array array['supabase_functions_admin', 'postgres', 'anon', 'authenticated', 'service_role'] loop
    if exists (select from pg_catalog.pg_roles where rolname = r) then
      execute format('grant usage on schema net to %I', r);
      execute format('grant execute on function net.http_get(text, jsonb, jsonb, integer) to %I', r);
      execute format('grant execute on function net.http_post(text, jsonb, jsonb, jsonb, integer) to %I', r);
      execute format('grant execute on function net.http_delete(text, jsonb, jsonb, integer, jsonb) to %I', r);
    end if;
  end loop;
end
$do$;
