"""Extended statistics objects (pg_statistic_ext), but those on an extension's tables."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pgparity.catalog.context import ReadContext, Rows
from pgparity.catalog.kinds.constraints import table_left_out
from pgparity.catalog.queries import rows_as
from pgparity.model.keys import ObjectKey, ObjectKind
from pgparity.model.objects import StatisticsObject

# pg_statistic_ext.stxkind codes, as CREATE STATISTICS names them. "e" (expressions) is not
# asked for: PostgreSQL adds it whenever the object has expressions (the definition shows them).
KIND_NAMES = {"d": "ndistinct", "f": "dependencies", "m": "mcv"}


@dataclass(repr=False, eq=False)  # a row: only __init__ (see queries.py)
class StatisticsRow:
    oid: int
    table_oid: int
    schema: str
    name: str
    table: str
    definition: str
    kinds: list[str]
    target: int | None
    owner: str
    comment: str | None


QUERY_ROWS: dict[str, type] = {"statistics": StatisticsRow}


def build_statistics(row: StatisticsRow) -> StatisticsObject:
    return StatisticsObject(
        schema=row.schema,
        name=row.name,
        table=row.table,
        definition=row.definition,
        kinds=tuple(KIND_NAMES[k] for k in row.kinds if k in KIND_NAMES),
        owner=row.owner,
        target=row.target,
        comment=row.comment,
    )


def read_statistics(rows: Rows, ctx: ReadContext) -> dict[str, tuple[Any, ...]]:
    found: list[StatisticsObject] = []
    for row in rows_as(StatisticsRow, rows["statistics"]):
        # On an extension's table it is the extension's, as that table's indexes are (it cannot
        # be a member itself: ALTER EXTENSION ... ADD refuses statistics objects).
        if table_left_out(ctx, row.table_oid):
            continue
        key = ObjectKey(ObjectKind.STATISTICS, row.schema, row.name)
        # Recorded under pg_statistic_ext: pg_depend gives its needs (the table, the columns
        # and the functions of its expressions) there.
        if ctx.keep("pg_statistic_ext", row.oid, key):
            found.append(build_statistics(row))
    return {"statistics": tuple(found)}
