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
    from pgparity.model.snapshot import Snapshot
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
