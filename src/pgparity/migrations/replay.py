"""Run migration files into a throwaway database the way a deployment tool would, one at a time."""

from __future__ import annotations

import re
from typing import Any

import psycopg

from pgparity.cluster import Cluster
from pgparity.cluster.execute import run_sql_text
from pgparity.migrations.formats import MigrationFile

_OWN_TRANSACTION = re.compile(r"(?im)^\s*(begin|commit)\s*;")


def run_script(conn: psycopg.Connection[Any], text: str, label: str, line_offset: int = 0) -> None:
    """Run ``text`` in one transaction unless it manages its own (BEGIN/COMMIT at a line start)."""
    # Leading newlines keep error positions on the lines of the file the text was cut from.
    body = "\n" * line_offset + text
    wrap = not _OWN_TRANSACTION.search(text)
    if not wrap:
        run_sql_text(conn, body, label)
        return
    conn.execute("BEGIN")
    try:
        run_sql_text(conn, body, label)
    except BaseException:
        if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def apply_file(conn: psycopg.Connection[Any], file: MigrationFile) -> None:
    run_script(conn, file.sql, str(file.path), file.sql_offset_line)


def shimmed_database(cluster: Cluster, name: str, supabase: bool) -> None:
    """Create ``name``; with the Supabase platform shim when the folder is a Supabase project."""
    cluster.create_database(name)
    if supabase:
        from pgparity.cluster.supabase import apply_shim

        with cluster.connect(name) as conn:
            apply_shim(conn)


def clone_database(cluster: Cluster, name: str, template: str, supabase: bool) -> None:
    """A copy of ``template``; a shimmed template's database settings are not copied, so restore them."""
    cluster.create_database(name, template=template)
    if supabase:
        from pgparity.cluster.supabase import restore_database_settings

        with cluster.connect(name) as conn:
            restore_database_settings(conn)
