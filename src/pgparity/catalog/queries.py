"""Load the catalog SQL files and run them into row dataclasses."""

from __future__ import annotations

import dataclasses
import itertools
from functools import cache
from importlib import resources
from typing import Any, TypeVar

import psycopg
from psycopg.rows import tuple_row

RowT = TypeVar("RowT")


@cache
def query_text(name: str) -> str:
    """Text of ``queries/<name>.sql``."""
    return resources.files("pgparity.catalog").joinpath("queries", f"{name}.sql").read_text(encoding="utf-8")


_INIT_FIELDS: dict[type, tuple[str, ...] | None] = {}


def _init_fields(row_type: type) -> tuple[str, ...] | None:
    """The row type's __init__ parameters in order, when it is a dataclass."""
    if row_type not in _INIT_FIELDS:
        _INIT_FIELDS[row_type] = (
            tuple(f.name for f in dataclasses.fields(row_type) if f.init)
            if dataclasses.is_dataclass(row_type)
            else None
        )
    return _INIT_FIELDS[row_type]


def fetch(
    conn: psycopg.Connection[Any], name: str, row_type: type[RowT], params: dict[str, Any]
) -> list[RowT]:
    """Run one catalog query; each row becomes ``row_type`` (its fields must equal the query's columns)."""
    with conn.cursor(row_factory=tuple_row) as cur:
        cur.execute(query_text(name), params)
        rows = cur.fetchall()
        names = tuple(col.name for col in cur.description or ())
    if names == _init_fields(row_type):
        # Columns in field order: build positionally (psycopg's class_row goes through a dict per row).
        return list(itertools.starmap(row_type, rows))
    return [row_type(**dict(zip(names, row, strict=True))) for row in rows]
