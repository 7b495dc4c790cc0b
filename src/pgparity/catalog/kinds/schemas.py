"""Schemas and extensions (which schemas are read is selected first: catalog/selection.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pgparity.catalog.acl import parse_owned_acl
from pgparity.catalog.context import ReadContext, Rows
from pgparity.catalog.queries import rows_as
from pgparity.catalog.selection import SchemaRow
from pgparity.model.keys import ObjectKey, ObjectKind
from pgparity.model.objects import Extension, Schema


@dataclass(repr=False, eq=False)  # a row: only __init__ (see queries.py)
class ExtensionRow:
    oid: int
    name: str
    schema: str
    version: str
    comment: str | None
    relocatable: bool


QUERY_ROWS: dict[str, type] = {"extensions": ExtensionRow}


def build_schemas(selected: list[SchemaRow], ctx: ReadContext) -> dict[str, tuple[Any, ...]]:
    """The schemas ``select_schemas`` selected, but the platform's (objects of the user's inside
    a platform schema are still read; the schema itself is not)."""
    schemas: list[Schema] = []
    for row in selected:
        platform = ctx.options.platform
        if platform is not None and platform.is_platform_schema(row.name):
            continue
        key = ObjectKey(ObjectKind.SCHEMA, None, row.name)
        ctx.record("pg_namespace", row.oid, key)
        schemas.append(Schema(row.name, row.owner, row.comment, parse_owned_acl(row.acl, row.default_acl)))
    return {"schemas": tuple(schemas)}


def read_extensions(rows: Rows, ctx: ReadContext) -> dict[str, tuple[Any, ...]]:
    extensions = []
    for row in rows_as(ExtensionRow, rows["extensions"]):
        key = ObjectKey(ObjectKind.EXTENSION, None, row.name)
        platform = ctx.options.platform
        if platform is not None and row.name in platform.extensions:
            continue  # preinstalled by the platform, like its schemas
        ctx.record("pg_extension", row.oid, key)
        extensions.append(Extension(row.name, row.schema, row.version, row.comment, row.relocatable))
    return {"extensions": tuple(extensions)}
