"""The Supabase platform shim, checked against a real throwaway cluster."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest

from pgparity.cluster import Cluster
from pgparity.cluster.supabase import (
    PLATFORM_ROLES,
    PLATFORM_SCHEMAS,
    SHIM_OBJECTS,
    SHIM_ROLES,
    SHIM_SQL,
    apply_shim,
    platform_object_names,
    restore_database_settings,
)
from pgparity.errors import ClusterError

_names = itertools.count()


# The shim creates cluster-wide roles, so these tests keep to a cluster of their own rather than
# the session cluster other tests share.
@pytest.fixture(scope="module")
def shim_cluster() -> Iterator[Cluster]:
    with Cluster() as c:
        yield c


@pytest.fixture
def dbname(shim_cluster: Cluster) -> str:
    """A new database with the shim applied."""
    name = shim_cluster.create_database(f"s{next(_names)}")
    with shim_cluster.connect(name) as conn:
        apply_shim(conn)
    return name


@pytest.fixture
def conn(shim_cluster: Cluster, dbname: str) -> Iterator[psycopg.Connection[Any]]:
    """A new connection to a shimmed database, as a Supabase client would open one."""
    with shim_cluster.connect(dbname) as connection:
        yield connection


def _value(conn: psycopg.Connection[Any], query: str, params: tuple[Any, ...] = ()) -> Any:
    row = conn.execute(query, params).fetchone()
    assert row is not None
    return row[0]


def _set_claims(conn: psycopg.Connection[Any], claims: str) -> None:
    conn.execute("select set_config('request.jwt.claims', %s, false)", (claims,))


def test_shim_sql_is_packaged() -> None:
    assert "create table if not exists auth.users" in SHIM_SQL


def test_auth_users_has_the_columns_apps_read(conn: psycopg.Connection[Any]) -> None:
    rows = conn.execute(
        "select column_name from information_schema.columns where table_schema = 'auth' and table_name = 'users'"
    ).fetchall()
    columns = {r[0] for r in rows}
    assert {"id", "email", "phone", "raw_user_meta_data", "raw_app_meta_data", "is_anonymous"} <= columns
    assert len(columns) == 35


def test_jwt_helpers_read_the_request_claims(conn: psycopg.Connection[Any]) -> None:
    user_id = uuid.uuid4()
    _set_claims(conn, f'{{"sub":"{user_id}","role":"authenticated","email":"a@b.c"}}')
    assert _value(conn, "select auth.uid()") == user_id
    assert _value(conn, "select auth.role()") == "authenticated"
    assert _value(conn, "select auth.email()") == "a@b.c"
    assert _value(conn, "select auth.jwt() ->> 'email'") == "a@b.c"


def test_jwt_helpers_prefer_the_per_claim_setting(conn: psycopg.Connection[Any]) -> None:
    user_id = uuid.uuid4()
    _set_claims(conn, '{"sub":"00000000-0000-0000-0000-000000000000"}')
    conn.execute("select set_config('request.jwt.claim.sub', %s, false)", (str(user_id),))
    assert _value(conn, "select auth.uid()") == user_id


def test_jwt_helpers_are_null_without_a_request(conn: psycopg.Connection[Any]) -> None:
    row = conn.execute("select auth.uid(), auth.role(), auth.email(), auth.jwt()").fetchone()
    assert row == (None, None, None, None)


def test_storage_path_helpers(conn: psycopg.Connection[Any]) -> None:
    assert _value(conn, "select storage.foldername('a/b/c.png')") == ["a", "b"]
    assert _value(conn, "select storage.foldername('c.png')") == []
    assert _value(conn, "select storage.filename('a/b/c.png')") == "c.png"
    assert _value(conn, "select storage.extension('a/b/c.tar.gz')") == "gz"


def test_storage_tables_have_rls_and_path_tokens(conn: psycopg.Connection[Any]) -> None:
    rls = conn.execute(
        "select relname, relrowsecurity from pg_class where oid in ('storage.objects'::regclass, 'storage.buckets'::regclass)"
    ).fetchall()
    assert dict(rls) == {"objects": True, "buckets": True}
    conn.execute("insert into storage.buckets (id, name, public) values ('avatars', 'avatars', true)")
    conn.execute("insert into storage.objects (bucket_id, name) values ('avatars', 'u1/me.png')")
    assert _value(conn, "select path_tokens from storage.objects") == ["u1", "me.png"]


def test_uuid_functions(conn: psycopg.Connection[Any]) -> None:
    assert isinstance(_value(conn, "select gen_random_uuid()"), uuid.UUID)
    assert isinstance(_value(conn, "select extensions.uuid_generate_v4()"), uuid.UUID)
    # unqualified, through the search_path, as migrations usually call it
    assert isinstance(_value(conn, "select uuid_generate_v4()"), uuid.UUID)
    assert _value(conn, "select left(extensions.crypt('pw', extensions.gen_salt('bf')), 4) = '$2a$'")


def test_new_connections_search_extensions(conn: psycopg.Connection[Any]) -> None:
    assert _value(conn, "show search_path") == '"$user", public, extensions'


def test_shimming_connection_gets_the_search_path(shim_cluster: Cluster) -> None:
    name = shim_cluster.create_database(f"s{next(_names)}")
    with shim_cluster.connect(name) as conn:
        apply_shim(conn)
        assert _value(conn, "show search_path") == '"$user", public, extensions'


def test_realtime_publication_and_send(conn: psycopg.Connection[Any]) -> None:
    assert _value(conn, "select count(*) from pg_publication where pubname = 'supabase_realtime'") == 1
    conn.execute("""select realtime.send('{"x":1}', 'ev', 'room:1', false)""")
    assert _value(conn, "select payload ->> 'x' from realtime.messages where topic = 'room:1'") == "1"


def test_roles_and_api_grants(conn: psycopg.Connection[Any]) -> None:
    roles = {r[0] for r in conn.execute("select rolname from pg_roles").fetchall()}
    assert roles >= SHIM_ROLES
    assert SHIM_ROLES <= PLATFORM_ROLES
    assert _value(conn, "select rolbypassrls from pg_roles where rolname = 'service_role'")
    assert _value(conn, "select pg_has_role('authenticator', 'authenticated', 'member')")
    for schema in ("public", "auth", "storage", "extensions", "graphql_public"):
        assert _value(conn, "select has_schema_privilege('anon', %s, 'usage')", (schema,)), schema
    conn.execute("create table public.notes (id bigint generated always as identity primary key)")
    assert _value(conn, "select has_table_privilege('authenticated', 'public.notes', 'select, insert')")
    assert _value(conn, "select has_sequence_privilege('anon', 'public.notes_id_seq', 'usage')")


TYPICAL_MIGRATION = """
create table public.profiles (
  id uuid not null references auth.users on delete cascade primary key,
  full_name text,
  avatar_url text
);
alter table public.profiles enable row level security;
create policy "Users can view their own profile" on public.profiles
  for select using (auth.uid() = id);
