"""Prove a plan: rebuild SOURCE in a throwaway cluster, seed it, apply migration and rollback."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from pgparity.catalog import read_snapshot
from pgparity.cluster import Cluster, find_binaries
from pgparity.cluster.execute import run_sql_text
from pgparity.cluster.extensions import prepare_binaries
from pgparity.diff import DiffOptions, Hazard, diff_snapshots
from pgparity.model.keys import ObjectKind
from pgparity.model.snapshot import Snapshot
from pgparity.plan.proof import ProofResult, prove
from pgparity.plan.steps import Plan
from pgparity.sources import SourceOptions, materialize, read_options_for
from pgparity.sqltext.quote import qualified

SOURCE_DB = "pgparity_source"


@dataclass
class ProofOutcome:
    result: ProofResult
    rebuild_differences: int  # how far the rebuilt SOURCE is from the SOURCE snapshot
    seeded: bool

    @property
    def ok(self) -> bool:
        return self.result.ok

    @property
    def summary(self) -> str:
        text = self.result.summary()
        if self.seeded:
            text += f"; rows checked in {self.result.rows_checked} table(s) without a DATA_LOSS step"
        if self.rebuild_differences:
            text += f"; note: the rebuilt SOURCE differed from SOURCE in {self.rebuild_differences} object(s)"
        return text


def protected_tables(plan: Plan, source: Snapshot) -> set[str]:
    """Tables whose rows must survive: every table with no DATA_LOSS step on it or its columns."""
    lossy = {
        (s.key.schema, s.key.table or s.key.name)
        for s in plan.steps
        if Hazard.DATA_LOSS in s.hazards
        and s.key.kind in (ObjectKind.TABLE, ObjectKind.COLUMN, ObjectKind.ENUM)
    }
    if any(Hazard.DATA_LOSS in s.hazards and s.key.kind is ObjectKind.ENUM for s in plan.steps):
        return set()  # a removed enum label can touch any table using the type
    return {qualified(t.schema, t.name) for t in source.tables if (t.schema, t.name) not in lossy}


def prove_plan(
    source: str,
    src: Snapshot,
    dst: Snapshot,
    plan: Plan,
    migration_sql: str,
    rollback_sql: str,
    options: SourceOptions,
    diff_options: DiffOptions,
    seed: Path | None,
) -> ProofOutcome:
    # The private server tree carries the extension stand-ins Supabase folders need.
    with Cluster(prepare_binaries(find_binaries(options.pg_bin, options.pg_version))) as cluster:
        supabase = materialize(source, src, cluster, SOURCE_DB, options, roles=diff_options.compare_roles)
        read_options = read_options_for(options, supabase)
        with cluster.connect(SOURCE_DB) as conn:
            if seed is not None:
                run_sql_text(conn, seed.read_text(encoding="utf-8"), str(seed))
            rebuilt = read_snapshot(conn, read_options)
        as_read = dataclasses.replace(diff_options, renames=())  # renames are the plan's to make
        rebuild_differences = len(diff_snapshots(rebuilt, src, as_read))
        cluster.mark_template(SOURCE_DB)
        keep = protected_tables(plan, src) if seed is not None else None
        result = prove(
            cluster,
            SOURCE_DB,
            migration_sql,
            rollback_sql,
            rebuilt,
            dst,
            read_options,
            diff_options,
            keep_rows=keep,
        )
    return ProofOutcome(result, rebuild_differences, seed is not None)
