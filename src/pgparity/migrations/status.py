"""The ledger: which migration versions each environment has applied, against the folder.

One row per version (in the folder, or recorded by any environment), one state per environment:

- ``applied``: recorded there, and the file is what ran (when the history table can tell)
- ``changed``: recorded there, but the file differs from what ran (Supabase: statements modulo
  whitespace and comments; Flyway: checksum; dbmate records versions only, so never changed)
- ``pending``: in the folder, not recorded there
- ``out_of_order``: in the folder, not recorded there, older than the newest version recorded there
- ``no_file``: recorded there, no such file in the folder

Environments are read in READ ONLY transactions and never written to.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import psycopg

from pgparity.errors import PgparityError, SourceError
from pgparity.migrations.checksum import flyway_checksum
from pgparity.migrations.formats import MigrationFile, MigrationFolder
from pgparity.migrations.history import (
    PREFERENCE,
    TABLE_LABELS,
    Applied,
    History,
    HistoryKind,
    VersionKey,
    read_history,
    version_key,
)
from pgparity.sources import connect, redact
from pgparity.sqltext import SqlSyntaxError, split_statements
from pgparity.sqltext.normalize import normalize_statements


class State(StrEnum):
    APPLIED = "applied"
    PENDING = "pending"
    CHANGED = "changed"
    NO_FILE = "no_file"
    OUT_OF_ORDER = "out_of_order"


@dataclass(frozen=True)
class Environment:
    name: str
    dsn: str


@dataclass(frozen=True)
class Row:
    version: str
    name: str | None
    in_folder: bool
    states: dict[str, State]  # environment name -> state; absent: neither file nor record there


@dataclass(frozen=True)
class Renamed:
    """The SQL of a folder file recorded by an environment under another version."""

    environment: str
    file: str  # the file's name
    version: str  # the file's version
    recorded_version: str  # the version the environment recorded the same SQL under


@dataclass
class StatusReport:
    folder: MigrationFolder
    environments: list[str]
    rows: list[Row] = field(default_factory=list)
    histories: dict[str, str | None] = field(default_factory=dict)  # env -> table read
    notes: list[str] = field(default_factory=list)  # "env: text"
    renamed: list[Renamed] = field(default_factory=list)

    @property
    def in_parity(self) -> bool:
        """Every environment has every folder migration applied, unchanged, and nothing else
        (every folder row has a state in every environment, so no state but ``applied`` is enough)."""
        return all(s is State.APPLIED for row in self.rows for s in row.states.values())


# -- reading environments ----------------------------------------------------------------


def _read_environment(env: Environment, preference: tuple[HistoryKind, ...]) -> History:
    with connect(env.dsn) as conn:
        try:
            # READ ONLY: works whatever the role may do, and on a read-only replica or a database
            # with default_transaction_read_only on.
            conn.execute("BEGIN READ ONLY")
            try:
                return read_history(conn, preference)
            finally:
                conn.execute("ROLLBACK")
        except psycopg.Error as exc:
            raise SourceError(
                f"reading the migration history of {redact(env.dsn)} failed: {redact(str(exc).strip())}"
            ) from None


def _read_one(env: Environment, preference: tuple[HistoryKind, ...]) -> History:
    try:
        return _read_environment(env, preference)
    except PgparityError as exc:
        raise exc.with_context(f"environment {env.name}") from None


def read_histories(environments: list[Environment], folder: MigrationFolder) -> dict[str, History]:
    """Every environment's history, read concurrently (each read mostly waits on its server)."""
    preference = PREFERENCE[folder.format]
    with ThreadPoolExecutor(max_workers=min(8, max(1, len(environments)))) as pool:
        futures = {env.name: pool.submit(_read_one, env, preference) for env in environments}
        return {name: future.result() for name, future in futures.items()}


# -- comparing file contents with what ran -------------------------------------------------


def file_statements(file: MigrationFile) -> list[str]:
    try:
        return [s.text for s in split_statements(file.sql)]
    except SqlSyntaxError:
        return [file.sql]  # compared as one piece; the normalizer still ignores layout


def file_content(file: MigrationFile, kind: HistoryKind | None) -> Any:
    """What the history table of ``kind`` records of a file, computed from the file; None when
    that table records nothing to compare."""
    if kind is HistoryKind.SUPABASE:
        return normalize_statements(file_statements(file))
    if kind is HistoryKind.FLYWAY:
        # The whole file as bytes decode (Flyway checksums the file, not a dbmate section, and
        # text-mode reading would rewrite line endings first).
        return flyway_checksum(file.path.read_bytes().decode("utf-8"))
    return None


