"""Dependencies between captured objects, from pg_depend. Runs after every other reader.

Each end of a pg_depend row is mapped to a captured object's key:

* a view's _RETURN rule is its view, a column default (pg_attrdef) is its column, a
  publication's member rows are the publication, a relation's row type is the relation and an
  array type its element type (done in dependencies.sql);
* an end naming one column of a relation (objsubid > 0 on pg_class) is that column's key,
  ``column:schema.table.column`` (ObjectKind.COLUMN, ``table`` set), when the table or view was
  captured; otherwise the whole object's key, if captured;
* anything else goes through ``ctx.oid_keys`` (every object a kind reader kept), whatever its
  catalog, so kinds added later take part without changes here.

An edge is kept when both ends are captured and they differ; its type is the deptype
(n normal, a auto, i internal). Owner and role dependencies (pg_shdepend) are not edges.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pgparity.catalog.construct import constructor
from pgparity.catalog.context import ReadContext, Rows
from pgparity.model.objects import Dependency


@dataclass(repr=False, eq=False)  # a row: only __init__ (see queries.py)
class DependencyRow:
    classid: int
    objid: int
    objsubid: int
    refclassid: int
    refobjid: int
    refobjsubid: int
    deptype: str


QUERY_ROWS: dict[str, type] = {"dependencies": DependencyRow}

_make_dependency = constructor(Dependency)


def read_dependencies(rows: Rows, ctx: ReadContext) -> dict[str, tuple[Any, ...]]:
    # Tens of thousands of rows on a large schema: each end is looked up in two dicts of key
    # texts (a column's, else the object's), and rows are read as tuples (DependencyRow field
    # order), not as DependencyRow objects.
    pg_class = ctx.class_oids.get("pg_class")
    columns = ctx.column_keys
    objects = {end: str(key) for end, key in ctx.oid_keys.items()}

    def resolve(classid: int, objid: int, objsubid: int) -> str | None:
        if objsubid > 0 and classid == pg_class:
            column = columns.get((objid, objsubid))
            if column is not None:
                return column
        return objects.get((classid, objid))

    edges: set[tuple[str, str, str]] = set()
    for classid, objid, objsubid, refclassid, refobjid, refobjsubid, deptype in rows["dependencies"]:
        dependent = resolve(classid, objid, objsubid)
        if dependent is None:
            continue
        referenced = resolve(refclassid, refobjid, refobjsubid)
        if referenced is None or referenced == dependent:
            continue
        edges.add((dependent, referenced, deptype))
    return {"dependencies": tuple(_make_dependency(*edge) for edge in sorted(edges))}
