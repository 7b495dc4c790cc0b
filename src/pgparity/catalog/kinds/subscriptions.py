"""Subscriptions (pg_subscription), those of the database being read.

Every role may read most of pg_subscription, not the connection string (subconninfo). When the
reading role may read it all, a follow-up query reads the connection string, which is kept
without its password (catalog/conninfo.py), and the origin; for any other role the connection
string is None (unknown) and another follow-up query reads the origin, which every role may
read. Servers before PostgreSQL 16 have no origin column: the origin is always ``any``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pgparity.catalog.conninfo import without_secrets
from pgparity.catalog.context import ReadContext, Rows
from pgparity.catalog.queries import rows_as
from pgparity.model.objects import Subscription


@dataclass(repr=False, eq=False)  # a row: only __init__ (see queries.py)
class SubscriptionRow:
    oid: int
    name: str
    owner: str
    publications: list[str]
    enabled: bool
    slot_name: str | None
    synchronous_commit: str
    binary: bool
    streaming: str
    two_phase: bool
    disable_on_error: bool
    comment: str | None
    details_readable: bool
    has_origin: bool


@dataclass(repr=False, eq=False)  # a row: only __init__ (see queries.py)
class SubscriptionDetailRow:
    oid: int
    conninfo: str
    origin: str


@dataclass(repr=False, eq=False)  # a row: only __init__ (see queries.py)
class SubscriptionOriginRow:
    oid: int
    origin: str


QUERY_ROWS: dict[str, type] = {
    "subscriptions": SubscriptionRow,
    "subscription_details": SubscriptionDetailRow,
    "subscription_origins": SubscriptionOriginRow,
}
# The first server version each version-dependent query runs on.
QUERY_MIN_SERVER: dict[str, int] = {"subscription_origins": 16}


def _details(rows: Rows, subscriptions: list[SubscriptionRow]) -> dict[int, SubscriptionDetailRow]:
    if not subscriptions or not subscriptions[0].details_readable:
        return {}
    return {r.oid: r for r in rows_as(SubscriptionDetailRow, rows.run("subscription_details", {}))}


def _origins(rows: Rows, subscriptions: list[SubscriptionRow]) -> dict[int, str]:
    """The origins, for a role that may not read the details (on a server that has them)."""
    if not subscriptions or subscriptions[0].details_readable or not subscriptions[0].has_origin:
        return {}
    return {r.oid: r.origin for r in rows_as(SubscriptionOriginRow, rows.run("subscription_origins", {}))}


def read_subscriptions(rows: Rows, ctx: ReadContext) -> dict[str, tuple[Any, ...]]:
    found = rows_as(SubscriptionRow, rows["subscriptions"])
    details = _details(rows, found)
    origins = _origins(rows, found)
    subscriptions: list[Subscription] = []
    for row in found:
        detail = details.get(row.oid)
        conninfo, password = without_secrets(detail.conninfo) if detail else (None, False)
        origin = detail.origin if detail else origins.get(row.oid, None if row.has_origin else "any")
        subscriptions.append(
            Subscription(
                name=row.name,
                owner=row.owner,
                publications=tuple(row.publications),
                conninfo=conninfo,
                password=password,
                enabled=row.enabled,
                slot_name=row.slot_name,
                synchronous_commit=row.synchronous_commit,
                binary=row.binary,
                streaming=row.streaming,
                two_phase=row.two_phase,
                disable_on_error=row.disable_on_error,
                origin=origin,
                comment=row.comment,
            )
        )
    return {"subscriptions": tuple(subscriptions)}
