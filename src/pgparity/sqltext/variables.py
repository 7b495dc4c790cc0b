"""psql variable references (``:'name'``) in SQL text, found and filled in as psql does.

psql replaces ``:'name'`` by the variable's value quoted as a literal, outside string
literals, quoted identifiers, dollar-quoted bodies and comments; an unset variable is left as it
is (and the server rejects the statement). The lexer tells those places apart: a reference is a
``:`` token right before a string token of a variable name.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass

import postgast

from pgparity.sqltext.quote import literal

_PB = postgast.pg_query_pb2  # token enums of the lexer
_NAME = re.compile(r"'([A-Za-z0-9_]+)'")  # the names psql interpolates this way (ASCII ones)


@dataclass(frozen=True)
class VariableRef:
    name: str
    start: int  # character offsets of ``:'name'`` in the text
    end: int


def variable_refs(text: str) -> list[VariableRef]:
    """Every ``:'name'`` of ``text`` that psql would replace, in order."""
    if ":'" not in text:
        return []  # most text: no lexing needed
    data = text.encode("utf-8")
    tokens = postgast.scan(text).tokens
    refs: list[VariableRef] = []
    for colon, string in itertools.pairwise(tokens):
        if colon.token != _PB.ASCII_58 or string.token != _PB.SCONST or string.start != colon.end:
            continue
        match = _NAME.fullmatch(data[string.start : string.end].decode("utf-8"))
        if match:
            start = len(data[: colon.start].decode("utf-8"))
            end = start + 1 + (string.end - string.start)  # a name is ASCII: bytes are characters
            refs.append(VariableRef(match.group(1), start, end))
    return refs


def fill_variables(text: str, values: Mapping[str, str]) -> str:
    """``text`` with each ``:'name'`` whose name is in ``values`` replaced by its literal."""
    parts: list[str] = []
    at = 0
    for ref in variable_refs(text):
        if ref.name in values:
            parts += [text[at : ref.start], literal(values[ref.name])]
            at = ref.end
    return "".join(parts) + text[at:]
