"""Apply one migration file the way its deployment tool would, and report what it did.

Transactions: Supabase, plain folders and the Supabase seed run each file in one transaction;
Flyway does too unless the file holds a statement PostgreSQL refuses inside one (then the file
runs statement by statement, as Flyway's ``mixed`` mode would); dbmate runs the ``migrate:up``
section in one unless that line says ``transaction:false``. A file in a transaction goes to the
server in one piece (one round trip); only when it fails is it run again statement by statement,
to name the statement. Each file starts with a clean session (as on a new connection).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any

import psycopg

from pgparity.cluster.execute import run_sql_text, statement_error
from pgparity.errors import SqlError
from pgparity.migrations import capture
from pgparity.migrations.capture import Captured, DbObject
from pgparity.migrations.formats import FileKind, FolderFormat, MigrationFile
from pgparity.sqltext import SqlSyntaxError, Statement, split_statements, statement_count, text_traits

QUOTED_LINES = 20  # a failing statement is quoted up to this many lines

_DBMATE_UP_LINE = re.compile(r"^\s*--\s*migrate:up\b(.*)$", re.MULTILINE)


class FileStatus(StrEnum):
    APPLIED = "applied"
    FAILED = "failed"
    NOT_RUN = "not_run"
    CACHED = "cached"  # applied by an earlier run; its report is the one recorded then


@dataclass(frozen=True)
class FileReport:
    file: str  # path as the user refers to it (relative to the PATH given)
    version: str
    status: FileStatus
    seconds: float | None = None  # None unless applied or failed in this run
    statements: int = 0
    transaction: bool = True
    created: tuple[DbObject, ...] = ()
    altered: tuple[DbObject, ...] = ()
    dropped: tuple[DbObject, ...] = ()
    notices: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "version": self.version,
            "status": self.status.value,
            "seconds": self.seconds,
            "statements": self.statements,
            "transaction": self.transaction,
            "created": [_object_json(o) for o in self.created],
            "altered": [_object_json(o) for o in self.altered],
            "dropped": [_object_json(o) for o in self.dropped],
            "notices": list(self.notices),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FileReport:
        def objects(name: str) -> tuple[DbObject, ...]:
            return tuple(DbObject(o["type"], o["identity"]) for o in data[name])

        return cls(
            file=data["file"],
            version=data["version"],
            status=FileStatus(data["status"]),
            seconds=data["seconds"],
            statements=data["statements"],
            transaction=data["transaction"],
            created=objects("created"),
            altered=objects("altered"),
            dropped=objects("dropped"),
            notices=tuple(data["notices"]),
        )


def _object_json(obj: DbObject) -> dict[str, str]:
    return {"type": obj.type, "identity": obj.identity}


@dataclass(frozen=True)
class Failure:
    file: str
    line: int | None
    column: int | None
    sqlstate: str | None
    message: str
    statement: str
    detail: str | None = None
    hint: str | None = None

    @property
    def location(self) -> str:
        parts = [self.file] + [str(p) for p in (self.line, self.column) if p is not None]
        return ":".join(parts)

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "sqlstate": self.sqlstate,
            "message": self.message,
            "detail": self.detail,
            "hint": self.hint,
            "statement": self.statement,
        }


@dataclass
class FilePlan:
    """How one file is applied, decided before anything runs."""

    file: MigrationFile
    label: str
    transaction: bool
    outside_reason: str | None = None  # a statement that cannot run in a transaction
    cluster_wide: str | None = None  # a statement that changes more than this database
    notes: tuple[str, ...] = field(default=())

    @cached_property
    def statements(self) -> int:
        # Counted only for the files a run reports on afresh (cached ones carry their count).
        return statement_count(self.file.sql)


def _dbmate_transaction(mf: MigrationFile) -> bool:
    up = _DBMATE_UP_LINE.search(mf.path.read_text(encoding="utf-8"))
    return not (up and re.search(r"\btransaction\s*:\s*false\b", up.group(1), re.I))


def plan_file(fmt: FolderFormat, mf: MigrationFile, label: str) -> FilePlan:
    traits = text_traits(mf.sql)  # a file that does not parse fails with its position when run
    outside = traits.outside_transaction
    transaction = True
    notes: tuple[str, ...] = ()
    if fmt is FolderFormat.DBMATE and mf.kind is FileKind.VERSIONED:
        transaction = _dbmate_transaction(mf)
    elif fmt is FolderFormat.FLYWAY and outside:
        transaction = False
        notes = (f"pgparity: ran without a transaction because of {outside}, as Flyway does",)
    return FilePlan(mf, label, transaction, outside, traits.cluster_wide, notes)


_TRANSACTION_HINTS = {
    FolderFormat.SUPABASE: "Supabase runs each migration file in one transaction; this statement cannot run in one",
    FolderFormat.PLAIN: "each file runs in one transaction; this statement cannot run in one",
    FolderFormat.DBMATE: "add 'transaction:false' to this file's '-- migrate:up' line",
    FolderFormat.FLYWAY: "Flyway runs this file in one transaction",
}


def _statement_at(plan: FilePlan, line: int | None, column: int | None) -> str:
    """The whole statement holding (line, column) of the file's SQL, up to QUOTED_LINES lines."""
    try:
        statements = split_statements(plan.file.sql)
    except SqlSyntaxError:
        return ""
    if not statements:
        return ""
    found = statements[0]
    for stmt in statements:
        if line is not None and (stmt.line, stmt.column) <= (line, column or 1):
            found = stmt
    lines = found.text.splitlines()
    if len(lines) > QUOTED_LINES:
        lines = [*lines[:QUOTED_LINES], "..."]
    return "\n".join(lines)