create policy "Users can update their own profile" on public.profiles
  for update using ((select auth.uid()) = id);

create function public.handle_new_user()
returns trigger
language plpgsql
security definer set search_path = ''
as $$
begin
  insert into public.profiles (id, full_name, avatar_url)
  values (new.id, new.raw_user_meta_data ->> 'full_name', new.raw_user_meta_data ->> 'avatar_url');
  return new;
end;
$$;

create trigger on_auth_user_created
  after insert on auth.users
  for each row execute procedure public.handle_new_user();

create policy "Avatar images are public" on storage.objects
  for select using (bucket_id = 'avatars');
create policy "Users upload their own avatar" on storage.objects
  for insert to authenticated
  with check (bucket_id = 'avatars' and (storage.foldername(name))[1] = auth.uid()::text);
"""


def test_typical_user_migration(shim_cluster: Cluster, dbname: str) -> None:
    user_id = uuid.uuid4()
    with shim_cluster.connect(dbname, autocommit=False) as conn:
        conn.execute(TYPICAL_MIGRATION)
        conn.commit()
        conn.execute(
            "insert into auth.users (id, email, raw_user_meta_data) values (%s, 'a@b.c', %s)",
            (user_id, '{"full_name": "Ada"}'),
        )
        conn.commit()
        assert conn.execute("select id, full_name from public.profiles").fetchall() == [(user_id, "Ada")]
        # RLS as the API role sees it
        conn.execute("set local role authenticated")
        _set_claims(conn, f'{{"sub":"{user_id}","role":"authenticated"}}')
        assert _value(conn, "select count(*) from public.profiles") == 1
        _set_claims(conn, f'{{"sub":"{uuid.uuid4()}","role":"authenticated"}}')
        assert _value(conn, "select count(*) from public.profiles") == 0
        conn.rollback()
        conn.execute("delete from auth.users where id = %s", (user_id,))
        assert _value(conn, "select count(*) from public.profiles") == 0


def test_two_databases_in_one_cluster(shim_cluster: Cluster, dbname: str) -> None:
    other = shim_cluster.create_database(f"s{next(_names)}")
    with shim_cluster.connect(other) as conn:
        apply_shim(conn)
        assert (
            _value(conn, "select count(*) from pg_tables where schemaname = 'auth' and tablename = 'users'")
            == 1
        )


def test_shim_runs_again_in_the_same_database(conn: psycopg.Connection[Any]) -> None:
    apply_shim(conn)
    assert _value(conn, "select count(*) from pg_publication where pubname = 'supabase_realtime'") == 1


def test_shim_inside_a_transaction(shim_cluster: Cluster) -> None:
    name = shim_cluster.create_database(f"s{next(_names)}")
    with shim_cluster.connect(name, autocommit=False) as conn:
        apply_shim(conn)
        conn.commit()
    with shim_cluster.connect(name) as conn:
        assert _value(conn, "select to_regclass('auth.users') is not null")


def test_clone_of_a_shimmed_template_needs_its_settings_restored(shim_cluster: Cluster, dbname: str) -> None:
    shim_cluster.mark_template(dbname)
    clone = shim_cluster.create_database(f"s{next(_names)}", template=dbname)
    with shim_cluster.connect(clone) as conn:
        assert "extensions" not in _value(conn, "show search_path")
        restore_database_settings(conn)
    with shim_cluster.connect(clone) as conn:
        assert _value(conn, "show search_path") == '"$user", public, extensions'


def test_errors_become_cluster_errors(shim_cluster: Cluster) -> None:
    name = shim_cluster.create_database(f"s{next(_names)}")
    role = f"plain{next(_names)}"
    with shim_cluster.connect(name) as conn:
        conn.execute(f"create role {role} login")
    info = {**shim_cluster.conninfo(name), "user": role}
    with psycopg.connect(**info, autocommit=True) as conn, pytest.raises(ClusterError) as caught:
        apply_shim(conn)
    assert "Supabase platform shim" in str(caught.value)
    assert "42501" in str(caught.value)  # insufficient privilege


# Objects in platform schemas, as the snapshot would see them: relations other than indexes (a
# composite type is a relation too), functions, and types that are neither a relation's row type
# nor an array type. Members of extensions belong to their extension, not to the platform.
CREATED_OBJECTS = """
with ext_members as (
  select classid, objid from pg_depend where deptype = 'e'
)
select n.nspname, c.relname
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where n.nspname = any(%(schemas)s) and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f', 'c')
  and ('pg_class'::regclass, c.oid) not in (select * from ext_members)
