"""Names PostgreSQL makes up for objects it creates along with others (pure functions).

The catalog reader leaves such a name out of a snapshot when it is the one PostgreSQL would
pick anyway, and the planner needs the same name to tell what a statement will create.
"""

from __future__ import annotations

NAMEDATALEN = 64  # PostgreSQL's limit: names hold at most NAMEDATALEN - 1 bytes


def _clip(name: str, size: int) -> str:
    """The longest prefix of ``name`` within ``size`` bytes of UTF-8 (pg_mbcliplen)."""
    data = name.encode()
    if len(data) <= size:
        return name
    return data[:size].decode(errors="ignore")  # a character cut in two is left out


def object_name(name1: str, name2: str, label: str) -> str:
    """``name1_name2_label`` cut to fit a name as makeObjectName does: the longer of the two
    names loses a byte at a time until the whole fits."""
    size1, size2 = len(name1.encode()), len(name2.encode())
    room = NAMEDATALEN - 1 - len(label) - 2  # two underscores
    while size1 + size2 > room:
        if size1 > size2:
            size1 -= 1
        else:
            size2 -= 1
    return f"{_clip(name1, size1)}_{_clip(name2, size2)}_{label}"


def default_identity_sequence(table: str, column: str) -> str:
    """The name an identity column's sequence gets without SEQUENCE NAME: ``table_column_seq``
    (ChooseRelationName; PostgreSQL adds a number when that name is taken)."""
    return object_name(table, column, "seq")
