"""SQL text compared modulo whitespace and comments: the token stream, not the layout.

Used to tell whether a migration file still holds the SQL an environment recorded when it ran
(Supabase keeps a migration's statements in ``supabase_migrations.schema_migrations``).

Why tokens (``postgast.scan``) rather than postgast's ``normalize``/``fingerprint``/``deparse``:
``normalize`` and ``fingerprint`` replace literal values with placeholders, so ``insert ... values
(1)`` and ``values (2)`` would compare equal; ``deparse`` rewrites more than layout (casts, type
names, parentheses) and cannot deparse every statement. The token stream drops exactly whitespace
and comments and keeps every literal, including dollar-quoted function bodies, byte for byte.
"""

from __future__ import annotations

from collections.abc import Iterable

import postgast

from pgparity.sqltext.names import fold

pg_query_pb2 = (
    postgast.pg_query_pb2
)  # not "from postgast import": its generated stubs do not parse under mypy

_SQL_COMMENT = pg_query_pb2.Token.Value("SQL_COMMENT")
_C_COMMENT = pg_query_pb2.Token.Value("C_COMMENT")
_IDENT = pg_query_pb2.Token.Value("IDENT")


def _token_texts(text: str) -> list[str] | None:
    """Tokens of ``text`` without comments; keywords and unquoted names folded to lower case as
    PostgreSQL folds them (ASCII only, like the server). None when the text does not scan."""
    try:
        tokens = postgast.scan(text).tokens
    except postgast.PgQueryError:
        return None
    data = text.encode("utf-8")
    out: list[str] = []
    for tok in tokens:
        if tok.token in (_SQL_COMMENT, _C_COMMENT):
            continue
        word = data[tok.start : tok.end].decode("utf-8")
        if tok.keyword_kind != 0 or (tok.token == _IDENT and not word.startswith('"')):
            word = fold(word)
        out.append(word)
    return out


def _drop_empty_statements(words: list[str]) -> list[str]:
    """One ``;`` between statements, none before the first or after the last."""
    out: list[str] = []
    for word in words:
        if word == ";" and (not out or out[-1] == ";"):
            continue
        out.append(word)
    while out and out[-1] == ";":
        out.pop()
    return out


def normalize_sql(text: str) -> str:
    """``text`` (any number of statements) as one canonical line: equal for the same SQL however it
    is laid out or commented. Text that does not scan (an unterminated quote) is compared with its
    whitespace collapsed, which is the best that can be said of it."""
    words = _token_texts(text)
    if words is None:
        return " ".join(text.split())
    return " ".join(_drop_empty_statements(words))


def normalize_statements(statements: Iterable[str]) -> str:
    """Statements normalized as one script, so two tools that split the same file differently
    (or keep or drop the trailing semicolons) still compare equal."""
    # A newline before each separator: a statement may end in a ``--`` comment.
    return normalize_sql("\n;\n".join(statements))


def ends_in_line_comment(text: str) -> bool:
    """Whether ``text`` ends inside a ``--`` comment (a ``;`` appended on that line would be lost)."""
    try:
        tokens = postgast.scan(text).tokens
    except postgast.PgQueryError:
        return "--" in text.rsplit("\n", 1)[-1]
    return bool(tokens) and tokens[-1].token == _SQL_COMMENT


def terminated(statement: str) -> str:
    """The statement with a terminating semicolon, on a line of its own after a line comment."""
    body = statement.rstrip()
    if body.endswith(";"):
        return body
    return body + ("\n;" if ends_in_line_comment(body) else ";")
