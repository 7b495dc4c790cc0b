"""Steps several commands share: loading two sources, reading table sizes."""

from __future__ import annotations

from pgparity.catalog.stats import read_table_sizes
from pgparity.errors import PgparityError
from pgparity.model.snapshot import Snapshot
from pgparity.report.diffreport import TableSize
from pgparity.sources import SourceOptions, connect, environment_dsn, is_dsn, load_snapshot


def load_pair(source: str, target: str, options: SourceOptions) -> tuple[Snapshot, Snapshot]:
    try:
        src = load_snapshot(source, options)
    except PgparityError as exc:
        raise exc.with_context("SOURCE") from None
    try:
        dst = load_snapshot(target, options)
    except PgparityError as exc:
        raise exc.with_context("TARGET") from None
    return src, dst


def table_sizes(source: str) -> dict[str, TableSize]:
    """Sizes of SOURCE's tables when it is a live database (to grade hazards); else empty."""
    dsn = source if is_dsn(source) else environment_dsn(source)
    if dsn is None:
        return {}
    with connect(dsn) as conn:
        return {
            f"{r.schema}.{r.name}": TableSize(r.estimated_rows, r.total_bytes) for r in read_table_sizes(conn)
        }
