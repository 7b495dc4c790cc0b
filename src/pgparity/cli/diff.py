"""pgparity diff SOURCE TARGET"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from pgparity.cli.common import load_pair, table_sizes
from pgparity.cli.options import build_diff_options, build_source_options, diff_options, source_options
from pgparity.cli.output import write_output
from pgparity.plan import build_plan, render_script
from pgparity.plan.planner import paused_gc
from pgparity.report.diffreport import DiffReport, TableSize, render_json, render_markdown, render_text


@click.command("diff")
@click.argument("source")
@click.argument("target")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json", "sql"]),
    default="text",
    show_default=True,
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here instead of stdout."
)
@diff_options
@source_options
def diff_command(source: str, target: str, fmt: str, output: Path | None, **kwargs: Any) -> None:
    """What must change to turn SOURCE into TARGET.

    Exit status: 0 identical, 1 different, 2 bad input.
    """
    d_opts, p_opts = build_diff_options(kwargs)
    s_opts = build_source_options(kwargs)
    src, dst = load_pair(source, target, s_opts)
    with sizes_aside(source) as sizes, paused_gc():
        changes, plan = build_plan(src, dst, d_opts, p_opts)
        report = DiffReport(source, target, changes, plan, sizes=sizes.result())
        if fmt == "sql":
            title = f"pgparity migration: {source} -> {target}"
            text = render_script(plan, p_opts, title=title) if changes else ""
        else:
            text = {"text": render_text, "markdown": render_markdown, "json": render_json}[fmt](report)
        write_output(text, output)
    if changes:
        raise click.exceptions.Exit(1)


@contextmanager
def sizes_aside(source: str) -> Iterator[Future[dict[str, TableSize]]]:
    """SOURCE's table sizes, read on another thread while the plan is made: the server spends
    a good part of a second on them for a large schema."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        yield pool.submit(table_sizes, source)
