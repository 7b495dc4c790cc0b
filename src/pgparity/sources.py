"""SOURCE strings -> Snapshot.

A SOURCE is one of: a connection string (URI or key=value; libpq's PGPASSWORD and .pgpass
apply), a snapshot ``.json`` file, a ``.sql`` file (loaded into a throwaway cluster), a
migrations folder (applied in order into a throwaway cluster), or an environment name from
``pgparity.toml`` (``[environments] prod = "postgresql://..."``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import psycopg

from pgparity.catalog import PlatformFilter, ReadOptions, read_snapshot
from pgparity.errors import PgparityError, SourceError
from pgparity.textfiles import read_utf8

if TYPE_CHECKING:
    # Imported where used: reading a connection string or a .json needs no cluster, and a live
    # read starts its queries before the model's classes are loaded (see catalog/reader.py).
    from pgparity.cluster import Cluster
    from pgparity.model import Snapshot

CONNECT_TIMEOUT = 10
ENV_FILE = "pgparity.toml"


@dataclass(frozen=True)
class SourceOptions:
    read: ReadOptions = field(default_factory=ReadOptions)
    supabase: bool | None = None  # None: detect (project folder, or a live database that looks like Supabase)
    include_platform: bool = False
    pg_bin: str | None = None
    pg_version: int | None = None


# -- connection strings ------------------------------------------------------------------


def is_dsn(source: str) -> bool:
    return bool(re.match(r"^postgres(ql)?://", source)) or bool(re.match(r"^\s*\w+\s*=", source))


def redact(dsn: str) -> str:
    """The connection string without its password, for messages."""
    if re.match(r"^postgres(ql)?://", dsn):
        dsn = re.sub(r"(://[^:/@]*):[^@]*@", r"\1:***@", dsn)
        return re.sub(r"([?&]password=)[^&#]*", r"\1***", dsn)  # ...?password=... is allowed too
    return re.sub(r"(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)", r"\1***", dsn)


def _libpq_message(text: str) -> str:
    """libpq's connection error as one line: psycopg's prefix, libpq's own hint lines and the
    per-address repeat after "Multiple connection attempts failed" are dropped (we give a hint)."""
    text = text.split("\nMultiple connection attempts failed", 1)[0]
    text = re.sub(r"^connection (failed|is bad): ", "", text.strip())
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line[:1].isspace()]
    return " ".join(lines) or text.strip()


def _connection_error(exc: psycopg.Error, dsn: str) -> SourceError:
    text = str(exc).strip()
    hint = None
    if "password authentication failed" in text or "no password supplied" in text:
        hint = "check the password (PGPASSWORD, ~/.pgpass or the connection string)"
    elif "does not exist" in text and "database" in text:
        hint = "check the database name in the connection string"
    elif any(
        s in text for s in ("Connection refused", "could not connect", "timeout expired", "No such file")
    ):
        hint = "check that the server is running and the host and port are right"
    elif any(
        s in text
        for s in (
            "SSL",
            "server closed the connection",
            "invalid response",
            "expected authentication request",
        )
    ):
        hint = "is there a PostgreSQL server on that port?"
    # libpq messages do not contain passwords, but scrub anything that looks like one anyway.
    return SourceError(f"cannot connect to {redact(dsn)}: {redact(_libpq_message(text))}", hint=hint)


def connect(dsn: str) -> psycopg.Connection[Any]:
    try:
        return psycopg.connect(dsn, autocommit=True, connect_timeout=CONNECT_TIMEOUT)
    except psycopg.Error as exc:
        raise _connection_error(exc, dsn) from None


def looks_like_supabase(conn: psycopg.Connection[Any]) -> bool:
    row = conn.execute(
        "SELECT to_regnamespace('auth') IS NOT NULL AND to_regnamespace('storage') IS NOT NULL"
        " AND EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'authenticated')"
    ).fetchone()
    return bool(row and row[0])


def supabase_platform() -> PlatformFilter:
    from pgparity.cluster.supabase import (
        PLATFORM_EXTENSIONS,
        PLATFORM_ROLES,
        PLATFORM_SCHEMAS,
        platform_object_names,
    )

    return PlatformFilter(PLATFORM_SCHEMAS, platform_object_names(), PLATFORM_ROLES, PLATFORM_EXTENSIONS)


def _read_options(options: SourceOptions, supabase: bool) -> ReadOptions:
    if supabase and not options.include_platform:
        return replace(options.read, platform=supabase_platform())
    return options.read


def snapshot_dsn(dsn: str, options: SourceOptions) -> Snapshot:
    with connect(dsn) as conn:
        try:
            supabase = options.supabase if options.supabase is not None else looks_like_supabase(conn)
            return read_snapshot(conn, _read_options(options, supabase))
        except psycopg.Error as exc:
            raise SourceError(
                f"reading the schema of {redact(dsn)} failed: {redact(str(exc).strip())}"
            ) from None


# -- files and folders -------------------------------------------------------------------


def _read_text(path: Path) -> str:
    return read_utf8(path, SourceError)


def snapshot_json(path: Path) -> Snapshot:
    from pgparity.model import SnapshotFormatError, loads

    try:
        return loads(_read_text(path))
    except SnapshotFormatError as exc:
        raise SourceError(f"{path}: {exc}") from None


@dataclass(frozen=True)
class SqlPlan:
    """The SQL files to run, in order, and whether they need the Supabase platform."""

    files: tuple[Path, ...]
    supabase: bool


def build_in_cluster(cluster: Cluster, dbname: str, plan: SqlPlan) -> None:
    """Create ``dbname`` and run the plan's files into it, each file in its own transaction."""
    from pgparity.cluster.execute import run_sql_text  # the SQL parser: not needed to read a DSN

    cluster.create_database(dbname)
    with cluster.connect(dbname) as conn:
        if plan.supabase:
            from pgparity.cluster.supabase import apply_shim

            apply_shim(conn)
        for path in plan.files:
            text = _read_text(path)
            wrap = len(plan.files) > 1 and not re.search(r"(?im)^\s*(begin|commit)\s*;", text)
            if wrap:
                conn.execute("BEGIN")
            run_sql_text(conn, text, str(path))
            if wrap:
                conn.execute("COMMIT")


