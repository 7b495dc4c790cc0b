"""Split SQL text into statements that remember where they came from (offset, line, column)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import postgast


@dataclass(frozen=True)
class Statement:
    text: str
    offset: int  # character offset of the statement's first character in the whole text
    line: int  # 1-based
    column: int  # 1-based


class SqlSyntaxError(ValueError):
    """The parser rejected the text; ``offset`` is a character offset into it."""

    def __init__(self, message: str, offset: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


class LineIndex:
    """Character offset -> (line, column), both 1-based."""

    def __init__(self, text: str) -> None:
        self._starts = [0]
        for i, ch in enumerate(text):
            if ch == "\n":
                self._starts.append(i + 1)

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


def line_col(text: str, offset: int) -> tuple[int, int]:
    return LineIndex(text).line_col(offset)


def _skip_blank_and_comments(text: str, pos: int, end: int) -> int:
    """First offset at or after pos that is not whitespace or a comment (statements start there)."""
    while pos < end:
        if text[pos].isspace():
            pos += 1
        elif text.startswith("--", pos):
            newline = text.find("\n", pos)
            pos = end if newline < 0 else newline + 1
        elif text.startswith("/*", pos):
            depth, pos = 1, pos + 2
            while pos < end and depth:
                if text.startswith("/*", pos):
                    depth, pos = depth + 1, pos + 2
                elif text.startswith("*/", pos):
                    depth, pos = depth - 1, pos + 2
                else:
                    pos += 1
        else:
            break
    return pos


def split_statements(text: str) -> list[Statement]:
    """Statements of ``text`` in order; raises SqlSyntaxError with the offending offset."""
    data = text.encode("utf-8")
    try:
        parsed = postgast.parse(text)
    except postgast.PgQueryError as exc:
        pos = getattr(exc, "cursorpos", 0) or 0
        # cursorpos is 1-based and counts characters, like the server's error position (postgast's
        # docstring says bytes, but the parser's scanner_errposition counts multibyte characters).
        offset = min(pos - 1, len(text)) if pos > 0 else None
        raise SqlSyntaxError(str(getattr(exc, "message", exc)), offset) from exc
    index = LineIndex(text)
    statements: list[Statement] = []
    for raw in parsed.stmts:
        start_b = raw.stmt_location
        end_b = start_b + raw.stmt_len if raw.stmt_len else len(data)
        start = len(data[:start_b].decode("utf-8"))
        end = start + len(data[start_b:end_b].decode("utf-8"))
        start = _skip_blank_and_comments(text, start, end)
        body = text[start:end].rstrip()
        if not body:
            continue
        line, column = index.line_col(start)
        statements.append(Statement(body, start, line, column))
    return statements
