"""Quote identifiers and literals the way PostgreSQL's quote_ident/quote_literal do."""

from __future__ import annotations

import re
from functools import lru_cache

import postgast

_SIMPLE = re.compile(r"[a-z_][a-z0-9_$]*")


@lru_cache(maxsize=65536)
def ident(name: str) -> str:
    """Quote ``name`` unless it is a lower-case word the parser reads back as the same name."""
    if _SIMPLE.fullmatch(name) and not _is_keyword(name):
        return name
    return '"' + name.replace('"', '""') + '"'


def _is_keyword(word: str) -> bool:
    tokens = postgast.scan(word).tokens
    if len(tokens) != 1:
        return True
    # Unreserved keywords are valid bare identifiers (quote_ident leaves them unquoted too).
    return tokens[0].keyword_kind not in (0, 1)  # NO_KEYWORD, UNRESERVED_KEYWORD


def qualified(schema: str | None, name: str) -> str:
    return ident(name) if schema is None else f"{ident(schema)}.{ident(name)}"


def literal(value: str) -> str:
    """A standard-conforming string literal (E'' form when backslashes are present)."""
    quoted = value.replace("'", "''")
    if "\\" in value:
        return "E'" + quoted.replace("\\", "\\\\") + "'"
    return "'" + quoted + "'"
