"""The stand-ins for Supabase's extensions, on a real throwaway cluster of the private server tree."""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import json
import math
import os
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from pgparity.cluster import Cluster, PgBinaries, find_binaries
from pgparity.cluster.extensions import (
    STANDIN_COMMENT_PREFIX,
    STANDIN_DIR,
    STANDINS,
    _Layout,
    _layout,
    _populate,
    prepare_binaries,
    standins_used,
)
from pgparity.cluster.runas import resolve_run_as
from pgparity.cluster.supabase import apply_shim
from pgparity.cluster.workspace import base_dir

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "supabase"

_names = itertools.count()

# How Supabase migrations create each extension (pg_cron must go to pg_catalog, as the real one).
CREATE_STATEMENTS = {
    "pg_net": "create extension if not exists pg_net with schema extensions",
    "http": "create extension if not exists http with schema extensions",
    "vector": "create extension if not exists vector with schema extensions",
    "pg_jsonschema": "create extension if not exists pg_jsonschema with schema extensions",
    "pg_cron": "create extension if not exists pg_cron with schema pg_catalog",
    "pgmq": "create extension if not exists pgmq",
    "pgsodium": "create extension if not exists pgsodium",
    "supabase_vault": "create extension if not exists supabase_vault",
    "pgjwt": "create extension if not exists pgjwt with schema extensions",
    "pg_graphql": "create extension if not exists pg_graphql",
    "wrappers": "create extension if not exists wrappers with schema extensions",
}


@pytest.fixture(scope="module")
def binaries() -> PgBinaries:
    return prepare_binaries(find_binaries())


# The shim creates cluster-wide roles, so these tests keep to a cluster of their own.
@pytest.fixture(scope="module")
def standin_cluster(binaries: PgBinaries) -> Iterator[Cluster]:
    with Cluster(binaries) as c:
        yield c


def _shimmed_db(cluster: Cluster, prefix: str) -> str:
    name = cluster.create_database(f"{prefix}{next(_names)}")
    with cluster.connect(name) as conn:
        apply_shim(conn)
    return name


@pytest.fixture
def conn(standin_cluster: Cluster) -> Iterator[psycopg.Connection[Any]]:
    """A connection to a new shimmed database, every stand-in created as a migration would."""
    with standin_cluster.connect(_shimmed_db(standin_cluster, "x")) as connection:
        for statement in CREATE_STATEMENTS.values():
            connection.execute(statement)
        yield connection


def _value(conn: psycopg.Connection[Any], query: str, params: tuple[Any, ...] = ()) -> Any:
    row = conn.execute(query, params).fetchone()
    assert row is not None
    return row[0]


def _real_layout() -> _Layout:
    return _layout(find_binaries())


def _tree_root(binaries: PgBinaries) -> Path:
    layout = _real_layout()
    return binaries.bindir.parents[len(layout.bindir.relative_to(layout.prefix).parts) - 1]


# -- the private server tree ---------------------------------------------------------------------


def test_standins_match_the_shipped_files() -> None:
    shipped = {p.name for p in STANDIN_DIR.iterdir() if p.is_dir() and not p.name.startswith("_")}
    assert shipped == STANDINS
    for name in STANDINS:
        control = (STANDIN_DIR / name / f"{name}.control").read_text()
        assert f"comment = '{STANDIN_COMMENT_PREFIX} for {name}" in control
        version = control.split("default_version = '")[1].split("'")[0]
        assert (STANDIN_DIR / name / f"{name}--{version}.sql").is_file()


