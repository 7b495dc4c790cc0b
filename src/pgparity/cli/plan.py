"""pgparity plan SOURCE TARGET -o DIR: migration.sql, rollback.sql, plan.json, plan.md (plan.html), proven."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

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
from pgparity.errors import ProofFailed, UsageError
from pgparity.model.gcpause import gc_paused
from pgparity.sources import SourceOptions

if TYPE_CHECKING:
    # Imported where used, once the reads have started (see write_plan).
    from pgparity.cli.proving import ProofOutcome
    from pgparity.diff import DiffOptions
    from pgparity.plan import PlanOptions
    from pgparity.plan.steps import Plan
    from pgparity.report.diffreport import DiffReport


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
@click.option("--html", is_flag=True, help="Also write plan.html, the report as one page.")
@click.option(
    "--seed",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="SQL that puts rows in the proof copy first.",
)
@diff_options
@source_options
def plan_command(
    source: str, target: str, out_dir: Path, no_proof: bool, html: bool, seed: Path | None, **kwargs: Any
) -> None:
    """Write the migration from SOURCE to TARGET, its rollback, and prove both on a throwaway copy.

    Exit status: 0 planned (and proven), 2 bad input, 3 the proof failed.
    """
    diff_values = take_diff_options(kwargs)
    s_opts = build_source_options(kwargs)
    with PairReading(source, target, s_opts) as reading:
        # The diff and plan code loads while the servers answer the catalog queries.
        d_opts, p_opts = make_diff_options(diff_values)
        outcome = write_plan(
            reading, source, target, out_dir, not no_proof, seed, d_opts, p_opts, s_opts, html
        )
    if outcome is not None and not outcome.ok:
        raise ProofFailed(f"the plan did not prove out: {outcome.summary}", hint=f"see {out_dir}/plan.md")


def write_plan(
    reading: PairReading,
    source: str,
    target: str,
    out_dir: Path,
    proof: bool,
    seed: Path | None,
    d_opts: DiffOptions,
    p_opts: PlanOptions,
    s_opts: SourceOptions,
    html: bool = False,
) -> ProofOutcome | None:
    """Plan SOURCE -> TARGET (being read by ``reading``) into out_dir, and prove it unless told
    not to; the proof outcome."""
    from pgparity.cli.proving import prove_plan
    from pgparity.plan import build_rollback, render_script
    from pgparity.report.diffreport import DiffReport
    from pgparity.report.planreport import render_plan_markdown

    src, dst = reading.result()
    with gc_paused():
        changes, plan, sizes = plan_with_sizes(source, src, dst, d_opts, p_opts)
        rollback = build_rollback(changes, src, dst, d_opts, p_opts)
        migration_sql = render_script(plan, p_opts, title=f"pgparity migration: {source} -> {target}")
        rollback_sql = render_script(rollback, p_opts, title=f"pgparity rollback: {target} -> {source}")
    outcome: ProofOutcome | None = None
    if proof and changes:
        outcome = prove_plan(source, src, dst, plan, migration_sql, rollback_sql, s_opts, d_opts, seed)
    summary = outcome.summary if outcome else None
    with gc_paused():
        report = DiffReport(source, target, changes, plan, sizes=sizes, proof=summary)
        files = {
            "migration.sql": migration_sql,
            "rollback.sql": rollback_sql,
            "plan.json": _plan_json(report, rollback),
            "plan.md": render_plan_markdown(report, rollback, outcome, not proof),
        }
        if html:
            files["plan.html"] = _plan_html(report, rollback, outcome, not proof)
        _write_files(out_dir, files)
        retain(src, dst, changes, plan, rollback, report, files)  # freed by the process's end (lifetime.py)
    click.echo(
        f"wrote {out_dir}/migration.sql ({len(plan.steps)} steps), rollback.sql, plan.json, plan.md"
        + (", plan.html" if html else ""),
        err=True,
    )
    if outcome is not None:
        click.echo(f"proof: {outcome.summary}", err=True)
    return outcome


def _plan_json(report: DiffReport, rollback: Plan) -> str:
    from pgparity.plan.secrets import secrets_json
    from pgparity.report.diffreport import dump_report, report_data, step_json

    data = report_data(report)
    data["rollback_steps"] = [step_json(n, s) for n, s in enumerate(rollback.steps, 1)]
    data["rollback_secrets"] = secrets_json(rollback)
    return dump_report(data)


def _plan_html(report: DiffReport, rollback: Plan, outcome: ProofOutcome | None, skipped: bool) -> str:
    from pgparity.report.htmlreport import ProofView, render_html

    if skipped:
        proof = ProofView(None, "", skipped=True)
    elif outcome is None:
        proof = ProofView(None, "Nothing to prove: the schemas are identical.")
    else:
        proof = ProofView(outcome.ok, outcome.summary)
    return render_html(report, rollback, proof)


def _write_files(out_dir: Path, files: dict[str, str]) -> None:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (out_dir / name).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write the plan to {out_dir}: {exc.strerror or exc}") from None
