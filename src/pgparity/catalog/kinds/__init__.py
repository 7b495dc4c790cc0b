"""One reader per object kind: ``read_x(conn, ctx) -> {snapshot field: objects}``.

Readers run in this order inside one transaction; schemas first (they select the schema
OIDs everything else reads), dependencies last (they need every kind's OIDs).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import psycopg

from pgparity.catalog.context import ReadContext
from pgparity.catalog.kinds.constraints import read_constraints, read_indexes
from pgparity.catalog.kinds.dependencies import read_dependencies
from pgparity.catalog.kinds.functions import read_functions
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

KindReader = Callable[[psycopg.Connection[Any], ReadContext], dict[str, tuple[Any, ...]]]

READERS: list[KindReader] = [
    read_schemas,
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