def _failure(plan: FilePlan, fmt: FolderFormat, err: SqlError) -> Failure:
    offset = plan.file.sql_offset_line
    hint = err.hint
    if err.sqlstate == "25001" and not hint:
        hint = _TRANSACTION_HINTS[fmt]
    return Failure(
        file=plan.label,
        line=err.line + offset if err.line is not None else None,
        column=err.column,
        sqlstate=err.sqlstate,
        message=err.server_message,
        statement=_statement_at(plan, err.line, err.column) if err.line is not None else err.statement or "",
        detail=_detail(err),
        hint=hint,
    )


def _detail(err: SqlError) -> str | None:
    _, sep, detail = err.message.partition("\n  detail: ")
    return detail if sep else None


def _commit(conn: psycopg.Connection[Any]) -> None:
    # The file may have ended our transaction itself (its own COMMIT); do not warn about that.
    if conn.info.transaction_status == psycopg.pq.TransactionStatus.INTRANS:
        conn.execute("COMMIT")


def _rollback(conn: psycopg.Connection[Any]) -> None:
    if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
        conn.execute("ROLLBACK")


def _pinpoint(conn: psycopg.Connection[Any], plan: FilePlan, exc: psycopg.Error) -> SqlError:
    """The file failed as a whole (rolled back): run it again statement by statement to tell
    which statement fails; the server's own position is the fallback."""
    try:
        conn.execute("BEGIN")
        run_sql_text(conn, plan.file.sql, plan.label)
    except SqlError as err:
        return err
    finally:
        _rollback(conn)
    whole = Statement(plan.file.sql, 0, 1, 1)
    return statement_error(exc, whole, plan.file.sql, plan.label)


def _run(conn: psycopg.Connection[Any], plan: FilePlan, notices: list[str]) -> None:
    if not plan.transaction:
        run_sql_text(conn, plan.file.sql, plan.label)
        if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            # A BEGIN without COMMIT: the tool's session would end and roll it back.
            conn.execute("ROLLBACK")
            notices.append("pgparity: the file left a transaction open; it was rolled back")
        return
    conn.execute("BEGIN")
    try:
        # One round trip for the whole file (a simple query); it runs in our transaction.
        conn.execute(plan.file.sql.encode("utf-8"), prepare=False)
    except psycopg.Error as exc:
        _rollback(conn)
        del notices[len(plan.notes) :]  # the second run reports them again
        raise _pinpoint(conn, plan, exc) from None
    try:
        _commit(conn)
    except psycopg.Error as exc:  # deferred constraints are checked at COMMIT
        diag = exc.diag
        raise SqlError(
            diag.message_primary or str(exc).strip(),
            path=plan.label,
            sqlstate=diag.sqlstate,
            statement="COMMIT",
            detail=diag.message_detail,
            hint=diag.message_hint or "checked when the file's transaction commits (deferred)",
        ) from None


def apply_file(
    conn: psycopg.Connection[Any], fmt: FolderFormat, plan: FilePlan
) -> tuple[FileReport, Failure | None]:
    """Run ``plan``'s file on ``conn`` (autocommit, with capture installed)."""
    notices: list[str] = list(plan.notes)

    def on_notice(diag: psycopg.errors.Diagnostic) -> None:
        notices.append(f"{diag.severity}: {diag.message_primary}")

    conn.add_notice_handler(on_notice)
    failure: Failure | None = None
    started = time.perf_counter()
    try:
        _run(conn, plan, notices)
    except SqlError as err:
        failure = _failure(plan, fmt, err)
    except psycopg.Error as exc:  # the session itself failed (say, the server went away)
        failure = Failure(plan.label, None, None, exc.sqlstate, str(exc).strip() or type(exc).__name__, "")
    finally:
        seconds = round(time.perf_counter() - started, 4)
        conn.remove_notice_handler(on_notice)
    captured = capture.take(conn) if failure is None else Captured()
    report = FileReport(
        file=plan.label,
        version=plan.file.version,
        status=FileStatus.FAILED if failure else FileStatus.APPLIED,
        seconds=seconds,
        statements=plan.statements,
        transaction=plan.transaction,
        created=captured.created,
        altered=captured.altered,
        dropped=captured.dropped,
        notices=tuple(notices),
    )
    return report, failure


def not_run(plan: FilePlan) -> FileReport:
    return FileReport(
        plan.label, plan.file.version, FileStatus.NOT_RUN, None, plan.statements, plan.transaction
    )
