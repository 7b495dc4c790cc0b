"""Every catalog query's result columns equal the fields of the Row dataclass it fills.

Each module of ``pgparity.catalog`` that runs queries (the kind readers in
``pgparity.catalog.kinds`` and any other) exports ``QUERY_ROWS`` (query name -> Row class);
the queries the framework itself runs (and modules written before that convention) are
listed here. A query without a Row class, or a Row class without a query, fails too.
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
from importlib import resources
from typing import Any

import psycopg
import pytest

import pgparity.catalog
from pgparity.catalog import reader
from pgparity.catalog.kinds import schemas, tables
from pgparity.catalog.queries import query_text

# Queries whose Row classes are not exported through a QUERY_ROWS mapping.
UNEXPORTED: dict[str, type] = {
    "catalogs": reader.CatalogRow,
    "extension_members": reader.ExtensionMemberRow,
    "schemas": schemas.SchemaRow,
    "extensions": schemas.ExtensionRow,
    "tables": tables.TableRow,
    "columns": tables.ColumnRow,
}


def _query_rows() -> dict[str, type]:
    found: dict[str, type] = {}
    for info in pkgutil.walk_packages(pgparity.catalog.__path__, "pgparity.catalog."):
        module = importlib.import_module(info.name)
        for name, row_type in getattr(module, "QUERY_ROWS", {}).items():
            assert name not in found, f"query {name!r} is claimed by two modules"
            found[name] = row_type
    for name, row_type in UNEXPORTED.items():
        found.setdefault(name, row_type)
    return found


QUERY_ROWS = _query_rows()
QUERY_FILES = sorted(
    p.name.removesuffix(".sql")
    for p in resources.files("pgparity.catalog").joinpath("queries").iterdir()
    if p.name.endswith(".sql")
)


def test_every_query_has_a_row_class() -> None:
    assert sorted(set(QUERY_FILES) - set(QUERY_ROWS)) == [], "queries/*.sql without a Row class"
    assert sorted(set(QUERY_ROWS) - set(QUERY_FILES)) == [], "Row classes without a queries/<name>.sql"


@pytest.mark.parametrize("name", sorted(set(QUERY_ROWS) & set(QUERY_FILES)))
def test_query_columns_match_row_fields(name: str, conn: psycopg.Connection[Any]) -> None:
    text = query_text(name)
    schema_oids = [r[0] for r in conn.execute("SELECT oid::int8 FROM pg_catalog.pg_namespace").fetchall()]
    params = {"schemas": schema_oids} if "%(schemas)s" in text else {}
    # The same session state the snapshot reader runs its queries in.
    conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
    try:
        conn.execute("SET LOCAL search_path = pg_catalog")
        with conn.cursor() as cur:
            cur.execute(text, params)
            assert cur.description is not None
            columns = [c.name for c in cur.description]
    finally:
        conn.execute("ROLLBACK")
    row_fields = [f.name for f in dataclasses.fields(QUERY_ROWS[name])]
    assert columns == row_fields, f"{name}.sql columns differ from {QUERY_ROWS[name].__name__} fields"
