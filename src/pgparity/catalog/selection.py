"""Which schemas a read selects: the first thing it does, since every other query reads the
selected schema OIDs. Kept apart from the kind readers (kinds/schemas.py builds the Schema
objects) so the reader can start its queries before it loads them."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass

from pgparity.catalog.context import ReadContext, Rows
from pgparity.catalog.queries import rows_as


@dataclass(repr=False, eq=False)  # a row: only __init__ (see queries.py)
class SchemaRow:
    oid: int
    name: str
    owner: str
    comment: str | None
    acl: list[str] | None
    default_acl: list[str] | None


QUERY_ROWS: dict[str, type] = {"schemas": SchemaRow}


def _selected(name: str, ctx: ReadContext) -> bool:
    opts = ctx.options
    if opts.include_schemas and not any(fnmatch.fnmatchcase(name, p) for p in opts.include_schemas):
        return False
    return not any(fnmatch.fnmatchcase(name, p) for p in opts.exclude_schemas)


def select_schemas(rows: Rows, ctx: ReadContext) -> list[SchemaRow]:
    """The schemas --schema/--exclude-schema select, but extension members (unless asked for);
    their OIDs go to ``ctx.schema_oids``, which the other queries read."""
    selected: list[SchemaRow] = []
    for row in rows_as(SchemaRow, rows["schemas"]):
        if not _selected(row.name, ctx):
            continue
        if not ctx.options.include_extension_members and ctx.is_extension_member("pg_namespace", row.oid):
            continue
        ctx.schema_oids.append(row.oid)
        selected.append(row)
    return selected
