"""pgparity diff SOURCE TARGET"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from pgparity.cli.common import PairReading, plan_with_sizes
from pgparity.cli.lifetime import retain
from pgparity.cli.options import (
    build_source_options,
    diff_options,
    make_diff_options,
    source_options,
    take_diff_options,
)
from pgparity.cli.output import write_output
from pgparity.model.gcpause import gc_paused


@click.command("diff")
@click.argument("source")
@click.argument("target")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json", "sql", "html"]),
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
    diff_values = take_diff_options(kwargs)
    s_opts = build_source_options(kwargs)
    with PairReading(source, target, s_opts) as reading:
        # The diff, plan and report code loads while the servers answer the catalog queries.
        d_opts, p_opts = make_diff_options(diff_values)
        from pgparity.plan import render_script
        from pgparity.report.diffreport import (
            DiffReport,
            render_json,
            render_markdown,
            render_text,
        )

        src, dst = reading.result()
    with gc_paused():
        changes, plan, sizes = plan_with_sizes(source, src, dst, d_opts, p_opts)
        report = DiffReport(source, target, changes, plan, sizes=sizes)
        if fmt == "sql":
            title = f"pgparity migration: {source} -> {target}"
            text = render_script(plan, p_opts, title=title) if changes else ""
        elif fmt == "html":
            from pgparity.report.htmlreport import render_html

            text = render_html(report)
        else:
            text = {"text": render_text, "markdown": render_markdown, "json": render_json}[fmt](report)
        write_output(text, output, colour=fmt == "text")
        retain(src, dst, changes, plan, report, text)  # freed by the process's end (lifetime.py)
    if changes:
        raise click.exceptions.Exit(1)