def test_private_tree_mirrors_the_installation(binaries: PgBinaries) -> None:
    layout = _real_layout()
    assert binaries.bindir != layout.bindir
    postgres = binaries.bindir / "postgres"
    assert postgres.is_file() and not postgres.is_symlink()  # a copy: PostgreSQL resolves symlinks
    root = _tree_root(binaries)
    extdir = layout.mirrored(root, layout.sharedir) / "extension"
    for name in STANDINS:
        control = extdir / f"{name}.control"
        real = layout.sharedir / "extension" / f"{name}.control"
        assert control.is_file()
        assert control.is_symlink() == real.exists()  # a real extension is linked, never replaced
    assert (extdir / "pg_trgm.control").resolve() == layout.sharedir / "extension" / "pg_trgm.control"
    assert (layout.mirrored(root, layout.pkglibdir)).resolve() == layout.pkglibdir
    # The server's OS user (not root) must be able to read the whole tree.
    for dirpath, _dirs, _files in os.walk(root):
        assert stat.S_IMODE(os.stat(dirpath).st_mode) & 0o005 == 0o005, dirpath


def test_initdb_finds_the_private_postgres_and_share_dir(binaries: PgBinaries) -> None:
    run_as = resolve_run_as()  # initdb refuses to run as root
    result = subprocess.run(
        [binaries.tool("initdb"), "--show", "-D", str(base_dir() / "never-created")],
        capture_output=True,
        text=True,
        user=run_as.user,
        cwd="/",
    )
    output = result.stdout + result.stderr  # initdb --show prints to stderr
    settings = dict(line.split("=", 1) for line in output.splitlines() if "=" in line)
    layout = _real_layout()
    assert settings["PGPATH"] == str(binaries.bindir)
    assert settings["share_path"] == str(layout.mirrored(_tree_root(binaries), layout.sharedir))


def test_prepare_binaries_reuses_the_tree(binaries: PgBinaries) -> None:
    before = os.stat(binaries.bindir / "postgres").st_mtime_ns
    again = prepare_binaries(find_binaries())
    assert again == binaries
    assert os.stat(again.bindir / "postgres").st_mtime_ns == before


def test_prepare_binaries_of_a_prepared_tree_is_that_tree(binaries: PgBinaries) -> None:
    assert prepare_binaries(binaries) == binaries


def test_system_share_dir_is_untouched() -> None:
    real = _real_layout().sharedir / "extension"
    for path in real.iterdir():
        if path.suffix == ".control" and not path.is_symlink():
            assert STANDIN_COMMENT_PREFIX not in path.read_text(errors="replace"), path


def test_real_extension_wins_over_its_standin(tmp_path: Path) -> None:
    real = tmp_path / "real"
    (real / "bin").mkdir(parents=True)
    (real / "share" / "extension").mkdir(parents=True)
    (real / "lib").mkdir()
    (real / "share" / "extension" / "vector.control").write_text("comment = 'the real pgvector'\n")
    (real / "share" / "extension" / "http--1.6.sql").write_text("-- a real script without its control\n")
    layout = _Layout(real / "bin", real / "share", real / "lib")
    tree = tmp_path / "tree"
    tree.mkdir()
    _populate(layout, tree)
    extdir = tree / "share" / "extension"
    assert (extdir / "vector.control").resolve() == real / "share" / "extension" / "vector.control"
    assert not (extdir / "vector--0.8.0.sql").exists()
    assert (extdir / "http--1.6.sql").read_text() == "-- a real script without its control\n"
    assert not (extdir / "http.control").exists()
    assert (extdir / "pgmq.control").is_file() and not (extdir / "pgmq.control").is_symlink()


def test_server_reads_the_private_share_dir(standin_cluster: Cluster, binaries: PgBinaries) -> None:
    layout = _real_layout()
    with standin_cluster.connect() as conn:
        sharedir = Path(_value(conn, "select setting from pg_config where name = 'SHAREDIR'"))
        assert sharedir != layout.sharedir and sharedir.resolve() != layout.sharedir
        assert sharedir == layout.mirrored(_tree_root(binaries), layout.sharedir)
        # A real extension still loads, from the real files the tree links to.
        name = standin_cluster.create_database(f"trgm{next(_names)}")
    with standin_cluster.connect(name) as conn:
        conn.execute("create extension pg_trgm")
        assert _value(conn, "select similarity('word', 'words')") > 0.5
        assert standins_used(conn) == []


