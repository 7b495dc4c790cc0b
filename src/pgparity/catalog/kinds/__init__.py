"""One reader per object kind: ``read_x(conn, ctx) -> {snapshot field: objects}``.

Readers run in this order inside one transaction; schemas first (they select the schema
OIDs everything else reads), dependencies last (they need every kind's OIDs).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import psycopg

from pgparity.catalog.context import ReadContext
from pgparity.catalog.kinds.schemas import read_extensions, read_schemas
from pgparity.catalog.kinds.tables import read_tables

KindReader = Callable[[psycopg.Connection[Any], ReadContext], dict[str, tuple[Any, ...]]]

READERS: list[KindReader] = [
    read_schemas,
    read_extensions,
    read_tables,
]
