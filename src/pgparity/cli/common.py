"""Steps several commands share: loading two sources, reading table sizes."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType
from typing import TYPE_CHECKING

from pgparity.catalog.stats import read_table_sizes
from pgparity.errors import PgparityError
from pgparity.sources import SourceOptions, connect, environment_dsn, is_dsn, load_snapshot

if TYPE_CHECKING:
    from pgparity.diff import DiffOptions
    from pgparity.diff.changes import Change
    from pgparity.model.snapshot import Snapshot
    from pgparity.plan import PlanOptions
    from pgparity.plan.steps import Plan
    from pgparity.report.diffreport import TableSize


def _load(label: str, source: str, options: SourceOptions) -> Snapshot:
    try:
        return load_snapshot(source, options)
    except PgparityError as exc:
        raise exc.with_context(label) from None


class PairReading:
    """SOURCE and TARGET read concurrently, each in its own thread (each read mostly waits on its
    server). Use as a context manager: whatever the command imports or prepares inside the block
    overlaps the reads (the diff and plan code load while the servers answer the catalog
    queries); ``result()`` waits for both. Leaving the block waits for both reads too."""

    def __init__(self, source: str, target: str, options: SourceOptions) -> None:
        self._pool = ThreadPoolExecutor(max_workers=2)
        self._reads: tuple[Future[Snapshot], Future[Snapshot]] = (
            self._pool.submit(_load, "SOURCE", source, options),
            self._pool.submit(_load, "TARGET", target, options),
        )

    def __enter__(self) -> PairReading:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._pool.shutdown()

    def result(self) -> tuple[Snapshot, Snapshot]:
        source, target = self._reads
        return source.result(), target.result()


def load_pair(source: str, target: str, options: SourceOptions) -> tuple[Snapshot, Snapshot]:
    """Both snapshots, read concurrently."""
    with PairReading(source, target, options) as reading:
        return reading.result()


def table_sizes(source: str, tables: Sequence[tuple[str, str]]) -> dict[str, TableSize]:
    """Sizes of SOURCE's (schema, name) ``tables`` when it is a live database (to grade
    hazards); else empty."""
    dsn = source if is_dsn(source) else environment_dsn(source)
    if dsn is None or not tables:
        return {}
    from pgparity.report.diffreport import TableSize

    with connect(dsn) as conn:
        return {
            f"{r.schema}.{r.name}": TableSize(r.estimated_rows, r.total_bytes)
            for r in read_table_sizes(conn, tables)
        }


def changed_tables(changes: Sequence[Change]) -> list[tuple[str, str]]:
    """(schema, table) of every change, as ``hazard_tables`` names a step's table: the tables
    a plan's hazards can name, but for the dependants it recreates."""
    return sorted(
        {(ch.key.schema, ch.key.table or ch.key.name) for ch in changes if ch.key.schema is not None}
    )


def plan_with_sizes(
    source: str, src: Snapshot, dst: Snapshot, d_opts: DiffOptions, p_opts: PlanOptions
) -> tuple[list[Change], Plan, dict[str, TableSize]]:
    """``build_plan``, and the sizes of the SOURCE tables its hazards name (a live SOURCE).

    The sizes of the changed tables are asked for as soon as the diff is known, on another
    thread: the server answers while this process plans (asked after, they were a tenth of a
    large plan's time after the reads). The rare hazard table no change names (a recreated
    dependant's) is asked for afterwards.
    """
    from pgparity.diff.engine import diff_snapshots
    from pgparity.plan import plan_changes
    from pgparity.report.diffreport import hazard_tables

    changes = diff_snapshots(src, dst, d_opts)
    asked = changed_tables(changes)
    with ThreadPoolExecutor(max_workers=1) as pool:
        ahead = pool.submit(table_sizes, source, asked)
        plan = plan_changes(changes, src, dst, p_opts)
        needed = hazard_tables(plan)
        sizes = ahead.result()
    missing = sorted(set(needed) - set(asked))
    if missing:
        sizes |= table_sizes(source, missing)
    wanted = {f"{schema}.{name}" for schema, name in needed}
    return changes, plan, {name: size for name, size in sizes.items() if name in wanted}