def recorded_content(record: Applied, kind: HistoryKind | None) -> Any:
    if kind is HistoryKind.SUPABASE and record.statements is not None:
        return normalize_statements(record.statements)
    if kind is HistoryKind.FLYWAY:
        return record.checksum
    return None


# -- states --------------------------------------------------------------------------------


def _file_state(
    key: VersionKey, file: MigrationFile, history: History, newest: VersionKey | None, content: Any
) -> State:
    record = history.applied.get(key)
    if record is None:
        if history.baseline is not None and key <= history.baseline:
            return State.APPLIED  # Flyway skips versions at or below the baseline
        return State.OUT_OF_ORDER if newest is not None and key < newest else State.PENDING
    recorded = recorded_content(record, history.kind)
    if content is not None and recorded is not None and content != recorded:
        return State.CHANGED
    return State.APPLIED


def _newest(history: History) -> VersionKey | None:
    keys = list(history.applied)
    if history.baseline is not None:
        keys.append(history.baseline)
    return max(keys) if keys else None


def _renamed(
    env: str,
    history: History,
    files: dict[VersionKey, MigrationFile],
    states: dict[VersionKey, State],
    contents: dict[VersionKey, Any],
) -> list[Renamed]:
    """Files not applied as they are whose exact SQL the environment recorded under another version."""
    by_content: dict[Any, list[Applied]] = {}
    for record in history.applied.values():
        content = recorded_content(record, history.kind)
        if content is not None:
            by_content.setdefault(content, []).append(record)
    found = []
    for key, file in files.items():
        if states.get(key) not in (State.PENDING, State.OUT_OF_ORDER, State.CHANGED):
            continue
        content = contents[key]
        if content is None or content == "":  # an empty file "matches" every empty migration
            continue
        for record in by_content.get(content, []):
            if version_key(record.version) != key:
                found.append(Renamed(env, file.label, file.version, record.version))
    return found


def _environment_states(
    history: History, files: dict[VersionKey, MigrationFile], contents: dict[VersionKey, Any]
) -> dict[VersionKey, State]:
    newest = _newest(history)
    states = {key: _file_state(key, file, history, newest, contents[key]) for key, file in files.items()}
    for key in history.applied:
        if key not in files:
            states[key] = State.NO_FILE
    return states


def _rows(
    files: dict[VersionKey, MigrationFile],
    histories: dict[str, History],
    states: dict[str, dict[VersionKey, State]],
) -> list[Row]:
    keys = set(files)
    for history in histories.values():
        keys.update(history.applied)
    rows = []
    for key in sorted(keys):
        file = files.get(key)
        records = [h.applied[key] for h in histories.values() if key in h.applied]
        version = file.version if file else records[0].version
        name = file.name if file else next((r.name for r in records if r.name), None)
        row_states = {env: states[env][key] for env in histories if key in states[env]}
        rows.append(Row(version, name, file is not None, row_states))
    return rows


def build_status(folder: MigrationFolder, histories: dict[str, History]) -> StatusReport:
    files = {version_key(f.version): f for f in folder.versioned()}
    report = StatusReport(folder, list(histories))
    states: dict[str, dict[VersionKey, State]] = {}
    contents: dict[HistoryKind | None, dict[VersionKey, Any]] = {}  # computed once per table kind
    for env, history in histories.items():
        if history.kind not in contents:
            contents[history.kind] = {k: file_content(f, history.kind) for k, f in files.items()}
        states[env] = _environment_states(history, files, contents[history.kind])
        report.histories[env] = history.table
        report.notes += [f"{env}: {note}" for note in history.notes]
        report.renamed += _renamed(env, history, files, states[env], contents[history.kind])
        if history.kind is not None and folder.format.value not in ("plain", history.kind.value):
            report.notes.append(f"{env}: read {TABLE_LABELS[history.kind]} for a {folder.format} folder")
    report.rows = _rows(files, histories, states)
    if any(f.kind.value == "repeatable" for f in folder.files):
        report.notes.append("Flyway repeatable (R__) migrations are not tracked by version and not listed")
    return report


def migration_status(folder: MigrationFolder, environments: list[Environment]) -> StatusReport:
    return build_status(folder, read_histories(environments, folder))
