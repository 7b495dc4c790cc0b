"""One reader per object kind: ``read_x(rows, ctx) -> {snapshot field: objects}``.

A reader builds objects from the raw rows of its queries (``rows["columns"]``; each kind
module's ``QUERY_ROWS`` names its queries and their Row classes). The rows are fetched apart
from building, possibly ahead of time and on several connections (see catalog/fetcher.py).

``read_schemas`` runs first, on its own: it selects the schema OIDs the other queries read.
Then the READERS run in this order; dependencies last (they need every kind's OIDs).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pgparity.catalog.context import ReadContext, Rows
from pgparity.catalog.kinds.constraints import read_constraints
from pgparity.catalog.kinds.dependencies import read_dependencies
from pgparity.catalog.kinds.functions import read_functions
from pgparity.catalog.kinds.indexes import read_indexes
from pgparity.catalog.kinds.policies import read_policies
from pgparity.catalog.kinds.privileges import read_default_privileges, read_publications
from pgparity.catalog.kinds.schemas import read_extensions, read_schemas
from pgparity.catalog.kinds.sequences import read_sequences
from pgparity.catalog.kinds.tables import read_tables
from pgparity.catalog.kinds.triggers import read_event_triggers, read_triggers
from pgparity.catalog.kinds.types import (
    read_collations,
    read_composite_types,
    read_domains,
    read_enums,
    read_range_types,
)
from pgparity.catalog.kinds.views import read_views

KindReader = Callable[[Rows, ReadContext], dict[str, tuple[Any, ...]]]

__all__ = ["FOLLOW_UP_QUERIES", "QUERIES", "QUERY_LANES", "READERS", "KindReader", "read_schemas"]

READERS: list[KindReader] = [
    read_extensions,
    read_tables,
    read_collations,
    read_enums,
    read_domains,
    read_composite_types,
    read_range_types,
    read_sequences,
    read_constraints,
    read_indexes,
    read_views,
    read_functions,
    read_triggers,
    read_event_triggers,
    read_policies,
    read_default_privileges,
    read_publications,
    read_dependencies,  # last: needs every other kind's OIDs
]

# Every query the READERS read, in lanes: lane 0 runs on the reading connection, lane i on
# extra connection i (a connection that is done helps the others; see catalog/fetcher.py).
# Each lane runs roughly in the order READERS need its rows, and the lanes take about the same
# server time on a large schema.
#
# Lane 0 holds the queries that deparse expressions in the context of their table (check
# constraints, partial and expression indexes, policies, views, and the reading connection's
# follow-up index_definitions): the server opens each such table, and building a table's
# relation cache entry costs about as much as the deparsing itself. A backend builds it once,
# so these share one backend instead of each building every table's entry on its own.
QUERY_LANES: tuple[tuple[str, ...], ...] = (
    ("constraints", "indexes", "views", "view_columns", "policies"),
    # The table reader needs columns, tables and column_defaults: the other two lanes start
    # with them, so building tables overlaps fetching the rest.
    ("columns", "tables", "opclasses", "triggers", "functions", "event_triggers"),
    (
        "column_defaults",
        "extensions",
        "collations",
        "enums",
        "domains",
        "composite_types",
        "range_types",
        "sequences",
        "dependencies",
        "default_privileges",
        "publications",
        "publication_tables",
    ),
)
QUERIES: tuple[str, ...] = tuple(name for lane in QUERY_LANES for name in lane)
# Queries a reader runs itself, with parameters it computes from other rows (not fetched ahead).
FOLLOW_UP_QUERIES: frozenset[str] = frozenset({"index_definitions"})
