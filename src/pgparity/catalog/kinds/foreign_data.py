"""Foreign-data wrappers, foreign servers and user mappings (SQL/MED), all database-wide.

Foreign tables are tables (kinds/tables.py). User mappings are read as the pg_user_mappings view
shows them: options it hides from the reading role are stored as None, never read around it.
The value of every secret option (a password, a token, a key: model/secrets.py) is stored as
the REDACTED marker, here and for foreign tables and their columns: no snapshot holds one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pgparity.catalog.acl import parse_owned_acl
from pgparity.catalog.context import ReadContext, Rows
from pgparity.catalog.queries import rows_as
from pgparity.model.objects import ForeignDataWrapper, ForeignServer, UserMapping
from pgparity.model.secrets import canonical_options


@dataclass(repr=False, eq=False)  # a row: only __init__ (see queries.py)
class ForeignDataWrapperRow:
    oid: int
    name: str
    owner: str
    handler: str | None
    validator: str | None
    options: list[str]
    comment: str | None
    acl: list[str] | None
    default_acl: list[str] | None


@dataclass(repr=False, eq=False)  # a row: only __init__ (see queries.py)
class ForeignServerRow:
    oid: int
    name: str
    wrapper: str
    owner: str
    type: str | None
    version: str | None
    options: list[str]
    comment: str | None
    acl: list[str] | None
    default_acl: list[str] | None


@dataclass(repr=False, eq=False)  # a row: only __init__ (see queries.py)
class UserMappingRow:
    oid: int
    server: str
    role: str
    options: list[str]
    options_visible: bool


QUERY_ROWS: dict[str, type] = {
    "foreign_data_wrappers": ForeignDataWrapperRow,
    "foreign_servers": ForeignServerRow,
    "user_mappings": UserMappingRow,
}


def read_foreign_data_wrappers(rows: Rows, ctx: ReadContext) -> dict[str, tuple[Any, ...]]:
    wrappers: list[ForeignDataWrapper] = []
    for row in rows_as(ForeignDataWrapperRow, rows["foreign_data_wrappers"]):
        wrapper = ForeignDataWrapper(
            name=row.name,
            owner=row.owner,
            handler=row.handler,
            validator=row.validator,
            options=canonical_options(row.options),
            comment=row.comment,
            acl=parse_owned_acl(row.acl, row.default_acl),
        )
        if ctx.keep("pg_foreign_data_wrapper", row.oid, wrapper.key):
            wrappers.append(wrapper)
    return {"foreign_data_wrappers": tuple(wrappers)}


def read_foreign_servers(rows: Rows, ctx: ReadContext) -> dict[str, tuple[Any, ...]]:
    servers: list[ForeignServer] = []
    for row in rows_as(ForeignServerRow, rows["foreign_servers"]):
        server = ForeignServer(
            name=row.name,
            wrapper=row.wrapper,
            owner=row.owner,
            type=row.type,
            version=row.version,
            options=canonical_options(row.options),
            comment=row.comment,
            acl=parse_owned_acl(row.acl, row.default_acl),
        )
        if ctx.keep("pg_foreign_server", row.oid, server.key):
            servers.append(server)
    return {"foreign_servers": tuple(servers)}


def read_user_mappings(rows: Rows, ctx: ReadContext) -> dict[str, tuple[Any, ...]]:
    mappings: list[UserMapping] = []
    for row in rows_as(UserMappingRow, rows["user_mappings"]):
        options = canonical_options(row.options) if row.options_visible else None
        mapping = UserMapping(row.server, row.role, options)
        if ctx.keep("pg_user_mapping", row.oid, mapping.key):
            mappings.append(mapping)
    return {"user_mappings": tuple(mappings)}
