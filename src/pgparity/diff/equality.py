"""``old == new`` for two versions of a model object, settled in C code when they are equal.

A dataclass's ``__eq__`` is Python code, and a table's compares each of its columns through
Column's: comparing the tables of two large snapshots took a third of a diff's time. Equal
attribute dicts (``vars``) are a sufficient condition for equal dataclasses, and dicts compare
in C; a table's (or view's) columns are compared as the list of their attribute dicts, in C
too. When that does not settle it (they differ, or one has a cached attribute the other has
not), ``==`` decides: the answer is always ``==``'s.
"""

from __future__ import annotations

from typing import Any


def equal(old: Any, new: Any) -> bool:
    """``old == new``."""
    return old is new or _same_attributes(old, new) or bool(old == new)


def _same_attributes(old: Any, new: Any) -> bool:
    if old.__class__ is not new.__class__ or not hasattr(old, "__dict__"):
        return False
    mine, theirs = vars(old), vars(new)
    columns = mine.get("columns")
    if columns.__class__ is tuple and columns and hasattr(columns[0], "__dict__"):
        if not _same_items(columns, theirs.get("columns")):
            return False
        mine, theirs = {**mine, "columns": ()}, {**theirs, "columns": ()}
    return bool(mine == theirs)


def _same_items(mine: tuple[Any, ...], theirs: Any) -> bool:
    """Tuples of objects of the same classes, in order, with equal attribute dicts."""
    if theirs.__class__ is not tuple or len(theirs) != len(mine):
        return False
    try:
        return list(map(type, mine)) == list(map(type, theirs)) and list(map(vars, mine)) == list(
            map(vars, theirs)
        )
    except TypeError:  # an item without an attribute dict: not settled here
        return False
