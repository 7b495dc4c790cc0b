"""Names a piece of SQL (or PL/pgSQL) mentions, from the SQL lexer."""

from __future__ import annotations

from collections.abc import Iterator

import postgast

_PB = postgast.pg_query_pb2  # token and keyword-kind enums of the lexer
_NAME_KEYWORDS = frozenset({_PB.UNRESERVED_KEYWORD, _PB.COL_NAME_KEYWORD, _PB.TYPE_FUNC_NAME_KEYWORD})


def dotted_names(body: str) -> Iterator[list[str]]:
    """Dotted names in the body (``a``, ``s.t``, ``t.c``), identifiers folded as the server does."""
    try:
        tokens = postgast.scan(body).tokens
    except Exception:  # a body the lexer rejects (C symbols, odd languages): nothing to learn
        return
    chain: list[str] = []
    after_dot = False
    for tok in tokens:
        if tok.token == _PB.IDENT or tok.keyword_kind in _NAME_KEYWORDS:
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
