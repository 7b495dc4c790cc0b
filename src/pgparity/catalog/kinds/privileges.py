"""Default privileges (pg_default_acl) and publications (pg_publication and its members)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from pgparity.catalog.acl import parse_acl
from pgparity.catalog.context import ReadContext, Rows
from pgparity.catalog.queries import rows_as
from pgparity.model.keys import ObjectKey, ObjectKind
from pgparity.model.objects import DefaultPrivilege, Publication, PublicationTable

OBJECT_TYPE_NAMES = {"r": "tables", "S": "sequences", "f": "functions", "T": "types", "n": "schemas"}


@dataclass(repr=False, eq=False)  # a row: only __init__ (see queries.py)
class DefaultPrivilegeRow:
    oid: int
    role: str
    schema: str | None
    objtype: str
    acl: list[str] | None


@dataclass(repr=False, eq=False)  # a row: only __init__ (see queries.py)
class PublicationRow:
    oid: int
    name: str
    owner: str
    all_tables: bool
    insert: bool
    update: bool
    delete: bool
    truncate: bool
    via_root: bool
    schemas: list[str]
    comment: str | None


@dataclass(repr=False, eq=False)  # a row: only __init__ (see queries.py)
class PublicationTableRow:
    publication_oid: int
    schema: str
    name: str
    columns: list[str]
    where: str | None


QUERY_ROWS: dict[str, type] = {
    "default_privileges": DefaultPrivilegeRow,
    "publications": PublicationRow,
    "publication_tables": PublicationTableRow,
}


def read_default_privileges(rows: Rows, ctx: ReadContext) -> dict[str, tuple[Any, ...]]:
    privileges: list[DefaultPrivilege] = []
    for row in rows_as(DefaultPrivilegeRow, rows["default_privileges"]):
        privilege = DefaultPrivilege(
            role=row.role,
            schema=row.schema,
            object_type=OBJECT_TYPE_NAMES.get(row.objtype, row.objtype),
            acl=parse_acl(row.acl),
        )
        if not ctx.keep("pg_default_acl", row.oid, privilege.key):
            continue
        privileges.append(privilege)
    return {"default_privileges": tuple(privileges)}


def read_publications(rows: Rows, ctx: ReadContext) -> dict[str, tuple[Any, ...]]:
    tables_by_publication: dict[int, list[PublicationTable]] = defaultdict(list)
    for t in rows_as(PublicationTableRow, rows["publication_tables"]):
        tables_by_publication[t.publication_oid].append(
            PublicationTable(t.schema, t.name, tuple(t.columns), t.where)
        )
    publications: list[Publication] = []
    for row in rows_as(PublicationRow, rows["publications"]):
        if not ctx.keep("pg_publication", row.oid, ObjectKey(ObjectKind.PUBLICATION, None, row.name)):
            continue
        tables = sorted(tables_by_publication.get(row.oid, []), key=lambda t: (t.schema, t.name))
        publications.append(
            Publication(
                name=row.name,
                owner=row.owner,
                all_tables=row.all_tables,
                insert=row.insert,
                update=row.update,
                delete=row.delete,
                truncate=row.truncate,
                via_root=row.via_root,
                tables=tuple(tables),
                schemas=tuple(sorted(row.schemas)),
                comment=row.comment,
            )
        )
    return {"publications": tuple(publications)}
