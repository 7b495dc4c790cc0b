"""pgparity demo: production vs staging of a Supabase VoIP app, on throwaway clusters.

Production has `lerg_codes` (440 area codes), staging `enhanced_lerg` with checks and indexes;
production's `profiles` lacks the billing columns and constraints, has duplicate RLS policies
and two triggers on auth.users doing the same job; staging has `active_sessions`, an
email-sync trigger and SECURITY DEFINER functions with a fixed search_path. The demo prints the
diff, writes the plan and proves it (with production's rows seeded into the copy).
"""

from __future__ import annotations

import tempfile
from importlib import resources
from pathlib import Path

import click

from pgparity.cli.common import PairReading
from pgparity.cli.plan import write_plan
from pgparity.diff import DiffOptions
from pgparity.plan import PlanOptions, build_plan
from pgparity.report.diffreport import DiffReport, render_text
from pgparity.sources import SourceOptions

EXAMPLES = ("production.sql", "production_seed.sql", "staging.sql")


def _copy_examples(folder: Path) -> None:
    for name in EXAMPLES:
        text = resources.files("pgparity.examples").joinpath(name).read_text(encoding="utf-8")
        (folder / name).write_text(text, encoding="utf-8")


@click.command("demo")
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("demo-plan"),
    show_default=True,
    help="Where to write the plan.",
)
def demo_command(out_dir: Path) -> None:
    """Diff a drifted production against staging, write the plan, prove it."""
    options = SourceOptions(supabase=True)
    with tempfile.TemporaryDirectory(prefix="pgparity-demo-") as tmp:
        folder = Path(tmp)
        _copy_examples(folder)
        production, staging = str(folder / "production.sql"), str(folder / "staging.sql")
        click.echo(
            "pgparity demo: production and staging of a Supabase VoIP app, each in a throwaway cluster\n"
        )
        with PairReading(production, staging, options) as reading:
            src, dst = reading.result()
            changes, plan = build_plan(src, dst, DiffOptions(), PlanOptions())
            click.echo(render_text(DiffReport("production", "staging", changes, plan)))
            click.echo(
                f"Planning production -> staging into {out_dir}/ and proving it on a seeded copy of production..."
            )
            outcome = write_plan(
                reading,
                production,
                staging,
                out_dir,
                True,
                folder / "production_seed.sql",
                DiffOptions(),
                PlanOptions(),
                options,
            )
    verdict = "PROVEN" if outcome is not None and outcome.ok else "NOT PROVEN"
    click.echo(f"\n{verdict}. Read {out_dir}/plan.md, then {out_dir}/migration.sql.")
    if outcome is not None and not outcome.ok:
        raise click.exceptions.Exit(3)
