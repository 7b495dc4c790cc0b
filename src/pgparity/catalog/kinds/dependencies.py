"""Dependencies between captured objects, from pg_depend. Runs after every other reader.

Each end of a pg_depend row is mapped to a captured object's key:

* a view's _RETURN rule is its view, a column default (pg_attrdef) is its column, a
  publication's member rows are the publication, a relation's row type is the relation and an
  array type its element type (done in dependencies.sql);
* each end comes as one int, its ``end_code`` (context.py), looked up in ``ctx.end_texts``:
  every object a kind reader kept, whatever its catalog (so kinds added later take part without
  changes here), and every column of a captured table or view, ``column:schema.table.column``
  (ObjectKind.COLUMN, ``table`` set);
* an end naming a sub-object that is not found there is the whole object, if captured.

An edge is kept when both ends are captured and they differ; its type is the deptype
(n normal, a auto, i internal). Owner and role dependencies (pg_shdepend) are not edges.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress, repeat, starmap
from operator import and_, is_, is_not, ne
from typing import Any

from pgparity.catalog.construct import constructor
from pgparity.catalog.context import SUB_OBJECT, ReadContext, Rows
from pgparity.model.objects import Dependency


@dataclass(repr=False, eq=False)  # a row: only __init__ (see queries.py)
class DependencyRow:
    dependent: int  # end codes (context.end_code)
    referenced: int
    deptype: str


QUERY_ROWS: dict[str, type] = {"dependencies": DependencyRow}

_make_dependency = constructor(Dependency)


def read_dependencies(rows: Rows, ctx: ReadContext) -> dict[str, tuple[Any, ...]]:
    raw = rows["dependencies"]
    if not raw:
        return {"dependencies": ()}
    # Tens of thousands of rows on a large schema, read as tuples (DependencyRow field order):
    # the ends are looked up column-wise in one dict of int keys, so the loops run in C.
    dependent_ends, referenced_ends, deptypes = zip(*raw, strict=True)
    dependents = _resolve(ctx.end_texts, dependent_ends)
    referenced = _resolve(ctx.end_texts, referenced_ends)
    # An edge is kept when both ends are captured and differ; the tests run column-wise in C.
    kept = map(and_, map(is_not, dependents, repeat(None)), map(is_not, referenced, repeat(None)))
    kept = map(and_, kept, map(ne, dependents, referenced))
    edges = set(compress(zip(dependents, referenced, deptypes, strict=True), kept))
    # Sorted, so the snapshot finds them in canonical order already (Snapshot.canonical).
    return {"dependencies": tuple(starmap(_make_dependency, sorted(edges)))}


def _resolve(end_texts: dict[int, str], ends: Sequence[int]) -> list[str | None]:
    """The key text of each end; None for an end that is not captured. An end naming a
    sub-object that is not a captured column (a column of a relation not captured, a system
    column, a sub-object of another catalog) is its whole object."""
    texts = list(map(end_texts.get, ends))
    # Only the ends not found are looked at again (found by C loops, not by a Python one).
    for i in compress(range(len(texts)), map(is_, texts, repeat(None))):
        if ends[i] & SUB_OBJECT:
            texts[i] = end_texts.get(ends[i] & ~SUB_OBJECT)
    return texts