# -- each stand-in installs as Supabase migrations create it --------------------------------------


@pytest.mark.parametrize("name", sorted(CREATE_STATEMENTS))
def test_standin_installs(standin_cluster: Cluster, name: str) -> None:
    with standin_cluster.connect(_shimmed_db(standin_cluster, "i")) as conn:
        conn.execute(CREATE_STATEMENTS[name])
        comment = _value(conn, "select comment from pg_available_extensions where name = %s", (name,))
        assert comment.startswith(STANDIN_COMMENT_PREFIX)
        assert name in standins_used(conn)


def test_standins_used_lists_every_standin(conn: psycopg.Connection[Any]) -> None:
    assert standins_used(conn) == sorted(STANDINS)


def test_relocatable_standins_work_after_set_schema(standin_cluster: Cluster) -> None:
    """vector and http are relocatable, as the real ones: their functions bind their references."""
    with standin_cluster.connect(_shimmed_db(standin_cluster, "r")) as conn:
        conn.execute("create extension vector")
        conn.execute("create extension http")
        conn.execute("create table items (embedding vector(2))")
        conn.execute("insert into items values ('[3,4]')")
        conn.execute("alter extension vector set schema extensions")
        conn.execute("alter extension http set schema extensions")
        conn.execute("set search_path = pg_catalog")
        distance = _value(conn, "select embedding operator(extensions.<->) '[0,0]' from public.items")
        assert distance == pytest.approx(5)
        assert _value(conn, "select status from extensions.http_get('https://example.com')") == 200


def test_pg_cron_must_be_in_pg_catalog(standin_cluster: Cluster) -> None:
    with standin_cluster.connect(_shimmed_db(standin_cluster, "c")) as conn:
        with pytest.raises(
            psycopg.errors.FeatureNotSupported, match='must be installed in schema "pg_catalog"'
        ):
            conn.execute("create extension pg_cron with schema extensions")
        conn.execute("create extension pg_cron")


# -- harmless behaviour -----------------------------------------------------------------------------


def test_net_http_post_records_the_request(conn: psycopg.Connection[Any]) -> None:
    request_id = _value(
        conn,
        "select net.http_post(url => 'https://example.com/hook', body => '{\"a\": 1}'::jsonb,"
        ' params => \'{"q": "x y"}\'::jsonb)',
    )
    method, url, headers, body = (
        conn.execute(
            "select method, url, headers, convert_from(body, 'UTF8') from net.http_request_queue where id = %s",
            (request_id,),
        ).fetchone()
        or (None,) * 4
    )
    assert (method, url) == ("POST", "https://example.com/hook?q=x%20y")
    assert headers == {"Content-Type": "application/json"}
    assert json.loads(body) == {"a": 1}
    assert _value(conn, "select count(*) from net._http_response") == 0  # nothing was sent
    assert _value(conn, "select (net._http_collect_response(%s)).status::text", (request_id,)) == "PENDING"
    assert _value(conn, "select net.http_get('https://example.com')") == request_id + 1


def test_http_calls_are_recorded(conn: psycopg.Connection[Any]) -> None:
    status, content = conn.execute(
        "select status, content from extensions.http(('GET', 'https://example.com',"
        " array[extensions.http_header('authorization', 'Bearer x')], null, null)::extensions.http_request)"
    ).fetchone() or (None, None)
    assert (status, content) == (200, "{}")
    conn.execute("select extensions.http_post('https://example.com', 'body', 'text/plain')")
    rows = conn.execute(
        "select method, uri, content from extensions.pgparity_http_requests order by id"
    ).fetchall()
    assert rows == [("GET", "https://example.com", None), ("POST", "https://example.com", "body")]
    assert _value(conn, "select extensions.urlencode('my special string''s & things?')") == (
        "my+special+string%27s+%26+things%3F"
    )