union
select n.nspname, p.proname
from pg_proc p join pg_namespace n on n.oid = p.pronamespace
where n.nspname = any(%(schemas)s)
  and ('pg_proc'::regclass, p.oid) not in (select * from ext_members)
union
select n.nspname, t.typname
from pg_type t join pg_namespace n on n.oid = t.typnamespace
where n.nspname = any(%(schemas)s) and t.typrelid = 0
  and not exists (select 1 from pg_type e where e.typarray = t.oid)
  and ('pg_type'::regclass, t.oid) not in (select * from ext_members)
"""


def test_shim_objects_list_what_the_shim_creates(conn: psycopg.Connection[Any]) -> None:
    rows = conn.execute(CREATED_OBJECTS, {"schemas": sorted(PLATFORM_SCHEMAS)}).fetchall()
    created = {(schema, name) for schema, name in rows}
    assert created == SHIM_OBJECTS, {
        "created but not listed": created - SHIM_OBJECTS,
        "listed but not created": SHIM_OBJECTS - created,
    }


def test_platform_object_names_cover_real_supabase_objects() -> None:
    names = platform_object_names()
    assert names >= SHIM_OBJECTS
    assert {("auth", "flow_state"), ("auth", "one_time_tokens"), ("storage", "s3_multipart_uploads")} <= names
    assert {schema for schema, _ in names} <= PLATFORM_SCHEMAS
    assert ("public", "profiles") not in names