def snapshot_files(plan: SqlPlan, options: SourceOptions) -> Snapshot:
    from pgparity.cluster import Cluster, find_binaries

    supabase = plan.supabase if options.supabase is None else options.supabase
    plan = replace(plan, supabase=supabase)
    binaries = find_binaries(options.pg_bin, options.pg_version)
    with Cluster(binaries) as cluster:
        build_in_cluster(cluster, "source", plan)
        with cluster.connect("source") as conn:
            return read_snapshot(conn, _read_options(options, supabase))


# -- rebuilding a SOURCE in a throwaway cluster (for proofs) -----------------------------


def snapshot_roles(snapshot: Snapshot) -> set[str]:
    """Every role a snapshot names: owners, grantees, policy roles, default-privilege roles."""
    roles: set[str] = set()
    for obj in snapshot.all_objects():
        owner = getattr(obj, "owner", None)
        if isinstance(owner, str) and owner:
            roles.add(owner)
        for grant in getattr(obj, "acl", None) or ():
            roles.add(grant.grantee)
        for col in getattr(obj, "columns", ()) or ():
            for grant in getattr(col, "acl", ()) or ():
                roles.add(grant.grantee)
        roles.update(getattr(obj, "roles", ()) or ())
        role = getattr(obj, "role", None)
        if isinstance(role, str):
            roles.add(role)
    return {r for r in roles if r and r.lower() != "public" and not r.startswith("pg_")}


def create_roles(conn: psycopg.Connection[Any], roles: set[str]) -> None:
    """Create missing roles (NOLOGIN) so grants and owners of a rebuilt schema resolve."""
    from psycopg import sql

    for role in sorted(roles):
        exists = conn.execute("SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = %s", (role,)).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(role)))