def test_vector_distances(conn: psycopg.Connection[Any]) -> None:
    l2, cosine, ip, l1 = (
        conn.execute(
            "select a <-> b, a <=> b, a <#> b, a <+> b"
            " from (select '[1,2,3]'::vector as a, '[4,5,6]'::vector as b) as v"
        ).fetchone()
        or (None,) * 4
    )
    assert l2 == pytest.approx(math.sqrt(27))
    assert cosine == pytest.approx(1 - 32 / math.sqrt(14 * 77))
    assert ip == pytest.approx(-32)
    assert l1 == pytest.approx(9)
    assert _value(conn, "select '[1,2]'::halfvec <-> '[1,4]'") == pytest.approx(2)
    assert _value(conn, "select '{1:3}/2'::sparsevec <-> '{2:4}/2'") == pytest.approx(5)
    assert _value(conn, "select B'101' <~> B'011'") == 2
    with pytest.raises(psycopg.errors.DataException, match="different vector dimensions 2 and 3"):
        conn.execute("select '[1,2]'::vector <-> '[1,2,3]'")


def test_vector_columns_check_and_normalise(conn: psycopg.Connection[Any]) -> None:
    conn.execute("create table items (id int, embedding vector(3))")
    conn.execute("insert into items values (1, '[1.0, 2, 3]'), (2, array[4, 5, 6])")
    rows = conn.execute("select embedding::text from items order by id").fetchall()
    assert rows == [("[1,2,3]",), ("[4,5,6]",)]
    assert _value(
        conn, "select format_type(atttypid, atttypmod) from pg_attribute where attname = 'embedding'"
    ) == ("vector(3)")
    with pytest.raises(psycopg.errors.DataException, match="expected 3 dimensions, not 2"):
        conn.execute("insert into items values (3, '[1,2]')")
    assert _value(conn, "select avg(embedding)::text from items") == "[2.5,3.5,4.5]"
    nearest = _value(conn, "select id from items order by embedding <=> '[4,5,7]' limit 1")
    assert nearest == 2


@pytest.mark.parametrize(
    "index",
    [
        "using hnsw (embedding vector_cosine_ops)",
        "using hnsw (embedding vector_l2_ops)",
        "using hnsw (embedding vector_ip_ops)",
        "using ivfflat (embedding vector_cosine_ops)",
        "using ivfflat (embedding)",
        "using hnsw ((embedding::halfvec(3)) halfvec_cosine_ops)",
    ],
)
def test_vector_indexes_are_accepted(conn: psycopg.Connection[Any], index: str) -> None:
    conn.execute("create table docs (id bigserial primary key, embedding vector(3))")
    conn.execute(
        "insert into docs (embedding) select array[i, i + 1, i + 2] from generate_series(1, 50) as i"
    )
    conn.execute(f"create index docs_embedding on docs {index}")
    definition = _value(conn, "select pg_get_indexdef('docs_embedding'::regclass)")
    expected = index.replace("embedding::halfvec(3)", "(embedding)::halfvec(3)")
    assert definition.lower().endswith(expected)
    assert _value(conn, "select id from docs order by embedding <-> '[3,4,5]' limit 1") == 3


def test_vector_index_options_are_not_supported(conn: psycopg.Connection[Any]) -> None:
    # Documented limitation: index options need an access method written in C.
    conn.execute("create table docs (embedding vector(3))")
    with pytest.raises(psycopg.errors.InvalidParameterValue, match='unrecognized parameter "lists"'):
        conn.execute("create index on docs using ivfflat (embedding vector_l2_ops) with (lists = 100)")


