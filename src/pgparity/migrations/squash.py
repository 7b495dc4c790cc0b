"""Squash the migrations up to a version into one file equal in effect, and prove it.

The schema part comes from the diff engine: an empty (Supabase-shimmed) database against the
database after the files through VERSION, planned and rendered like any migration. Snapshots
cannot hold rows or roles, so those statements are carried over from the files (``carry``).
The proof: the squashed file followed by the remaining files, in a fresh cluster, must give the
same schema (and the same row counts) as the whole folder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import psycopg

from pgparity.catalog import ReadOptions, read_snapshot
from pgparity.cluster import Cluster, PgBinaries
from pgparity.diff import diff_snapshots
from pgparity.diff.changes import Change
from pgparity.errors import SqlError, UsageError
from pgparity.migrations.carry import CarryPlan, plan_carry
from pgparity.migrations.formats import FileKind, FolderFormat, MigrationFile, MigrationFolder
from pgparity.migrations.history import version_key
from pgparity.migrations.replay import apply_file, clone_database, run_script, shimmed_database
from pgparity.migrations.touches import FileEffects, touches_of
from pgparity.model.snapshot import Snapshot
from pgparity.plan import PlanOptions, build_plan, render_script
from pgparity.plan.proof import row_counts

BASE_DB = "pgparity_empty"
FOLDER_DB = "pgparity_folder"
SQUASHED_DB = "pgparity_squashed"


@dataclass(frozen=True)
class SquashInput:
    folder: MigrationFolder
    squashed: tuple[MigrationFile, ...]  # the files through VERSION
    remaining: tuple[MigrationFile, ...]  # later versioned files, then repeatables
    supabase: bool
    read_options: ReadOptions
    binaries: PgBinaries
    label: str = "squashed.sql"  # how errors in the squashed file name it


@dataclass
class Verification:
    ok: bool
    summary: str
    differences: list[Change] = field(default_factory=list)
    row_differences: dict[str, tuple[int | None, int | None]] = field(default_factory=dict)


@dataclass
class Squash:
    input: SquashInput
    body: str  # the squashed migration without its header
    carry: CarryPlan
    effects: list[FileEffects]
    schema_steps: int
    verification: Verification | None = None


def select_files(
    folder: MigrationFolder, through: str
) -> tuple[tuple[MigrationFile, ...], tuple[MigrationFile, ...]]:
    """(files up to and including version ``through``, the files after them)."""
    versioned = folder.versioned()
    target = version_key(through)
    if not any(version_key(f.version) == target for f in versioned):
        nearby = ", ".join(f.version for f in versioned[-5:])
        raise UsageError(
            f"--through {through}: no migration with that version in {folder.root}",
            hint=f"give the version of a migration file (the latest are: {nearby})",
        )
    squashed = tuple(f for f in versioned if version_key(f.version) <= target)
    later = tuple(f for f in versioned if version_key(f.version) > target)
    repeatable = tuple(f for f in folder.files if f.kind is FileKind.REPEATABLE)
    return squashed, later + repeatable


# -- building -------------------------------------------------------------------------------


def _apply_with_effects(
    conn: psycopg.Connection[Any], files: tuple[MigrationFile, ...], start: Snapshot, options: ReadOptions
) -> tuple[Snapshot, list[FileEffects]]:
    """Apply the files one by one, diffing the schema before and after each."""
    effects = []
    before = start
    for file in files:
        apply_file(conn, file)
        after = read_snapshot(conn, options)
        effects.append(FileEffects(file, touches_of(diff_snapshots(before, after))))
        before = after
    return before, effects


def _body(inp: SquashInput, schema_sql: str, carry: CarryPlan) -> str:
    parts = []
    if inp.folder.format is FolderFormat.DBMATE:
        parts.append("-- migrate:up")
    if carry.roles_sql:
        parts.append(carry.roles_sql)
    parts.append(schema_sql.rstrip("\n"))
    if carry.data_sql:
        parts.append(carry.data_sql)
    if carry.opaque:
        lines = ["-- not carried (they may change rows; check their effect by hand):"]
        lines += [f"--   {e.where}: {e.reason.upper()}" for e in carry.opaque]
        parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"


def build_squash(inp: SquashInput, cluster: Cluster) -> tuple[Squash, Snapshot, dict[str, int]]:
    """The squash, plus the folder's own final schema and row counts (for the proof).

    Leaves ``BASE_DB`` (a template) and ``FOLDER_DB`` (the whole folder applied) in ``cluster``.
    """
    carry = plan_carry(list(inp.squashed))  # syntax errors surface before any database work
    shimmed_database(cluster, BASE_DB, inp.supabase)
    with cluster.connect(BASE_DB) as conn:
        empty = read_snapshot(conn, inp.read_options)
    cluster.mark_template(BASE_DB)
    clone_database(cluster, FOLDER_DB, BASE_DB, inp.supabase)
    with cluster.connect(FOLDER_DB) as conn:
        after, effects = _apply_with_effects(conn, inp.squashed, empty, inp.read_options)
        _, plan = build_plan(empty, after, options=PlanOptions())
        last = inp.squashed[-1]
        schema_sql = render_script(plan, PlanOptions(), title=f"schema after {last.label}, built by pgparity")
        for file in inp.remaining:
            apply_file(conn, file)
        final = read_snapshot(conn, inp.read_options)
        rows = row_counts(conn)
    squash = Squash(inp, _body(inp, schema_sql, carry), carry, effects, len(plan.steps))
    return squash, final, rows


def squash_text(inp: SquashInput, body: str, verification: Verification | None) -> str:
    """The file: a header of always the same number of lines (so that errors found while proving
    the file point at its real lines), then the body."""
    files = inp.squashed
    if verification is None:
        state = "-- verification: not run yet"
    elif verification.ok:
        state = f"-- verification: passed: {verification.summary}"
    else:
        summary = " ".join(verification.summary.split())
        state = (
            f"-- VERIFICATION FAILED: this file is NOT equal in effect to the files it replaces: {summary}"
        )
    lines = [
        f"-- pgparity squash: {len(files)} migration(s), {files[0].label} through {files[-1].label}",
        "-- schema from the diff engine (empty database -> state after them), then the roles and data",
        "-- statements those files ran, in order.",
        state,
        "",
    ]
    return "\n".join(lines) + "\n" + body


# -- proving --------------------------------------------------------------------------------


def _row_differences(
    expected: dict[str, int], got: dict[str, int]
) -> dict[str, tuple[int | None, int | None]]:
    return {
        t: (expected.get(t), got.get(t))
        for t in sorted(expected.keys() | got.keys())
        if expected.get(t) != got.get(t)
    }


def verify_squash(
    inp: SquashInput, body: str, expected: Snapshot, expected_rows: dict[str, int], cluster: Cluster
) -> Verification:
    """Run ``body`` then the remaining files into a new database of ``cluster`` and compare.

    ``cluster`` must be one the folder has not run in: migrations that create roles (cluster-wide)
    would otherwise find them already there.
    """
    shimmed_database(cluster, SQUASHED_DB, inp.supabase)
    with cluster.connect(SQUASHED_DB) as conn:
        try:
            run_script(conn, squash_text(inp, body, None), inp.label)
            for file in inp.remaining:
                apply_file(conn, file)
        except SqlError as exc:
            return Verification(False, f"applying the squashed migration and the later files failed: {exc}")
        got = read_snapshot(conn, inp.read_options)
        rows = row_counts(conn)
    differences = diff_snapshots(expected, got)
    row_diffs = _row_differences(expected_rows, rows)
    if not differences and not row_diffs:
        later = len(inp.remaining)
        return Verification(
            True,
            f"the squashed migration followed by the {later} later file(s) gives the folder's schema "
            "and row counts",
        )
    parts = []
    if differences:
        shown = ", ".join(f"{c.action.value} {c.key}" for c in differences[:10])
        parts.append(f"{len(differences)} schema difference(s) from the folder: {shown}")
    if row_diffs:
        shown = ", ".join(f"{t} {a} -> {b}" for t, (a, b) in list(row_diffs.items())[:10])
        parts.append(f"row counts differ in {len(row_diffs)} table(s) (folder -> squashed): {shown}")
    return Verification(False, "; ".join(parts), differences, row_diffs)


def squash_folder(inp: SquashInput) -> Squash:
    """Build the squash in one throwaway cluster and prove it in another."""
    with Cluster(inp.binaries) as cluster:
        squash, final, rows = build_squash(inp, cluster)
    with Cluster(inp.binaries) as cluster:
        squash.verification = verify_squash(inp, squash.body, final, rows, cluster)
    return squash
