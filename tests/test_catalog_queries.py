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
from pgparity.catalog import reader, selection
from pgparity.catalog.acl import parse_acl
from pgparity.catalog.kinds import schemas, tables
from pgparity.catalog.queries import fetch_rows, planner_settings, query_text
from pgparity.catalog.reader import read_snapshot

# Queries whose Row classes are not exported through a QUERY_ROWS mapping.
UNEXPORTED: dict[str, type] = {
    "catalogs": reader.CatalogRow,
    "extension_members": reader.ExtensionMemberRow,
    "schemas": selection.SchemaRow,
    "extensions": schemas.ExtensionRow,
    "tables": tables.TableRow,
    "columns": tables.ColumnRow,
    "column_defaults": tables.ColumnDefaultRow,
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


def _query_min_server() -> dict[str, int]:
    """Query name -> the first server major version it runs on (modules' QUERY_MIN_SERVER)."""
    found: dict[str, int] = {}
    for info in pkgutil.walk_packages(pgparity.catalog.__path__, "pgparity.catalog."):
        found.update(getattr(importlib.import_module(info.name), "QUERY_MIN_SERVER", {}))
    return found


QUERY_ROWS = _query_rows()
QUERY_MIN_SERVER = _query_min_server()
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
    major = conn.info.server_version // 10000
    if major < QUERY_MIN_SERVER.get(name, 0):
        pytest.skip(f"{name}.sql needs PostgreSQL {QUERY_MIN_SERVER[name]}+ (this server: {major})")
    text = query_text(name)
    schema_oids = [r[0] for r in conn.execute("SELECT oid::int8 FROM pg_catalog.pg_namespace").fetchall()]
    params: dict[str, Any] = {"schemas": schema_oids} if "%(schemas)s" in text else {}
    if "%(oids)s" in text:
        params["oids"] = []
    if "%(names)s" in text:  # table_sizes: (schema, name) pairs
        params = {"schemas": [], "names": []}
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


def test_every_kind_query_is_fetched_ahead() -> None:
    """The reader fetches the QUERY_LANES ahead, on extra connections for a large schema. A kind
    query missing there still works, but runs late and alone on the reading connection."""
    from pgparity.catalog import kinds

    kind_queries: set[str] = set()
    for info in pkgutil.walk_packages(kinds.__path__, "pgparity.catalog.kinds."):
        kind_queries |= set(getattr(importlib.import_module(info.name), "QUERY_ROWS", {}))
    fetched = [name for lane in kinds.QUERY_LANES for name in lane]
    assert len(fetched) == len(set(fetched)), "a query in two lanes"
    # schemas runs first, on its own: the other queries take its OIDs.
    assert sorted(fetched) == sorted(kind_queries - {"schemas"} - kinds.FOLLOW_UP_QUERIES)


def _distinct_row(row_type: type, **values: Any) -> Any:
    """A row_type with a value of its own in every field (``values`` override)."""
    fields = {f.name: f"<{f.name}>" for f in dataclasses.fields(row_type)}
    return row_type(**{**fields, **values})


def test_tuple_row_builders_read_fields_in_row_order() -> None:
    """The hot kinds unpack tuple rows positionally; each must agree with its Row class by name."""
    from pgparity.catalog.kinds.constraints import ConstraintRow, build_constraint
    from pgparity.catalog.kinds.indexes import IndexRow, build_index
    from pgparity.model.objects import Column, Constraint, Index, SequenceOptions

    col = _distinct_row(
        tables.ColumnRow,
        identity="a",
        seq_cycle=True,
        storage="x",
        compression="l",
        acl=["r=r/o"],
        fdw_options=["k=v"],
    )
    assert tables.build_column(dataclasses.astuple(col), ("<default>", "<generated>")) == Column(
        name=col.name,
        type=col.type,
        not_null=col.not_null,
        default="<default>",
        collation=col.collation,
        identity="always",
        identity_options=SequenceOptions(
            col.seq_type, col.seq_start, col.seq_increment, col.seq_min, col.seq_max, col.seq_cache, True
        ),
        generated="<generated>",
        statistics_target=col.statistics_target,
        storage="extended",
        compression="lz4",
        inherited=col.inherited,
        comment=col.comment,
        acl=parse_acl(["r=r/o"]),
        fdw_options=("k=v",),
        identity_sequence=col.seq_name,
    )
    con = _distinct_row(
        ConstraintRow, table_oid=1, contype="f", attnums=[2, 1], ref_attnums=[1], ref_columns=None
    )
    names = tables.TableColumns({1: {1: (1, 1, "a"), 2: (1, 2, "b")}, 7: {1: (7, 1, "c")}})
    assert build_constraint(
        dataclasses.astuple(dataclasses.replace(con, ref_table_oid=7)), names
    ) == Constraint(
        schema=con.schema,
        table=con.table,
        name=con.name,
        type="foreign_key",
        definition=con.definition,
        columns=("b", "a"),
        validated=con.validated,
        deferrable=con.deferrable,
        deferred=con.deferred,
        no_inherit=con.no_inherit,
        nulls_not_distinct=con.nulls_not_distinct,
        references=con.references,
        ref_columns=("c",),
        on_update=con.on_update,
        on_delete=con.on_delete,
        match=con.match,
        inherited=con.inherited,
        comment=con.comment,
    )
    idx = _distinct_row(IndexRow, key_count=1, reloptions=["y=1", "x=2"])
    assert build_index(idx, "<definition>", ("a", "b")) == Index(
        schema=idx.schema,
        table=idx.table,
        name=idx.name,
        definition="<definition>",
        method=idx.method,
        unique=idx.unique,
        columns=("a",),
        include=("b",),
        predicate=idx.predicate,
        nulls_not_distinct=idx.nulls_not_distinct,
        partition_parent=idx.partition_parent,
        reloptions=("x=2", "y=1"),
        comment=idx.comment,
    )


def test_helping_connections_never_take_pinned_queries() -> None:
    """A connection done with its own lane helps from the end of the longest lane, but the
    queries pinned to the reading connection (lane 0) stay there: run elsewhere they would build
    every table's relation cache entry a second time."""
    from pgparity.catalog.fetcher import _Lanes

    lanes = _Lanes(
        [("constraints", "indexes", "views", "policies"), ("columns",), ()],
        pinned=frozenset({"indexes", "policies"}),
    )
    assert lanes.take(1) == "columns"
    assert lanes.take(1) == "views"  # the last query of lane 0 that is not pinned
    assert lanes.take(2) == "constraints"  # the lane without queries of its own helps too
    assert lanes.take(1) is None  # only pinned ones left: the helper is done
    assert [lanes.take(0), lanes.take(0), lanes.take(0)] == ["indexes", "policies", None]


def test_pinned_queries_are_lane_zero_queries() -> None:
    from pgparity.catalog.lanes import QUERY_LANES, READING_CONNECTION_ONLY

    assert set(QUERY_LANES[0]) >= READING_CONNECTION_ONLY


def test_planner_settings_hold_for_their_query_only(conn: psycopg.Connection[Any]) -> None:
    """A query file's ``-- planner:`` settings are set for that query and put back after it."""
    assert planner_settings("dependencies") == (("enable_mergejoin", "off"),)
    conn.execute("CREATE TABLE t (id int PRIMARY KEY, note text DEFAULT 'x')")
    conn.execute("SET LOCAL enable_mergejoin = on")
    rows = fetch_rows(conn, "dependencies", {"schemas": [2200]})
    assert rows  # the table's column default and key depend on something
    assert conn.execute("SELECT current_setting('enable_mergejoin')").fetchone() == ("on",)


def test_rows_in_binary_read_as_their_text_would(conn: psycopg.Connection[Any]) -> None:
    """Catalog rows come in binary; a real (float4) is read as the text it prints, so
    COST 0.1 is 0.1 (its exact float4 value is 0.10000000149...), as snapshots always wrote it."""
    conn.execute(
        "CREATE FUNCTION f(int) RETURNS SETOF int LANGUAGE sql COST 0.1 ROWS 2.5 AS 'SELECT $1';"
        "CREATE TYPE mood AS ENUM ('ok'); CREATE TABLE t (m mood, c \"char\", n name, v varchar(3))"
    )
    conn.autocommit = True
    snapshot = read_snapshot(conn)
    (function,) = snapshot.functions
    assert (function.cost, function.rows) == (0.1, 2.5)
    assert [(c.name, c.type) for c in snapshot.tables[0].columns] == [
        ("m", "public.mood"),
        ("c", '"char"'),
        ("n", "name"),
        ("v", "character varying(3)"),
    ]
