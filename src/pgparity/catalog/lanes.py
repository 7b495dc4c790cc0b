"""Which catalog queries run ahead, on which connection (see fetcher.py and kinds/__init__.py).

Plain data, apart from the readers: the reader starts the queries before it loads the object
classes and the kind readers, so that loading overlaps the server's work.
"""

from __future__ import annotations

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
    # with them, so building tables starts as soon as the longest of them (columns) is in.
    ("columns", "opclasses", "triggers", "functions", "event_triggers"),
    (
        "tables",
        "column_defaults",
        "extensions",
        "collations",
        "enums",
        "domains",
        "composite_types",
        "range_types",
        "sequences",
        "default_privileges",
        "extension_member_acls",
        "publications",
        "publication_tables",
        "rules",
        "statistics",
        "foreign_data_wrappers",
        "foreign_servers",
        "user_mappings",
        "subscriptions",
        "roles",
        "dependencies",  # the longest, and the last reader's
    ),
)
# Lane 0's queries that open tables stay on its connection: an extra connection helping with one
# would build every table's relation cache entry a second time (more server work, not less).
READING_CONNECTION_ONLY: frozenset[str] = frozenset({"constraints", "indexes", "views", "policies"})
QUERIES: tuple[str, ...] = tuple(name for lane in QUERY_LANES for name in lane)
# Queries a reader runs itself, with parameters it computes from other rows (not fetched ahead).
FOLLOW_UP_QUERIES: frozenset[str] = frozenset(
    {"index_definitions", "subscription_details", "subscription_origins"}
)
