"""Helpers for round-trip tests: load SQL into databases, plan, prove, compare pg_dump output."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from graph_reference import assert_graph_matches

from pgparity.catalog import read_snapshot
from pgparity.cluster import Cluster
from pgparity.cluster.execute import run_sql_text
from pgparity.diff import DiffOptions
from pgparity.model.secrets import REDACTED, is_secret_option
from pgparity.model.snapshot import Snapshot
from pgparity.plan import PlanOptions, build_plan, build_rollback, render_script
from pgparity.plan.proof import ProofResult, prove
from pgparity.plan.steps import Plan


@dataclass
class RoundTrip:
    plan: Plan
    rollback: Plan
    migration_sql: str
    rollback_sql: str
    proof: ProofResult


def load_database(cluster: Cluster, dbname: str, sql: str, path: str = "<sql>") -> Snapshot:
    cluster.drop_database(dbname)
    cluster.create_database(dbname)
    with cluster.connect(dbname) as conn:
        if sql.strip():
            run_sql_text(conn, sql, path)
        return read_snapshot(conn)


def round_trip(
    cluster: Cluster,
    a_db: str,
    b_db: str,
    a_sql: str,
    b_sql: str,
    options: PlanOptions,
    diff_options: DiffOptions | None = None,
    b_cluster: Cluster | None = None,
    rollback_options: DiffOptions | None = None,
) -> RoundTrip:
    """Plan A -> B, prove it on a clone of A (with rollback B -> A).

    ``b_cluster``: B is loaded there (roles are cluster-wide: when they are compared, A's and
    B's must not meet); the proof runs in ``cluster``."""
    a = load_database(cluster, a_db, a_sql, "a.sql")
    b = load_database(b_cluster or cluster, b_db, b_sql, "b.sql")
    changes, plan = build_plan(a, b, diff_options, options)
    _, rollback = build_plan(b, a, rollback_options or diff_options, options)
    # What `pgparity plan` does for the rollback (the diff reversed, not redone) gives the same plan,
    # and the planner's on-demand dependency graph the whole-snapshot one's edges.
    assert build_rollback(changes, a, b, diff_options, options) == rollback
    assert_graph_matches(a)
    assert_graph_matches(b)
    migration_sql = render_script(plan, options)
    rollback_sql = render_script(rollback, options, title="pgparity rollback")
    proof = prove(
        cluster, a_db, migration_sql, rollback_sql, a, b, diff_options=diff_options, workdb=f"{a_db}_proof"
    )
    return RoundTrip(plan, rollback, migration_sql, rollback_sql, proof)


def schema_dump(cluster: Cluster, dbname: str) -> str:
    """pg_dump --schema-only with comments, SET lines and column order normalized away."""
    pg_dump = cluster.binaries.tool("pg_dump")
    out = subprocess.run(
        [pg_dump, "--schema-only", "--no-owner", "-d", cluster.dsn(dbname)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    lines = [
        line
        for line in out.splitlines()
        if line.strip() and not line.startswith(("--", "SET ", "SELECT pg_catalog.set_config", "\\"))
    ]
    return _sort_table_columns(_redact_secret_options("\n".join(lines)))


# One option of a pg_dump OPTIONS ( block: one per line, "    name 'value'," (the name quoted
# when it must be, the comma on all but the last).
_OPTION_LINE = re.compile(
    r"""(?P<lead>\s+(?P<name>"(?:[^"]|"")*"|[^\s"']+) )(?P<value>E?'(?:[^']|'')*')(?P<comma>,?)"""
)


def _redact_secret_options(dump: str) -> str:
    """Secret option values (model/secrets.py) as the REDACTED marker.

    Snapshots hold no secret option values, so a plan cannot write the target's: migration.sql
    takes them from psql variables, which a run without psql (proof, tests) fills with
    REDACTED. The migrated copy then holds REDACTED where the target holds the real secret, and
    only there; every other option, and which options are secret, is still compared.
    """
    lines = dump.split("\n")
    in_options = False
    for i, line in enumerate(lines):
        match = _OPTION_LINE.fullmatch(line) if in_options else None
        if match:
            name = match["name"]
            name = name[1:-1].replace('""', '"') if name.startswith('"') else name
            value = match["value"].removeprefix("E")[1:-1].replace("''", "'")
            if is_secret_option(name, value):
                lines[i] = f"{match['lead']}'{REDACTED}'{match['comma']}"
        else:
            in_options = line.endswith("OPTIONS (")
    return "\n".join(lines)


def roles_dump(cluster: Cluster) -> str:
    """pg_dumpall --roles-only (no passwords), comments and SET lines left out: the roles
    themselves, as PostgreSQL's own tool writes them (settings for all databases included).
    VALID UNTIL 'infinity' is no expiry, as none is: ALTER ROLE cannot set it back to none.
    Lines sorted: pg_dumpall writes a role's settings in the order they were set (meaningless).
    Memberships without their grantors (PostgreSQL 16+ writes GRANTED BY; pgparity compares
    memberships without them), the same membership from several grantors written once."""
    out = subprocess.run(
        [
            cluster.binaries.tool("pg_dumpall"),
            "--roles-only",
            "--no-role-passwords",
            "-d",
            cluster.dsn("postgres"),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return "\n".join(
        sorted(
            {
                _GRANTED_BY.sub(";", line.replace(" VALID UNTIL 'infinity'", ""))
                for line in out.splitlines()
                if line.strip() and not line.startswith(("--", "SET ", "\\"))
            }
        )
    )


_GRANTED_BY = re.compile(r' GRANTED BY (?:"(?:[^"]|"")*"|\S+);$')


def _sort_table_columns(dump: str) -> str:
    """Column order aside: sort the column lines inside each CREATE TABLE (...)."""

    def sort_block(match: re.Match[str]) -> str:
        cols = [c.rstrip(",") for c in match.group(2).splitlines()]
        return match.group(1) + "\n".join(sorted(cols)) + "\n" + match.group(3)

    return re.sub(r"(CREATE TABLE [^\n]+\(\n)(.*?)\n(\)[^\n]*;)", sort_block, dump, flags=re.DOTALL)


def case_dirs(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if (p / "a.sql").exists() and (p / "b.sql").exists())