def test_cron_records_jobs_without_running_them(conn: psycopg.Connection[Any]) -> None:
    job = _value(conn, "select cron.schedule('nightly', '0 3 * * *', 'vacuum')")
    assert isinstance(job, int)
    assert conn.execute(
        "select jobname, schedule, command, active from cron.job where jobid = %s", (job,)
    ).fetchone() == (
        "nightly",
        "0 3 * * *",
        "vacuum",
        True,
    )
    assert _value(conn, "select cron.schedule('nightly', '0 4 * * *', 'vacuum')") == job  # replaced in place
    anonymous = _value(conn, "select cron.schedule('30 seconds', 'select 1')")
    assert anonymous != job
    assert _value(conn, "select cron.unschedule('nightly')") is True
    assert _value(conn, "select cron.unschedule(%s)", (anonymous,)) is True
    assert _value(conn, "select count(*) from cron.job") == 0
    assert _value(conn, "select count(*) from cron.job_run_details") == 0
    with pytest.raises(
        psycopg.errors.InvalidParameterValue, match="could not find valid entry for job 'gone'"
    ):
        conn.execute("select cron.unschedule('gone')")
    with pytest.raises(psycopg.errors.InvalidParameterValue, match="invalid schedule"):
        conn.execute("select cron.schedule('every minute', 'select 1')")


def test_pgmq_round_trip(conn: psycopg.Connection[Any]) -> None:
    conn.execute("select pgmq.create('jobs')")
    sent = _value(conn, "select * from pgmq.send('jobs', '{\"hello\": \"world\"}')")
    batch = [r[0] for r in conn.execute("select * from pgmq.send_batch('jobs', array['{}', '{}']::jsonb[])")]
    assert batch == [sent + 1, sent + 2]
    msg_id, read_ct, message, headers = (
        conn.execute("select msg_id, read_ct, message, headers from pgmq.read('jobs', 30, 1)").fetchone()
        or (None,) * 4
    )
    assert (msg_id, read_ct, message, headers) == (sent, 1, {"hello": "world"}, None)
    assert (
        conn.execute("select * from pgmq.read('jobs', 30, 5)").fetchall()[0][0] == sent + 1
    )  # first is hidden
    assert _value(conn, "select pgmq.archive('jobs', %s::bigint)", (sent,)) is True
    assert _value(conn, "select count(*) from pgmq.a_jobs") == 1
    assert _value(conn, "select pgmq.delete('jobs', %s::bigint)", (sent + 1,)) is True
    assert _value(conn, "select msg_id from pgmq.set_vt('jobs', %s, 0)", (sent + 2,)) == sent + 2
    assert _value(conn, "select pgmq.format_table_name('Jobs', 'q')") == "q_jobs"
    assert _value(conn, "select queue_name from pgmq.list_queues()") == "jobs"
    assert _value(conn, "select queue_length from pgmq.metrics('jobs')") == 1
    # Queue tables belong to the extension, as pgmq makes them.
    assert (
        _value(conn, "select count(*) from pg_depend where objid = 'pgmq.q_jobs'::regclass and deptype = 'e'")
        == 1
    )
    assert _value(conn, "select pgmq.drop_queue('jobs')") is True


def test_vault_secrets_round_trip(conn: psycopg.Connection[Any]) -> None:
    secret_id = _value(conn, "select vault.create_secret('s3cr3t', 'api_key', 'an API key')")
    assert (
        _value(conn, "select decrypted_secret from vault.decrypted_secrets where name = 'api_key'")
        == "s3cr3t"
    )
    assert _value(conn, "select secret from vault.secrets where id = %s", (secret_id,)) != "s3cr3t"
    conn.execute("insert into vault.secrets (name, secret) values ('other', 'plain')")
    assert (
        _value(conn, "select decrypted_secret from vault.decrypted_secrets where name = 'other'") == "plain"
    )
    conn.execute("select vault.update_secret(%s, 'n3w')", (secret_id,))
    assert (
        _value(conn, "select decrypted_secret from vault.decrypted_secrets where id = %s", (secret_id,))
        == "n3w"
    )
    with pytest.raises(psycopg.errors.UniqueViolation):
        conn.execute("select vault.create_secret('again', 'api_key')")


def test_jsonschema_accepts_everything(conn: psycopg.Connection[Any]) -> None:
    assert _value(conn, "select extensions.json_matches_schema('{\"type\": \"string\"}', '1')") is True
    assert _value(conn, "select extensions.jsonb_matches_schema('{\"type\": \"string\"}', '1')") is True


