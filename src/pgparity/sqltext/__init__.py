"""The only package that parses SQL text (with postgast, libpg_query's parser)."""

from pgparity.sqltext.split import SqlSyntaxError, Statement, line_col, split_statements
from pgparity.sqltext.transactions import (
    TextTraits,
    cluster_wide_reason,
    must_run_outside_transaction,
    outside_transaction_reason,
    statement_count,
    text_traits,
)

__all__ = [
    "SqlSyntaxError",
    "Statement",
    "TextTraits",
    "cluster_wide_reason",
    "line_col",
    "must_run_outside_transaction",
    "outside_transaction_reason",
    "split_statements",
    "statement_count",
    "text_traits",
]
