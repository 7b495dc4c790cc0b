"""User-defined types and collations: collations, enums, domains, composite and range types.

Array types, the row types of tables/views/sequences and the multirange type of each range
are not listed on their own: PostgreSQL creates them with the type or relation they belong to.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pgparity.catalog.acl import parse_owned_acl
from pgparity.catalog.context import ReadContext, Rows
from pgparity.catalog.queries import rows_as
from pgparity.model.keys import ObjectKey, ObjectKind
from pgparity.model.objects import (
    Collation,
    CompositeType,
    Domain,
    DomainCheck,
    EnumType,
    RangeType,
    TypeAttribute,
)


@dataclass(repr=False, eq=False)  # a row: only __init__ (see queries.py)
class CollationRow:
    oid: int
    schema: str
    name: str
    provider: str
    deterministic: bool
    collate: str | None
    ctype: str | None
    locale: str | None
    rules: str | None
    owner: str
    comment: str | None


@dataclass(repr=False, eq=False)  # a row: only __init__ (see queries.py)
class EnumRow:
    oid: int
    schema: str
    name: str
    array_oid: int
    labels: list[str]
    owner: str
    comment: str | None
    acl: list[str] | None
    default_acl: list[str] | None


@dataclass(repr=False, eq=False)  # a row: only __init__ (see queries.py)
class DomainRow:
    oid: int
    schema: str
    name: str
    array_oid: int
    base_type: str
    collation: str | None
    default_expr: str | None
    not_null: bool
    check_oids: list[int]
    check_names: list[str]
    check_definitions: list[str]
    check_validated: list[bool]
    check_comments: list[str | None]
    owner: str
    comment: str | None
    acl: list[str] | None
    default_acl: list[str] | None


@dataclass(repr=False, eq=False)  # a row: only __init__ (see queries.py)
class CompositeTypeRow:
    oid: int
    schema: str
    name: str
    array_oid: int
    relation_oid: int
    attribute_names: list[str]
    attribute_types: list[str]
    attribute_collations: list[str | None]
    attribute_comments: list[str | None]
    owner: str
    comment: str | None
    acl: list[str] | None
    default_acl: list[str] | None


@dataclass(repr=False, eq=False)  # a row: only __init__ (see queries.py)
class RangeTypeRow:
    oid: int
    schema: str
    name: str
    array_oid: int
    multirange_oid: int
    multirange_array_oid: int
    subtype: str
    subtype_opclass: str | None
    collation: str | None
    canonical: str | None
    subtype_diff: str | None
    multirange_name: str | None
    owner: str
    comment: str | None
    acl: list[str] | None
    default_acl: list[str] | None


QUERY_ROWS: dict[str, type] = {
    "collations": CollationRow,
    "enums": EnumRow,
    "domains": DomainRow,
    "composite_types": CompositeTypeRow,
    "range_types": RangeTypeRow,
}


def record_as(ctx: ReadContext, catalog: str, oids: Iterable[int | None], key: ObjectKey) -> None:
    """Record OIDs of parts created with a captured object (its array type, its row relation,
    its constraints...) as that object, so dependencies on or of those parts resolve to it."""
    for oid in oids:
        if oid:
            ctx.record(catalog, oid, key)


def build_collation(row: CollationRow) -> Collation:
    return Collation(
        schema=row.schema,
        name=row.name,
        provider=row.provider,
        deterministic=row.deterministic,
        collate=row.collate,
        ctype=row.ctype,
        locale=row.locale,
        owner=row.owner,
        comment=row.comment,
        rules=row.rules,
    )


def build_enum(row: EnumRow) -> EnumType:
    return EnumType(
        schema=row.schema,
        name=row.name,
        labels=tuple(row.labels),
        owner=row.owner,
        comment=row.comment,
        acl=parse_owned_acl(row.acl, row.default_acl),
    )


def build_domain(row: DomainRow) -> Domain:
    checks = tuple(
        DomainCheck(name, definition, validated, comment)
        for name, definition, validated, comment in zip(
            row.check_names, row.check_definitions, row.check_validated, row.check_comments, strict=True
        )
    )
    return Domain(
        schema=row.schema,
        name=row.name,
        base_type=row.base_type,
        collation=row.collation,
        default=row.default_expr,
        not_null=row.not_null,
        checks=checks,
        owner=row.owner,
        comment=row.comment,
        acl=parse_owned_acl(row.acl, row.default_acl),
    )


def build_composite_type(row: CompositeTypeRow) -> CompositeType:
    attributes = tuple(
        TypeAttribute(name, type_, collation, comment)
        for name, type_, collation, comment in zip(
            row.attribute_names,
            row.attribute_types,
            row.attribute_collations,
            row.attribute_comments,
            strict=True,
        )
    )
    return CompositeType(
        schema=row.schema,
        name=row.name,
        attributes=attributes,
        owner=row.owner,
        comment=row.comment,
        acl=parse_owned_acl(row.acl, row.default_acl),
    )


def build_range_type(row: RangeTypeRow) -> RangeType:
    return RangeType(
        schema=row.schema,
        name=row.name,
        subtype=row.subtype,
        subtype_opclass=row.subtype_opclass,
        collation=row.collation,
        canonical=row.canonical,
        subtype_diff=row.subtype_diff,
        multirange_name=row.multirange_name,
        owner=row.owner,
        comment=row.comment,
        acl=parse_owned_acl(row.acl, row.default_acl),
    )


def read_collations(rows: Rows, ctx: ReadContext) -> dict[str, tuple[Any, ...]]:
    collations: list[Collation] = []
    for row in rows_as(CollationRow, rows["collations"]):
        if ctx.keep("pg_collation", row.oid, ObjectKey(ObjectKind.COLLATION, row.schema, row.name)):
            collations.append(build_collation(row))
    return {"collations": tuple(collations)}


def read_enums(rows: Rows, ctx: ReadContext) -> dict[str, tuple[Any, ...]]:
    enums: list[EnumType] = []
    for row in rows_as(EnumRow, rows["enums"]):
        key = ObjectKey(ObjectKind.ENUM, row.schema, row.name)
        if ctx.keep("pg_type", row.oid, key):
            record_as(ctx, "pg_type", [row.array_oid], key)
            enums.append(build_enum(row))
    return {"enums": tuple(enums)}


def read_domains(rows: Rows, ctx: ReadContext) -> dict[str, tuple[Any, ...]]:
    domains: list[Domain] = []
    for row in rows_as(DomainRow, rows["domains"]):
        key = ObjectKey(ObjectKind.DOMAIN, row.schema, row.name)
        if ctx.keep("pg_type", row.oid, key):
            record_as(ctx, "pg_type", [row.array_oid], key)
            record_as(ctx, "pg_constraint", row.check_oids, key)
            domains.append(build_domain(row))
    return {"domains": tuple(domains)}


def read_composite_types(rows: Rows, ctx: ReadContext) -> dict[str, tuple[Any, ...]]:
    types: list[CompositeType] = []
    for row in rows_as(CompositeTypeRow, rows["composite_types"]):
        key = ObjectKey(ObjectKind.COMPOSITE_TYPE, row.schema, row.name)
        if ctx.keep("pg_type", row.oid, key):
            record_as(ctx, "pg_type", [row.array_oid], key)
            record_as(ctx, "pg_class", [row.relation_oid], key)
            types.append(build_composite_type(row))
    return {"composite_types": tuple(types)}


def read_range_types(rows: Rows, ctx: ReadContext) -> dict[str, tuple[Any, ...]]:
    ranges: list[RangeType] = []
    for row in rows_as(RangeTypeRow, rows["range_types"]):
        key = ObjectKey(ObjectKind.RANGE_TYPE, row.schema, row.name)
        if ctx.keep("pg_type", row.oid, key):
            record_as(ctx, "pg_type", [row.array_oid, row.multirange_oid, row.multirange_array_oid], key)
            ranges.append(build_range_type(row))
    return {"range_types": tuple(ranges)}
