"""Run SQL text in a database statement by statement, mapping errors to file:line:column."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import psycopg

from pgparity.errors import SqlError
from pgparity.sqltext import SqlSyntaxError, Statement, line_col, split_statements


@dataclass
class ExecutionResult:
    statements: int = 0
    notices: list[str] = field(default_factory=list)


def _first_line(text: str, limit: int = 200) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 3] + "..."


def syntax_error(exc: SqlSyntaxError, text: str, path: str) -> SqlError:
    line, column = line_col(text, exc.offset) if exc.offset is not None else (None, None)
    return SqlError(exc.message, path=path, line=line, column=column, sqlstate="42601")


def statement_error(exc: psycopg.Error, stmt: Statement, text: str, path: str) -> SqlError:
    """Map a server error to the file position of the failing token (or statement start)."""
    diag = exc.diag
    offset = stmt.offset
    if diag.statement_position:
        offset = stmt.offset + int(diag.statement_position) - 1
    line, column = line_col(text, offset)
    message = diag.message_primary or str(exc).strip()
    hint = diag.message_hint
    if diag.context and not diag.statement_position:
        hint = (hint + "\n" if hint else "") + f"context: {diag.context.strip()}"
    return SqlError(
        message,
        path=path,
        line=line,
        column=column,
        sqlstate=diag.sqlstate,
        statement=_first_line(stmt.text),
        detail=diag.message_detail,
        hint=hint,
    )


def run_sql_text(conn: psycopg.Connection[Any], text: str, path: str = "<sql>") -> ExecutionResult:
    """Execute every statement of ``text`` on ``conn`` (autocommit: the text's own BEGIN/COMMIT apply)."""
    try:
        statements = split_statements(text)
    except SqlSyntaxError as exc:
        raise syntax_error(exc, text, path) from None
    result = ExecutionResult()

    def on_notice(diag: psycopg.errors.Diagnostic) -> None:
        result.notices.append(f"{diag.severity}: {diag.message_primary}")

    conn.add_notice_handler(on_notice)
    try:
        for stmt in statements:
            try:
                conn.execute(stmt.text.encode("utf-8"), prepare=False)  # bytes: no client-side % handling
            except psycopg.Error as exc:
                if conn.info.transaction_status == psycopg.pq.TransactionStatus.INERROR:
                    conn.execute("ROLLBACK")
                raise statement_error(exc, stmt, text, path) from None
            result.statements += 1
    finally:
        conn.remove_notice_handler(on_notice)
    return result
