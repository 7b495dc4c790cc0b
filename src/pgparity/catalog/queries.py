"""Load the catalog SQL files and run them into row dataclasses."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any, TypeVar

import psycopg
from psycopg.rows import class_row

RowT = TypeVar("RowT")


@cache
def query_text(name: str) -> str:
    """Text of ``queries/<name>.sql``."""
    return resources.files("pgparity.catalog").joinpath("queries", f"{name}.sql").read_text(encoding="utf-8")


def fetch(
    conn: psycopg.Connection[Any], name: str, row_type: type[RowT], params: dict[str, Any]
) -> list[RowT]:
    """Run one catalog query; each row becomes ``row_type`` (its fields must equal the query's columns)."""
    with conn.cursor(row_factory=class_row(row_type)) as cur:
        cur.execute(query_text(name), params)
        return cur.fetchall()
