"""Steps several commands share: loading two sources, reading table sizes."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from pgparity.catalog.stats import read_table_sizes
from pgparity.errors import PgparityError
from pgparity.model.snapshot import Snapshot
from pgparity.report.diffreport import TableSize
from pgparity.sources import SourceOptions, connect, environment_dsn, is_dsn, load_snapshot


def _load(label: str, source: str, options: SourceOptions) -> Snapshot:
    try:
        return load_snapshot(source, options)
    except PgparityError as exc:
        raise exc.with_context(label) from None


def load_pair(source: str, target: str, options: SourceOptions) -> tuple[Snapshot, Snapshot]:
    """Both snapshots, read concurrently: each read mostly waits on its server."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        src = pool.submit(_load, "SOURCE", source, options)
        dst = pool.submit(_load, "TARGET", target, options)
        return src.result(), dst.result()


def table_sizes(source: str, tables: Sequence[tuple[str, str]]) -> dict[str, TableSize]:
    """Sizes of SOURCE's (schema, name) ``tables`` when it is a live database (to grade
    hazards); else empty."""
    dsn = source if is_dsn(source) else environment_dsn(source)
    if dsn is None or not tables:
        return {}
    with connect(dsn) as conn:
        return {
            f"{r.schema}.{r.name}": TableSize(r.estimated_rows, r.total_bytes)
            for r in read_table_sizes(conn, tables)
        }
