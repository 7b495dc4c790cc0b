"""Prove a plan on a throwaway copy: apply it, re-read, diff to empty; then the same for rollback."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

from pgparity.catalog import ReadOptions, read_snapshot
from pgparity.cluster import Cluster
from pgparity.cluster.execute import run_sql_text
from pgparity.diff.changes import Change
from pgparity.diff.engine import DiffOptions, diff_snapshots
from pgparity.errors import SqlError
from pgparity.model.keys import ObjectKind
from pgparity.model.snapshot import Snapshot
from pgparity.plan.secrets import fill_for_proof

_STEP_HEADER = re.compile(r"^-- step (\d+):", re.MULTILINE)


@dataclass
class StageResult:
    name: str  # "migration" or "rollback"
    ok: bool
    error: str | None = None
    failed_step: int | None = None  # 1-based step number in the script
    residual: list[Change] = field(default_factory=list)  # what still differs afterwards


@dataclass
class ProofResult:
    stages: list[StageResult] = field(default_factory=list)
    rows_checked: int = 0  # tables whose row counts were checked through every stage

    @property
    def ok(self) -> bool:
        return bool(self.stages) and all(s.ok for s in self.stages)

    def summary(self) -> str:
        parts = []
        for s in self.stages:
            if s.ok:
                parts.append(f"{s.name}: applied, re-read, no difference left")
            elif s.error:
                where = f" at step {s.failed_step}" if s.failed_step else ""
                parts.append(f"{s.name}: failed{where}: {s.error}")
            else:
                left = ", ".join(f"{c.action.value} {c.key}" for c in s.residual[:10])
                parts.append(f"{s.name}: applied, but {len(s.residual)} difference(s) remain: {left}")
        return "; ".join(parts)


def step_at_line(script: str, line: int | None) -> int | None:
    """The step number whose block contains ``line`` of the script."""
    if line is None:
        return None
    number = None
    for match in _STEP_HEADER.finditer(script):
        if script.count("\n", 0, match.start()) + 1 > line:
            break
        number = int(match.group(1))
    return number


def row_counts(conn: Any) -> dict[str, int]:
    """Exact row counts of every user table (the proof database is a small throwaway copy)."""
    tables = conn.execute(
        "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_catalog.pg_class c"
        " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p')"
        " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_toast' ORDER BY 1"
    ).fetchall()
    return {t: int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for (t,) in tables}


def _column_order_only(change: Change) -> bool:
    """A table whose columns differ in order only: no statement reorders columns in place (a
    column added, or dropped and re-added, comes last), so a plan is not held to it."""
    return (
        change.key.kind is ObjectKind.TABLE
        and all(f.path == "columns.order" for f in change.fields)
        and bool(change.fields)
    )


def run_stage(
    cluster: Cluster,
    dbname: str,
    name: str,
    script: str,
    expected: Snapshot,
    read_options: ReadOptions,
    diff_options: DiffOptions,
    keep_rows: set[str] | None = None,
) -> StageResult:
    """Apply ``script``; require no schema difference from ``expected`` and unchanged row counts in ``keep_rows``."""
    with cluster.connect(dbname) as conn:
        before = row_counts(conn) if keep_rows else {}
        try:
            # Without psql: secret variables get the redaction marker, read back as any secret is.
            run_sql_text(conn, fill_for_proof(script), f"{name}.sql")
        except SqlError as exc:
            return StageResult(name, False, error=exc.message, failed_step=step_at_line(script, exc.line))
        after = read_snapshot(conn, read_options)
        counts = row_counts(conn) if keep_rows else {}
    residual = [c for c in diff_snapshots(after, expected, diff_options) if not _column_order_only(c)]
    lost = [t for t in sorted(keep_rows or ()) if t in before and counts.get(t) != before[t]]
    if lost:
        detail = ", ".join(f"{t} {before[t]} -> {counts.get(t, 'gone')}" for t in lost)
        return StageResult(
            name, False, error=f"rows changed in tables with no DATA_LOSS step: {detail}", residual=residual
        )
    return StageResult(name, not residual, residual=residual)


def prove(
    cluster: Cluster,
    source_template: str,
    migration: str,
    rollback: str,
    source: Snapshot,
    target: Snapshot,
    read_options: ReadOptions | None = None,
    diff_options: DiffOptions | None = None,
    workdb: str = "pgparity_proof",
    keep_rows: set[str] | None = None,
) -> ProofResult:
    """Clone ``source_template``, apply ``migration`` (expect TARGET), then ``rollback`` (expect SOURCE).

    When roles are compared the scripts run on ``source_template`` itself: roles are
    cluster-wide, and DROP ROLE fails while the role holds anything in any database, the
    template too. The rollback, proven, leaves it as it was.
    """
    read_options = read_options or ReadOptions()
    # The results are compared as they are: declared renames were the plan's to make.
    diff_options = dataclasses.replace(diff_options or DiffOptions(), renames=())
    in_place = diff_options.compare_roles
    if in_place:
        workdb = source_template
    else:
        cluster.drop_database(workdb)
        cluster.create_database(workdb, template=source_template)
    result = ProofResult()
    try:
        forward = run_stage(
            cluster, workdb, "migration", migration, target, read_options, diff_options, keep_rows
        )
        result.stages.append(forward)
        if forward.ok:
            back = run_stage(cluster, workdb, "rollback", rollback, source, read_options, diff_options)
            result.stages.append(back)
        result.rows_checked = len(keep_rows or ())
    finally:
        if not in_place:
            cluster.drop_database(workdb)
    return result
