"""The diff/plan report: one model, rendered as text, markdown or JSON (HTML: htmlreport.py)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from pgparity.diff.changes import Action, Change
from pgparity.diff.hazards import DESCRIPTIONS, Hazard
from pgparity.diff.renames import suggested_renames
from pgparity.model.serialize import to_jsonable
from pgparity.plan.secrets import secrets_json
from pgparity.plan.steps import Plan, Step
from pgparity.report.describe import describe_field
from pgparity.report.jsontext import dumps, same_in_orjson

REPORT_FORMAT_VERSION = 1
_SIGN = {Action.CREATE: "+", Action.DROP: "-", Action.ALTER: "~", Action.RENAME: ">"}


@dataclass(frozen=True)
class TableSize:
    """Catalog estimates for a live SOURCE's table: they grade a hazard's weight."""

    rows: int
    bytes: int

    @property
    def grade(self) -> str:
        """Rewriting or locking an empty table is nothing; a large one is an outage risk."""
        if self.rows == 0 and self.bytes < 1 << 20:
            return "empty"
        if self.rows < 1_000_000 and self.bytes < 1 << 30:
            return "small"
        return "large" if self.bytes < 50 << 30 else "very large"

    def text(self) -> str:
        size = float(self.bytes)
        for unit in ("B", "kB", "MB", "GB", "TB"):
            if size < 1024 or unit == "TB":
                return f"{self.grade}: ~{self.rows:,} rows, {size:.0f} {unit}"
            size /= 1024
        return self.grade


@dataclass
class DiffReport:
    source: str
    target: str
    changes: list[Change]
    plan: Plan
    sizes: dict[str, TableSize] = field(default_factory=dict)  # "schema.table" -> size (live SOURCE only)
    proof: str | None = None

    @property
    def identical(self) -> bool:
        return not self.changes


def _table_of_step(step: Step) -> str | None:
    key = step.key
    if key.schema is None:
        return None
    return f"{key.schema}.{key.table or key.name}"


def hazard_tables(plan: Plan) -> list[tuple[str, str]]:
    """(schema, table) of every step with hazards: the tables whose sizes grade them."""
    found: set[tuple[str, str]] = set()
    for step in plan.steps:
        if step.hazards and step.key.schema is not None:
            found.add((step.key.schema, step.key.table or step.key.name))
    return sorted(found)


def hazard_rows(report: DiffReport) -> list[tuple[int, Step, Hazard, str]]:
    """(step number, step, hazard, size note) for every hazard, most severe first."""
    rows = []
    for number, step in enumerate(report.plan.steps, 1):
        table = _table_of_step(step)
        size = report.sizes.get(table) if table else None
        for hazard in step.hazards:
            rows.append((number, step, hazard, size.text() if size else ""))
    order = list(Hazard)
    rows.sort(key=lambda r: (order.index(r[2]), r[0]))
    return rows


def grouped_changes(changes: list[Change]) -> dict[str, dict[str, list[Change]]]:
    groups: dict[str, dict[str, list[Change]]] = defaultdict(lambda: defaultdict(list))
    for ch in changes:
        groups[ch.key.schema or "(database)"][ch.key.kind.value].append(ch)
    return groups


def object_label(ch: Change) -> str:
    key = ch.key
    name = f"{key.table}.{key.name}" if key.table else key.name
    return f"{name}({key.args})" if key.args is not None else name


def render_text(report: DiffReport) -> str:
    if report.identical:
        return f"No differences: {report.source} and {report.target} have the same schema.\n"
    lines = [f"Changes to turn {report.source} into {report.target}:", ""]
    hazards = hazard_rows(report)
    if hazards:
        lines.append("Hazards")
        for number, step, hazard, size in hazards:
            note = f" ({size})" if size else ""
            lines.append(
                f"  {hazard.value.upper():22} step {number}: {step.action.value} {step.key}{note} - {DESCRIPTIONS[hazard]}"
            )
        lines.append("")
    for schema, kinds in sorted(grouped_changes(report.changes).items()):
        lines.append(f"schema {schema}")
        for kind, changes in sorted(kinds.items()):
            lines.append(f"  {kind}")
            for ch in changes:
                lines.append(f"    {_SIGN[ch.action]} {object_label(ch)}")
                for fd in ch.fields:
                    lines.extend(f"        {line}" for line in describe_field(fd))
        lines.append("")
    lines.append(f"{summary_line(report.changes)}; {len(report.plan.steps)} steps.")
    for warning in report.plan.warnings:
        lines.append(f"warning: {warning}")
    lines += [f"hint: {hint}" for hint in rename_hints(report)]
    if report.proof:
        lines.append(f"proof: {report.proof}")
    return "\n".join(lines) + "\n"


def render_markdown(report: DiffReport) -> str:
    if report.identical:
        return f"# Schema diff\n\nNo differences: `{report.source}` and `{report.target}` have the same schema.\n"
    lines = ["# Schema diff", "", f"From `{report.source}` to `{report.target}`.", ""]
    hazards = hazard_rows(report)
    if hazards:
        lines += ["## Hazards", "", "| hazard | step | object | size | meaning |", "|---|---|---|---|---|"]
        for number, step, hazard, size in hazards:
            lines.append(f"| {hazard.value} | {number} | `{step.key}` | {size} | {DESCRIPTIONS[hazard]} |")
        lines.append("")
    lines += ["## Changes", ""]
    for schema, kinds in sorted(grouped_changes(report.changes).items()):
        lines += [f"### {schema}", ""]
        for kind, changes in sorted(kinds.items()):
            lines.append(f"**{kind}**")
            lines.append("")
            for ch in changes:
                lines.append(f"- {_SIGN[ch.action]} `{object_label(ch)}` ({ch.action.value})")
                details = [line for fd in ch.fields for line in describe_field(fd)]
                if details:
                    lines.append("")
                    lines.append("  ```")
                    lines.extend(f"  {d}" for d in details)
                    lines.append("  ```")
            lines.append("")
    hints = rename_hints(report)
    if hints:
        lines += ["## Possible renames", ""] + [f"- {hint}" for hint in hints] + [""]
    if report.proof:
        lines += ["## Proof", "", report.proof, ""]
    return "\n".join(lines)


def rename_hints(report: DiffReport) -> list[str]:
    """A line for each column that looks renamed but is planned as dropped and added."""
    return [
        f"{r.schema}.{r.table}.{r.old} may have been renamed to {r.new}: dropping and adding it loses "
        f"its data; --rename-column {r.schema}.{r.table}.{r.old}={r.new} renames it instead"
        for r in suggested_renames(report.changes)
    ]


def summary_line(changes: list[Change]) -> str:
    """ "2 to create, 1 to alter, 0 to drop" (and "1 to rename" when any is)."""
    counts = summary_counts(changes)
    line = f"{counts['create']} to create, {counts['alter']} to alter, {counts['drop']} to drop"
    return line + (f", {counts['rename']} to rename" if counts["rename"] else "")


def summary_counts(changes: list[Change]) -> dict[str, int]:
    counts = {a.value: 0 for a in Action}
    for ch in changes:
        counts[ch.action.value] += 1
    return counts


def step_json(number: int, step: Step) -> dict[str, Any]:
    return {
        "number": number,
        "object": str(step.key),
        "action": step.action.value,
        "sql": list(step.sql),
        "reverse_sql": list(step.reverse_sql),
        "irreversible": step.irreversible,
        "hazards": [h.value for h in step.hazards],
        "transactional": step.transactional,
        "reason": step.reason or None,
    }


def report_data(report: DiffReport) -> dict[str, Any]:
    """The JSON report as plain data (``render_json`` writes it)."""
    return {
        "format": "pgparity.diff",
        "format_version": REPORT_FORMAT_VERSION,
        "source": report.source,
        "target": report.target,
        "identical": report.identical,
        "summary": summary_counts(report.changes),
        "hazards": [
            {
                "hazard": h.value,
                "step": n,
                "object": str(s.key),
                "size": size or None,
                "grade": size.split(":", 1)[0] if size else None,
                "description": DESCRIPTIONS[h],
            }
            for n, s, h, size in hazard_rows(report)
        ],
        "changes": [
            {
                "action": ch.action.value,
                "object": str(ch.key),
                "kind": ch.key.kind.value,
                "schema": ch.key.schema,
                "name": ch.key.name,
                "table": ch.key.table,
                "args": ch.key.args,
                "fields": [
                    {"path": f.path, "before": to_jsonable(f.before), "after": to_jsonable(f.after)}
                    for f in ch.fields
                ],
            }
            for ch in report.changes
        ],
        "steps": [step_json(n, s) for n, s in enumerate(report.plan.steps, 1)],
        "secrets": secrets_json(report.plan),  # psql variables the SQL takes secret values from
        "warnings": list(report.plan.warnings),
        "proof": report.proof,
    }


def dump_report(data: dict[str, Any]) -> str:
    """``report_data`` (plus what a caller adds made of strings, numbers and steps) as JSON text."""
    # Only the changed fields' values may hold floats; everything else is text, integers, flags.
    fields = (f for ch in data["changes"] for f in ch["fields"])
    return dumps(data, floats_checked=all(same_in_orjson((f["before"], f["after"])) for f in fields))


def render_json(report: DiffReport) -> str:
    return dump_report(report_data(report))
