"""Schemas and extensions. Reading schemas also fixes which schema OIDs the other kinds read."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from typing import Any

from pgparity.catalog.acl import parse_owned_acl
from pgparity.catalog.context import ReadContext, Rows
from pgparity.catalog.queries import rows_as
from pgparity.model.keys import ObjectKey, ObjectKind
from pgparity.model.objects import Extension, Schema


@dataclass(repr=False, eq=False)  # a row: only __init__ (see queries.py)
class SchemaRow:
    oid: int
    name: str
    owner: str
    comment: str | None
    acl: list[str] | None
    default_acl: list[str] | None


@dataclass(repr=False, eq=False)  # a row: only __init__ (see queries.py)
class ExtensionRow:
    oid: int
    name: str
    schema: str
    version: str
    comment: str | None
    relocatable: bool


QUERY_ROWS: dict[str, type] = {"schemas": SchemaRow, "extensions": ExtensionRow}


def _selected(name: str, ctx: ReadContext) -> bool:
    opts = ctx.options
    if opts.include_schemas and not any(fnmatch.fnmatchcase(name, p) for p in opts.include_schemas):
        return False
    return not any(fnmatch.fnmatchcase(name, p) for p in opts.exclude_schemas)


def read_schemas(rows: Rows, ctx: ReadContext) -> dict[str, tuple[Any, ...]]:
    schemas: list[Schema] = []
    for row in rows_as(SchemaRow, rows["schemas"]):
        if not _selected(row.name, ctx):
            continue
        if not ctx.options.include_extension_members and ctx.is_extension_member("pg_namespace", row.oid):
            continue
        # Objects of the user's inside a platform schema are still read; the schema itself is not.
        ctx.schema_oids.append(row.oid)
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