def test_pgjwt_signs_real_tokens(conn: psycopg.Connection[Any]) -> None:
    token = _value(conn, "select extensions.sign('{\"sub\":\"1234\"}'::json, 'secret')")
    head, body, signature = token.split(".")
    expected = hmac.new(b"secret", f"{head}.{body}".encode(), hashlib.sha256).digest()
    assert signature == base64.urlsafe_b64encode(expected).rstrip(b"=").decode()
    assert json.loads(base64.urlsafe_b64decode(head + "==")) == {"alg": "HS256", "typ": "JWT"}
    header, payload, valid = (
        conn.execute("select * from extensions.verify(%s, 'secret')", (token,)).fetchone() or (None,) * 3
    )
    assert (header["alg"], payload, valid) == ("HS256", {"sub": "1234"}, True)
    assert _value(conn, "select valid from extensions.verify(%s, 'wrong')", (token,)) is False
    expired = _value(conn, "select extensions.sign('{\"exp\": 1}'::json, 'secret', 'HS512')")
    assert _value(conn, "select valid from extensions.verify(%s, 'secret', 'HS512')", (expired,)) is False


def test_graphql_resolve_answers_with_an_error(conn: psycopg.Connection[Any]) -> None:
    answer = _value(conn, "select graphql.resolve('{ __typename }')")
    assert answer["data"] is None and "not executed" in answer["errors"][0]["message"]


def test_pgsodium_values_round_trip(conn: psycopg.Connection[Any]) -> None:
    key_id = _value(conn, "select id from pgsodium.create_key(name => 'k')")
    plain = _value(
        conn,
        "select pgsodium.crypto_aead_det_decrypt(pgsodium.crypto_aead_det_encrypt('data', '', %s::uuid), '', %s::uuid)",
        (key_id, key_id),
    )
    assert bytes(plain) == b"data"


def test_wrappers_foreign_tables_apply_but_fetch_nothing(conn: psycopg.Connection[Any]) -> None:
    conn.execute(
        "create foreign data wrapper stripe_wrapper handler stripe_fdw_handler validator stripe_fdw_validator"
    )
    conn.execute("create server stripe_server foreign data wrapper stripe_wrapper options (api_key_id 'k')")
    conn.execute("create schema stripe")
    conn.execute(
        "create foreign table stripe.customers (id text, email text) server stripe_server options (object 'customers')"
    )
    with pytest.raises(psycopg.Error):
        conn.execute("select * from stripe.customers")
    with pytest.raises(psycopg.errors.FdwInvalidOptionName):
        conn.execute("create server other foreign data wrapper stripe_wrapper options (program 'true')")


# -- the real Supabase corpus -----------------------------------------------------------------------


def _corpus_folders() -> list[str]:
    return sorted(p.name for p in CORPUS.iterdir() if (p / "migrations").is_dir()) if CORPUS.is_dir() else []


def _migration_files(folder: Path) -> list[Path]:
    files = sorted((folder / "migrations").glob("*.sql"), key=lambda p: p.name)
    seed = folder / "seed.sql"
    return files + [seed] if seed.is_file() else files


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the Supabase corpus is not at {CORPUS}")
@pytest.mark.parametrize("folder", _corpus_folders())
def test_corpus_folder_applies(standin_cluster: Cluster, folder: str) -> None:
    """Shim, then every migration in its own transaction in file-name order, then seed.sql."""
    dbname = _shimmed_db(standin_cluster, "corpus")
    failures: dict[str, str] = {}
    with standin_cluster.connect(dbname, autocommit=False) as conn:
        for path in _migration_files(CORPUS / folder):
            try:
                with conn.transaction():
                    conn.execute(path.read_text())  # no parameters: one simple-query script
            except psycopg.Error as exc:
                failures[path.name] = str(exc).strip()
    assert failures == {}
