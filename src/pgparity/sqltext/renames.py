"""A column's name replaced inside the SQL text PostgreSQL deparsed (definitions, expressions).

Used to tell what SOURCE's objects will read like once ``ALTER TABLE ... RENAME COLUMN`` ran:
PostgreSQL keeps column references by number, so an index, check, policy or trigger on the table
prints the new name afterwards. The text is scanned (``postgast.scan``), never matched with
regular expressions: names inside string literals, function names, type names and names
qualified by something else stay as they are. A reference the scan gets wrong only makes the
object compare different from TARGET, so the plan replaces it with TARGET's definition (and the
proof checks the result).
"""

from __future__ import annotations

import postgast

from pgparity.sqltext.names import is_name, name_of
from pgparity.sqltext.quote import ident

pg_query_pb2 = postgast.pg_query_pb2  # not "from postgast import": its stubs do not parse under mypy

_TYPECAST = pg_query_pb2.Token.Value("TYPECAST")
_DOT = pg_query_pb2.Token.Value("ASCII_46")
_OPEN = pg_query_pb2.Token.Value("ASCII_40")


def rename_column(
    text: str,
    old: str,
    new: str,
    qualifiers: frozenset[str] = frozenset(),
    after_keyword: str | None = None,
) -> str:
    """``text`` with each reference to column ``old`` spelled as column ``new``.

    A name counts as a reference unless it is called (``old(``), follows ``::`` (a type),
    qualifies something (``old.x``) or is itself qualified by a name not in ``qualifiers``
    (``other.old``; a trigger's WHEN has ``old``/``new``). With ``after_keyword`` only the text
    after the first such keyword is looked at (``USING`` of an index: its name comes before).
    Text that does not scan is returned unchanged.
    """
    try:
        tokens = list(postgast.scan(text).tokens)
    except postgast.PgQueryError:
        return text
    data = text.encode("utf-8")
    words = [data[t.start : t.end].decode("utf-8") for t in tokens]
    start = 0
    if after_keyword is not None:
        keyword = after_keyword.lower()
        found = [i for i, t in enumerate(tokens) if t.keyword_kind and name_of(words[i]) == keyword]
        if not found:
            return text
        start = found[0] + 1
    replaced = ident(new).encode("utf-8")
    out, last = bytearray(), 0
    for i in range(start, len(tokens)):
        if not _references(tokens, words, i, old, qualifiers):
            continue
        out += data[last : tokens[i].start] + replaced
        last = tokens[i].end
    if not out:
        return text
    return (bytes(out) + data[last:]).decode("utf-8")


def _references(tokens: list[object], words: list[str], i: int, old: str, qualifiers: frozenset[str]) -> bool:
    token = tokens[i]
    if not is_name(token) or name_of(words[i]) != old:
        return False
    after = tokens[i + 1].token if i + 1 < len(tokens) else None  # type: ignore[attr-defined]
    if after in (_OPEN, _DOT):
        return False
    before = tokens[i - 1].token if i > 0 else None  # type: ignore[attr-defined]
    if before == _TYPECAST:
        return False
    if before == _DOT:
        return i >= 2 and name_of(words[i - 2]) in qualifiers
    return True
