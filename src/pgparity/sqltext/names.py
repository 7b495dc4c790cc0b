"""Names a piece of SQL (or PL/pgSQL) mentions, from the SQL lexer."""

from __future__ import annotations

from collections.abc import Iterator

import postgast

_PB = postgast.pg_query_pb2  # token and keyword-kind enums of the lexer
_NAME_KEYWORDS = frozenset({_PB.UNRESERVED_KEYWORD, _PB.COL_NAME_KEYWORD, _PB.TYPE_FUNC_NAME_KEYWORD})
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def fold(word: str) -> str:
    """An unquoted word folded to lower case as the server folds it (ASCII letters only)."""
    return word.translate(_ASCII_LOWER)


def name_of(word: str) -> str:
    """The name an identifier token spells: quotes removed, or folded (``fold``)."""
    return word[1:-1].replace('""', '"') if word.startswith('"') else fold(word)


def is_name(token: object) -> bool:
    """A token that can be a name: an identifier, or a keyword allowed as one without quotes."""
    return token.token == _PB.IDENT or token.keyword_kind in _NAME_KEYWORDS  # type: ignore[attr-defined]


def dotted_names(body: str) -> Iterator[list[str]]:
    """Dotted names in the body (``a``, ``s.t``, ``t.c``), identifiers folded as the server does."""
    try:
        tokens = postgast.scan(body).tokens
    except Exception:  # a body the lexer rejects (C symbols, odd languages): nothing to learn
        return
    chain: list[str] = []
    after_dot = False
    for tok in tokens:
        if is_name(tok):
            text = body[tok.start : tok.end]
            name = text[1:-1].replace('""', '"') if text.startswith('"') else text.lower()
            if chain and not after_dot:
                yield chain
                chain = []
            chain.append(name)
            after_dot = False
        elif tok.token == _PB.ASCII_46 and chain:  # "."
            after_dot = True
        else:
            if chain:
                yield chain
            chain, after_dot = [], False
    if chain:
        yield chain
