"""Views and materialized views, with their columns."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from pgparity.catalog.acl import parse_acl, parse_owned_acl
from pgparity.catalog.context import ReadContext, Rows, end_code
from pgparity.catalog.kinds.tables import column_key_prefix
from pgparity.catalog.queries import rows_as
from pgparity.model.keys import ObjectKey, ObjectKind
from pgparity.model.objects import View, ViewColumn


@dataclass(repr=False, eq=False)  # a row: only __init__ (see queries.py)
class ViewRow:
    oid: int
    schema: str
    name: str
    owner: str
    materialized: bool
    definition: str
    options: list[str]
    with_data: bool
    comment: str | None
    acl: list[str] | None
    default_acl: list[str] | None


@dataclass(repr=False, eq=False)  # a row: only __init__ (see queries.py)
class ViewColumnRow:
    view_oid: int
    attnum: int
    name: str
    type: str
    default_expr: str | None
    comment: str | None
    acl: list[str] | None


QUERY_ROWS: dict[str, type] = {"views": ViewRow, "view_columns": ViewColumnRow}


def build_view(row: ViewRow, columns: tuple[ViewColumn, ...]) -> View:
    return View(
        schema=row.schema,
        name=row.name,
        definition=row.definition,
        owner=row.owner,
        materialized=row.materialized,
        columns=columns,
        options=tuple(sorted(row.options)),
        with_data=row.with_data,
        comment=row.comment,
        acl=parse_owned_acl(row.acl, row.default_acl),
    )


def read_views(rows: Rows, ctx: ReadContext) -> dict[str, tuple[Any, ...]]:
    columns_by_view: dict[int, list[ViewColumnRow]] = defaultdict(list)
    for col in rows_as(ViewColumnRow, rows["view_columns"]):
        columns_by_view[col.view_oid].append(col)
    views: list[View] = []
    for row in rows_as(ViewRow, rows["views"]):
        kind = ObjectKind.MATERIALIZED_VIEW if row.materialized else ObjectKind.VIEW
        if not ctx.keep("pg_class", row.oid, ObjectKey(kind, row.schema, row.name)):
            continue
        col_rows = columns_by_view.get(row.oid, [])
        # Other views and functions can depend on single columns of a view.
        prefix = column_key_prefix(row.schema, row.name)
        view_end = end_code(ctx.class_oids["pg_class"], row.oid)
        for col in col_rows:
            ctx.end_texts[view_end | col.attnum] = prefix + col.name
        columns = tuple(
            ViewColumn(c.name, c.type, c.comment, c.default_expr, parse_acl(c.acl)) for c in col_rows
        )
        views.append(build_view(row, columns))
    return {"views": tuple(views)}
