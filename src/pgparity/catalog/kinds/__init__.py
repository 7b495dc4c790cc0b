"""One reader per object kind: ``read_x(rows, ctx) -> {snapshot field: objects}``.

A reader builds objects from the raw rows of its queries (``rows["columns"]``; each kind
module's ``QUERY_ROWS`` names its queries and their Row classes). The rows are fetched apart
from building, possibly ahead of time and on several connections (see catalog/fetcher.py).

The schemas come first: catalog/selection.py selects the schema OIDs the other queries read
(before these modules load), ``build_schemas`` makes the selected ones. Then the READERS run in
this order; dependencies last (they need every kind's OIDs).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pgparity.catalog import lanes
from pgparity.catalog.context import ReadContext, Rows
from pgparity.catalog.kinds.constraints import read_constraints
from pgparity.catalog.kinds.dependencies import read_dependencies
from pgparity.catalog.kinds.extension_member_acls import read_extension_member_acls
from pgparity.catalog.kinds.foreign_data import (
    read_foreign_data_wrappers,
    read_foreign_servers,
    read_user_mappings,
)
from pgparity.catalog.kinds.functions import read_functions
from pgparity.catalog.kinds.indexes import read_indexes
from pgparity.catalog.kinds.policies import read_policies
from pgparity.catalog.kinds.privileges import read_default_privileges, read_publications
from pgparity.catalog.kinds.roles import read_roles
from pgparity.catalog.kinds.rules import read_rules
from pgparity.catalog.kinds.schemas import build_schemas, read_extensions
from pgparity.catalog.kinds.sequences import read_sequences
from pgparity.catalog.kinds.statistics import read_statistics
from pgparity.catalog.kinds.subscriptions import read_subscriptions
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

__all__ = ["FOLLOW_UP_QUERIES", "QUERIES", "QUERY_LANES", "READERS", "KindReader", "build_schemas"]

READERS: list[KindReader] = [
    # Kinds that need nothing of the tables, from quick queries: built while the columns (the
    # largest query) are still coming.
    read_extensions,
    read_collations,
    read_enums,
    read_domains,
    read_composite_types,
    read_range_types,
    read_sequences,
    read_tables,  # before every kind that lives on a table (it records extension-owned tables)
    read_constraints,
    read_indexes,
    read_statistics,
    read_views,
    read_functions,
    read_triggers,
    read_rules,
    read_event_triggers,
    read_policies,
    read_default_privileges,
    read_extension_member_acls,
    read_publications,
    read_subscriptions,
    read_foreign_data_wrappers,
    read_foreign_servers,
    read_user_mappings,
    read_roles,
    read_dependencies,  # last: needs every other kind's OIDs
]

# The lanes of queries, and the follow-up queries, are in catalog/lanes.py (the reader needs
# them before it loads the readers).
QUERY_LANES, QUERIES, FOLLOW_UP_QUERIES = lanes.QUERY_LANES, lanes.QUERIES, lanes.FOLLOW_UP_QUERIES
