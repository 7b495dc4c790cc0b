"""pgparity plan SOURCE TARGET -o DIR: migration.sql, rollback.sql, plan.json, plan.md, proven."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from pgparity.cli.common import load_pair, table_sizes
from pgparity.cli.options import build_diff_options, build_source_options, diff_options, source_options
from pgparity.cli.proving import ProofOutcome, prove_plan
from pgparity.errors import ProofFailed, UsageError
from pgparity.plan import build_plan, render_script
from pgparity.report.diffreport import DiffReport, render_json
from pgparity.report.planreport import render_plan_markdown


@click.command("plan")
@click.argument("source")
@click.argument("target")
@click.option(
    "-o",
    "--output",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory for the plan files.",
)
@click.option("--no-proof", is_flag=True, help="Skip proving the plan on a throwaway copy.")
@click.option(
    "--seed",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="SQL that puts rows in the proof copy first.",
)
@diff_options
@source_options
def plan_command(
    source: str, target: str, out_dir: Path, no_proof: bool, seed: Path | None, **kwargs: Any
) -> None:
    """Write the migration from SOURCE to TARGET, its rollback, and prove both on a throwaway copy.

    Exit status: 0 planned (and proven), 2 bad input, 3 the proof failed.
    """
    d_opts, p_opts = build_diff_options(kwargs)
    s_opts = build_source_options(kwargs)
    src, dst = load_pair(source, target, s_opts)
    changes, plan = build_plan(src, dst, d_opts, p_opts)
    _, rollback = build_plan(dst, src, d_opts, p_opts)
    migration_sql = render_script(plan, p_opts, title=f"pgparity migration: {source} -> {target}")
    rollback_sql = render_script(rollback, p_opts, title=f"pgparity rollback: {target} -> {source}")
    outcome: ProofOutcome | None = None
    if not no_proof and changes:
        outcome = prove_plan(source, src, dst, plan, migration_sql, rollback_sql, s_opts, d_opts, seed)
    report = DiffReport(
        source, target, changes, plan, sizes=table_sizes(source), proof=outcome.summary if outcome else None
    )
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / "migration.sql").write_text(migration_sql, encoding="utf-8")
        (out_dir / "rollback.sql").write_text(rollback_sql, encoding="utf-8")
        plan_json = json.loads(render_json(report))
        plan_json["rollback_steps"] = len(rollback.steps)
        (out_dir / "plan.json").write_text(
            json.dumps(plan_json, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
        (out_dir / "plan.md").write_text(
            render_plan_markdown(report, rollback, outcome, no_proof), encoding="utf-8"
        )
    except OSError as exc:
        raise UsageError(f"cannot write the plan to {out_dir}: {exc.strerror or exc}") from None
    click.echo(
        f"wrote {out_dir}/migration.sql ({len(plan.steps)} steps), rollback.sql, plan.json, plan.md", err=True
    )
    if outcome is not None:
        click.echo(f"proof: {outcome.summary}", err=True)
        if not outcome.ok:
            raise ProofFailed(f"the plan did not prove out: {outcome.summary}", hint=f"see {out_dir}/plan.md")
