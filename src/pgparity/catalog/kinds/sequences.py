"""Sequences (identity sequences are part of their column, see tables.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pgparity.catalog.acl import parse_owned_acl
from pgparity.catalog.context import ReadContext, Rows
from pgparity.catalog.queries import rows_as
from pgparity.model.keys import ObjectKey, ObjectKind
from pgparity.model.objects import Sequence, SequenceOptions


@dataclass(repr=False, eq=False)  # a row: only __init__ (see queries.py)
class SequenceRow:
    oid: int
    schema: str
    name: str
    owner: str
    data_type: str
    start: int
    increment: int
    min_value: int
    max_value: int
    cache: int
    cycle: bool
    unlogged: bool
    owned_by: str | None
    comment: str | None
    acl: list[str] | None
    default_acl: list[str] | None


QUERY_ROWS: dict[str, type] = {"sequences": SequenceRow}


def build_sequence(row: SequenceRow) -> Sequence:
    return Sequence(
        schema=row.schema,
        name=row.name,
        options=SequenceOptions(
            data_type=row.data_type,
            start=row.start,
            increment=row.increment,
            min_value=row.min_value,
            max_value=row.max_value,
            cache=row.cache,
            cycle=row.cycle,
        ),
        owned_by=row.owned_by,
        owner=row.owner,
        comment=row.comment,
        acl=parse_owned_acl(row.acl, row.default_acl),
        unlogged=row.unlogged,
    )


def read_sequences(rows: Rows, ctx: ReadContext) -> dict[str, tuple[Any, ...]]:
    sequences: list[Sequence] = []
    for row in rows_as(SequenceRow, rows["sequences"]):
        if ctx.keep("pg_class", row.oid, ObjectKey(ObjectKind.SEQUENCE, row.schema, row.name)):
            sequences.append(build_sequence(row))
    return {"sequences": tuple(sequences)}
