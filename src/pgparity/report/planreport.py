"""plan.md: what the plan does, its hazards, and what was proven."""

from __future__ import annotations

from typing import Protocol

from pgparity.diff.hazards import DESCRIPTIONS
from pgparity.plan.secrets import plan_secrets
from pgparity.plan.steps import Plan
from pgparity.report.diffreport import DiffReport, hazard_rows


class ProofSummary(Protocol):
    @property
    def ok(self) -> bool: ...

    @property
    def summary(self) -> str: ...


def _proof_section(proof: ProofSummary | None, skipped: bool) -> list[str]:
    lines = ["## Proof", ""]
    if skipped:
        lines.append("Not proven: planned with `--no-proof`.")
    elif proof is None:
        lines.append("Nothing to prove: the schemas are identical.")
    else:
        verdict = "PROVEN" if proof.ok else "FAILED"
        lines.append(
            f"**{verdict}.** SOURCE was rebuilt in a throwaway cluster; migration.sql was applied, the schema "
            "re-read and compared with TARGET; then rollback.sql was applied and the schema compared with SOURCE."
        )
        lines += ["", proof.summary]
    return lines + [""]


def _secrets_section(plan: Plan, rollback: Plan) -> list[str]:
    """What the user must supply: the psql variables the scripts take secret values from."""
    rows = [("migration.sql", s) for s in plan_secrets(plan)]
    rows += [("rollback.sql", s) for s in plan_secrets(rollback)]
    if not rows:
        return []
    lines = [
        "## Secrets to supply",
        "",
        "Snapshots never hold secret option values (passwords, tokens, keys), so these statements "
        "take them from psql variables. Put a line `\\set NAME 'value'` for each in a file and run "
        "it first: `psql -v ON_ERROR_STOP=1 -f secrets.psql -f migration.sql` (rollback.sql likewise; "
        "or pass `-v NAME=value`). "
        "Each is the value the database the script runs on must hold. Without them the script "
        "stops at its first statement, before it changes anything.",
        "",
        "| file | variable | step | object |",
        "|---|---|---|---|",
    ]
    lines += [f"| {file} | `{v}` | {n} | `{s.key}` |" for file, (v, n, s) in rows]
    return lines + [""]


def render_plan_markdown(
    report: DiffReport, rollback: Plan, proof: ProofSummary | None, skipped: bool
) -> str:
    plan = report.plan
    lines = [
        "# Migration plan",
        "",
        f"From `{report.source}` to `{report.target}`: {len(plan.steps)} steps "
        f"(rollback: {len(rollback.steps)} steps).",
        "",
    ]
    hazards = hazard_rows(report)
    lines += ["## Hazards", ""]
    if hazards:
        lines += ["| hazard | step | object | size | meaning |", "|---|---|---|---|---|"]
        lines += [
            f"| {h.value} | {n} | `{s.key}` | {size} | {DESCRIPTIONS[h]} |" for n, s, h, size in hazards
        ]
    else:
        lines.append("None.")
    lines += [""] + _secrets_section(plan, rollback)
    lines += _proof_section(proof, skipped) + ["## Steps", ""]
    for number, step in enumerate(plan.steps, 1):
        mode = "" if step.transactional else " (outside a transaction)"
        lines.append(f"### {number}. {step.action.value} `{step.key}`{mode}")
        if step.hazards:
            lines.append("Hazards: " + ", ".join(h.value for h in step.hazards))
        if step.irreversible:
            lines.append(f"Irreversible: {step.irreversible}")
        if step.reason:
            lines.append(f"Why: {step.reason}")
        lines += ["", "```sql", *[f"{s};" for s in step.sql], "```", ""]
    for warning in plan.warnings:
        lines.append(f"> warning: {warning}")
    return "\n".join(lines) + "\n"
