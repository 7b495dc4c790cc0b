"""Load the catalog SQL files and run them: raw tuple rows, or rows as dataclasses.

Row dataclasses are declared ``@dataclass(repr=False, eq=False)``: rows are only built and
read, and each generated method is compiled when the class is made (with frozen, repr and eq,
the thirty row classes took a tenth of the command's start-up).
"""

from __future__ import annotations

import dataclasses
import itertools
import re
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


@cache
def takes_schemas(name: str) -> bool:
    """Whether the query reads the selected schemas' OIDs (``%(schemas)s``)."""
    return "%(schemas)s" in query_text(name)


# A planner setting a query file asks for, in a line of its own: ``-- planner: enable_mergejoin = off``.
_PLANNER_SETTING = re.compile(r"^-- planner: (\w+) = (\w+)$", re.M)


@cache
def planner_settings(name: str) -> tuple[tuple[str, str], ...]:
    """The planner settings ``queries/<name>.sql`` runs with (set for that query only)."""
    return tuple(_PLANNER_SETTING.findall(query_text(name)))


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


def fetch_rows(conn: psycopg.Connection[Any], name: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Run one catalog query; its rows as tuples, columns in the query's order.

    Rows come in binary (parsing them took a third less of the client's time than text): a
    query casts what has no binary form in psycopg to text, and a real (float4) to
    ``::text::float8`` so that it reads as the value it prints.

    The query's columns equal its Row dataclass's fields (tests/test_catalog_queries.py), so
    ``rows_as(RowType, rows)`` or unpacking in field order reads them.
    """
    return _run(conn, name, params)[0]


def _run(
    conn: psycopg.Connection[Any], name: str, params: dict[str, Any]
) -> tuple[list[tuple[Any, ...]], tuple[str, ...]]:
    """The query's rows (binary, as tuples) and its column names, run with its planner settings."""
    settings = planner_settings(name)
    with conn.cursor(row_factory=tuple_row, binary=True) as cur:
        if settings:
            # Set for this query only (inside the reading transaction), then back as they were.
            names, values = [n for n, _ in settings], [v for _, v in settings]
            cur.execute(_SWAP_SETTINGS, (names, values))
            previous = [row[0] for row in cur.fetchall()]
        cur.execute(query_text(name), params)
        rows = cur.fetchall()
        columns = tuple(col.name for col in cur.description or ())
        if settings:
            cur.execute(_SWAP_SETTINGS, (names, previous))
    return rows, columns


# Sets each (name, value) for the rest of the transaction; the rows are the values before.
_SWAP_SETTINGS = (
    "SELECT pg_catalog.current_setting(s.name), pg_catalog.set_config(s.name, s.value, true)"
    " FROM unnest(%s::text[], %s::text[]) WITH ORDINALITY AS s(name, value, ord) ORDER BY s.ord"
)


def rows_as(row_type: type[RowT], rows: list[tuple[Any, ...]]) -> list[RowT]:
    """Tuple rows (columns in field order) as ``row_type`` dataclasses, built positionally."""
    return list(itertools.starmap(row_type, rows))


def fetch(
    conn: psycopg.Connection[Any], name: str, row_type: type[RowT], params: dict[str, Any]
) -> list[RowT]:
    """Run one catalog query; each row becomes ``row_type`` (its fields must equal the query's columns)."""
    rows, names = _run(conn, name, params)
    if names == _init_fields(row_type):
        # Columns in field order: build positionally (psycopg's class_row goes through a dict per row).
        return list(itertools.starmap(row_type, rows))
    return [row_type(**dict(zip(names, row, strict=True))) for row in rows]
