"""What an environment says it has applied: the history tables deployment tools keep.

- Supabase CLI: ``supabase_migrations.schema_migrations (version, name, statements text[])``
- Flyway: ``flyway_schema_history (installed_rank, version, description, type, script, checksum,
  installed_by, installed_on, execution_time, success)``
- dbmate: ``schema_migrations (version)``

Everything here runs inside the caller's READ ONLY transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import psycopg

from pgparity.migrations.formats import FolderFormat

VersionKey = tuple[int, tuple[int, ...], str]


def version_key(version: str) -> VersionKey:
    """Versions compare numerically part by part (1 < 1.1 < 2 < 10; "001" is "1"; Flyway's "1.0"
    is "1"); anything that is not dotted digits sorts after every number, by its text."""
    if not re.fullmatch(r"\d+(?:[._]\d+)*", version):
        return (1, (), version)
    parts = [int(p) for p in re.split(r"[._]", version)]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return (0, tuple(parts), "")


class HistoryKind(StrEnum):
    SUPABASE = "supabase"
    FLYWAY = "flyway"
    DBMATE = "dbmate"


TABLE_LABELS = {
    HistoryKind.SUPABASE: "supabase_migrations.schema_migrations",
    HistoryKind.FLYWAY: "flyway_schema_history",
    HistoryKind.DBMATE: "schema_migrations (dbmate)",
}

# Which table to look for first, by the folder's format; the others are fallbacks.
PREFERENCE = {
    FolderFormat.SUPABASE: (HistoryKind.SUPABASE, HistoryKind.FLYWAY, HistoryKind.DBMATE),
    FolderFormat.FLYWAY: (HistoryKind.FLYWAY, HistoryKind.SUPABASE, HistoryKind.DBMATE),
    FolderFormat.DBMATE: (HistoryKind.DBMATE, HistoryKind.SUPABASE, HistoryKind.FLYWAY),
    FolderFormat.PLAIN: (HistoryKind.SUPABASE, HistoryKind.FLYWAY, HistoryKind.DBMATE),
}


@dataclass(frozen=True)
class Applied:
    """One version an environment records as applied."""

    version: str
    name: str | None = None
    statements: tuple[str, ...] | None = None  # Supabase: the statements that ran
    checksum: int | None = None  # Flyway: CRC-32 of the script that ran


@dataclass
class History:
    kind: HistoryKind | None  # None: no history table found
    table: str | None = None  # the table read, schema-qualified
    applied: dict[VersionKey, Applied] = field(default_factory=dict)
    baseline: VersionKey | None = None  # Flyway: versions up to here count as applied
    notes: list[str] = field(default_factory=list)


def _scalar(conn: psycopg.Connection[Any], query: str, params: tuple[Any, ...] = ()) -> Any:
    row = conn.execute(query, params).fetchone()
    return row[0] if row else None


def _columns(conn: psycopg.Connection[Any], table: str) -> set[str]:
    rows = conn.execute(
        "SELECT attname FROM pg_catalog.pg_attribute WHERE attrelid = %s::regclass"
        " AND attnum > 0 AND NOT attisdropped",
        (table,),
    ).fetchall()
    return {str(r[0]) for r in rows}


_QUALIFIED = (
    "SELECT format('%%I.%%I', n.nspname, c.relname) FROM pg_catalog.pg_class c"
    " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = %s"
)


def _oid(conn: psycopg.Connection[Any], query: str) -> int | None:
    value = _scalar(conn, query)
    return int(value) if value is not None else None


def _find_oid(conn: psycopg.Connection[Any], kind: HistoryKind) -> int | None:
    if kind is HistoryKind.SUPABASE:
        return _oid(conn, "SELECT to_regclass('supabase_migrations.schema_migrations')::oid")
    if kind is HistoryKind.DBMATE:
        # dbmate's table lives in the connection's schema (search_path), like its default.
        return _oid(conn, "SELECT to_regclass('schema_migrations')::oid")
    # Flyway's table is in its default schema (the connection's by default); look there first,
    # then anywhere, so a project with flyway.schemas=app is found too.
    found = _oid(conn, "SELECT to_regclass('flyway_schema_history')::oid")
    return found or _oid(
        conn,
        "SELECT c.oid FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        " WHERE c.relname = 'flyway_schema_history' AND c.relkind IN ('r', 'p') ORDER BY n.nspname LIMIT 1",
    )


def _find_table(conn: psycopg.Connection[Any], kind: HistoryKind) -> str | None:
    """The history table of ``kind``, schema-qualified and quoted, or None."""
    oid = _find_oid(conn, kind)
    if oid is None:
        return None
    table = str(_scalar(conn, _QUALIFIED, (oid,)))
    return table if "version" in _columns(conn, table) else None


def _read_supabase(conn: psycopg.Connection[Any], history: History) -> None:
    assert history.table is not None
    cols = _columns(conn, history.table)
    name = "name" if "name" in cols else "NULL::text"
    statements = "statements" if "statements" in cols else "NULL::text[]"
    rows = conn.execute(f"SELECT version, {name}, {statements} FROM {history.table}").fetchall()
    unrecorded = []
    for version, label, stmts in rows:
        version = str(version)
        if not stmts:
            unrecorded.append(version)
        recorded = tuple(str(s) for s in stmts) if stmts else None
        history.applied[version_key(version)] = Applied(version, label, recorded)
    if unrecorded:
        history.notes.append(
            f"{len(unrecorded)} version(s) recorded without statements (e.g. by 'migration repair'); "
            f"their content is not compared: {', '.join(sorted(unrecorded, key=version_key)[:5])}"
        )


def _read_flyway(conn: psycopg.Connection[Any], history: History) -> None:
    """Replays the table in installed_rank order: Flyway's DELETE and UNDO rows take a version
    back, a BASELINE row stands for every version up to it, failed rows are not applied."""
    rows = conn.execute(
        f"SELECT version, description, type, checksum, success FROM {history.table} ORDER BY installed_rank"
    ).fetchall()
    failed: list[str] = []
    for version, description, kind, checksum, success in rows:
        if version is None or kind == "SCHEMA":
            continue  # repeatable migrations, and the marker of schemas Flyway created
        key = version_key(str(version))
        if kind in ("DELETE", "UNDO_SQL", "UNDO_JDBC", "UNDO_SCRIPT"):
            history.applied.pop(key, None)
        elif "BASELINE" in str(kind):
            history.baseline = key
        elif not success:
            history.applied.pop(key, None)
            failed.append(str(version))
        else:
            history.applied[key] = Applied(str(version), description, checksum=checksum)
    if failed:
        history.notes.append(f"failed (success = false), counted as not applied: {', '.join(failed)}")


def _read_dbmate(conn: psycopg.Connection[Any], history: History) -> None:
    for (version,) in conn.execute(f"SELECT version FROM {history.table}").fetchall():
        history.applied[version_key(str(version))] = Applied(str(version))


_READERS = {
    HistoryKind.SUPABASE: _read_supabase,
    HistoryKind.FLYWAY: _read_flyway,
    HistoryKind.DBMATE: _read_dbmate,
}


def read_history(conn: psycopg.Connection[Any], preference: tuple[HistoryKind, ...]) -> History:
    """The first history table found, in ``preference`` order, read in full."""
    for kind in preference:
        table = _find_table(conn, kind)
        if table is not None:
            history = History(kind, table)
            _READERS[kind](conn, history)
            return history
    looked = ", ".join(TABLE_LABELS[k] for k in preference)
    return History(None, notes=[f"no migration history table ({looked}): every migration counts as pending"])