def sync_roles(conn: psycopg.Connection[Any], snapshot: Snapshot, read_options: ReadOptions) -> None:
    """Give the cluster's roles the snapshot's attributes, settings, memberships and comments
    (``--roles``: the rebuilt SOURCE must hold them as SOURCE does). Creates and alters, never
    drops: a role the snapshot lacks is the throwaway cluster's own (or a platform role)."""
    from pgparity.cluster.execute import run_sql_text
    from pgparity.diff import DiffOptions
    from pgparity.model import Snapshot
    from pgparity.plan import PlanOptions, build_plan, render_script

    here = read_snapshot(conn, read_options).roles
    wanted = {role.name for role in snapshot.roles}
    target = snapshot.roles + tuple(role for role in here if role.name not in wanted)
    _, plan = build_plan(
        Snapshot(roles=here), Snapshot(roles=target), DiffOptions(compare_roles=True), PlanOptions()
    )
    if plan.steps:
        run_sql_text(conn, render_script(plan, PlanOptions()), "<roles>")


def _dump_schema(cluster: Cluster, dsn: str) -> str:
    import subprocess

    result = subprocess.run(
        [cluster.binaries.tool("pg_dump"), "--schema-only", "--no-subscriptions", "-d", dsn],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SourceError(f"pg_dump of {redact(dsn)} failed: {redact(result.stderr.strip())}")
    # psql meta-commands (\restrict, \connect) are not SQL; pg_dump adds them in recent releases.
    return "\n".join(line for line in result.stdout.splitlines() if not line.startswith("\\"))


def _create_subscriptions(conn: psycopg.Connection[Any], snapshot: Snapshot) -> None:
    """The snapshot's subscriptions, which the dump leaves out (pg_dump would write their
    passwords, and needs a superuser to read them): planned as for a rebuild, so without passwords."""
    if not snapshot.subscriptions:
        return
    from pgparity.cluster.execute import run_sql_text
    from pgparity.model import Snapshot
    from pgparity.plan import PlanOptions, build_plan, render_script

    _, plan = build_plan(Snapshot(), Snapshot(subscriptions=snapshot.subscriptions), options=PlanOptions())
    run_sql_text(conn, render_script(plan, PlanOptions()), "<subscriptions>")


def _build_from_snapshot(
    cluster: Cluster, dbname: str, snapshot: Snapshot, options: SourceOptions, supabase: bool, owners: bool
) -> None:
    from pgparity.cluster.execute import run_sql_text
    from pgparity.plan import PlanOptions, build_plan, render_script
    from pgparity.plan.secrets import fill_for_proof

    cluster.create_database(dbname)
    with cluster.connect(dbname) as conn:
        if supabase:
            from pgparity.cluster.supabase import apply_shim

            apply_shim(conn)
        create_roles(conn, snapshot_roles(snapshot))
        empty = read_snapshot(conn, _read_options(options, supabase))
        plan_options = PlanOptions(owners=owners)
        _, plan = build_plan(empty, snapshot, options=plan_options)
        # The snapshot holds no secret option values: the rebuild gets the marker (see fill_for_proof).
        run_sql_text(conn, fill_for_proof(render_script(plan, plan_options)), "<rebuild>")


def materialize(
    source: str,
    snapshot: Snapshot,
    cluster: Cluster,
    dbname: str,
    options: SourceOptions,
    roles: bool = False,
) -> bool:
    """Build SOURCE's schema as database ``dbname`` of ``cluster``; return whether it is Supabase-shimmed.

    Files are re-run; a plain live database is copied with pg_dump --schema-only; a snapshot
    (or a Supabase database, whose platform schemas a dump cannot carry) is rebuilt from its
    snapshot by planning it from an empty database. With ``roles`` (diff --roles) the cluster's
    roles are then made the snapshot's (``sync_roles``).
    """
    supabase = _materialize(source, snapshot, cluster, dbname, options, roles)
    if roles:
        with cluster.connect(dbname) as conn:
            sync_roles(conn, snapshot, _read_options(options, supabase))
    return supabase


def _materialize(
    source: str, snapshot: Snapshot, cluster: Cluster, dbname: str, options: SourceOptions, owners: bool
) -> bool:
    path = Path(source)
    if not is_dsn(source) and path.is_dir():
        from pgparity.migrations.formats import load_folder
        from pgparity.migrations.verify import build_folder

        folder = load_folder(path)
        failure = build_folder(cluster, dbname, folder)
        if failure is not None:
            raise _folder_error(failure)
        return folder.supabase
    if not is_dsn(source) and path.suffix == ".sql":
        supabase = bool(options.supabase)
        build_in_cluster(cluster, dbname, SqlPlan((path,), supabase))
        return supabase
    dsn = source if is_dsn(source) else environment_dsn(source)
    supabase = bool(options.supabase)
    if dsn is not None and options.supabase is None:
        with connect(dsn) as conn:
            supabase = looks_like_supabase(conn)
    if dsn is not None and not supabase:
        from pgparity.cluster.execute import run_sql_text

        cluster.create_database(dbname)
        with cluster.connect(dbname) as conn:
            create_roles(conn, snapshot_roles(snapshot))
            run_sql_text(conn, _dump_schema(cluster, dsn), "<pg_dump>")
            _create_subscriptions(conn, snapshot)
        return False
    # With --roles owners are compared: a rebuild gives objects their owners (the roles exist).
    _build_from_snapshot(cluster, dbname, snapshot, options, supabase, owners)
    return supabase


def read_options_for(options: SourceOptions, supabase: bool) -> ReadOptions:
    return _read_options(options, supabase)


def _folder_error(failure: Any) -> SourceError:
    text = f"{failure.location}: {failure.message}"
    if failure.sqlstate:
        text += f" [{failure.sqlstate}]"
    return SourceError(text, hint=failure.hint or "run 'pgparity verify' on the folder for the full report")


def snapshot_folder(path: Path, options: SourceOptions) -> Snapshot:
    """A migrations folder, applied as its deployment tool would (cached prefixes, stand-ins)."""
    from pgparity.migrations.formats import load_folder
    from pgparity.migrations.verify import VerifyOptions, verify_folder

    folder = load_folder(path)
    supabase = folder.supabase if options.supabase is None else options.supabase
    verify_options = VerifyOptions(
        pg_bin=options.pg_bin,
        pg_version=options.pg_version,
        read_result=True,
        read_options=_read_options(options, supabase),
    )
    result = verify_folder(folder, path, verify_options)
    if result.failure is not None:
        raise _folder_error(result.failure)
    assert result.snapshot is not None
    return result.snapshot


# -- environments ------------------------------------------------------------------------


def environment_dsn(name: str, start: Path | None = None) -> str | None:
    """DSN of environment ``name`` from pgparity.toml in the working directory, if any."""
    path = (start or Path.cwd()) / ENV_FILE
    if not path.is_file():
        return None
    import tomllib

    try:
        config = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SourceError(f"{path}: {exc}") from None
    envs = config.get("environments", {})
    value = envs.get(name) if isinstance(envs, dict) else None
    return value if isinstance(value, str) else None


def load_snapshot(source: str, options: SourceOptions | None = None) -> Snapshot:
    """Any SOURCE -> Snapshot; errors carry the source in their message."""
    options = options or SourceOptions()
    if is_dsn(source):
        return snapshot_dsn(source, options)
    path = Path(source)
    try:
        if path.is_dir():
            return snapshot_folder(path, options)
        if path.suffix == ".json":
            return snapshot_json(path)
        if path.suffix == ".sql":
            if not path.exists():
                raise SourceError(f"{path}: no such file")
            return snapshot_files(SqlPlan((path,), False), options)
    except PgparityError:
        raise
    dsn = environment_dsn(source)
    if dsn is not None:
        return snapshot_dsn(dsn, options)
    if path.exists():
        raise SourceError(f"{source}: not a snapshot .json, a .sql file or a migrations folder")
    raise SourceError(
        f"{source}: no such file, folder or environment",
        hint="give a connection string (postgresql://...), a .json snapshot, a .sql file, "
        f"a migrations folder, or an environment named in {ENV_FILE}",
    )
