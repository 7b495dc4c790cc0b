"""The only package that parses SQL text (with postgast, libpg_query's parser)."""

from pgparity.sqltext.split import SqlSyntaxError, Statement, line_col, split_statements

__all__ = ["SqlSyntaxError", "Statement", "line_col", "split_statements"]
