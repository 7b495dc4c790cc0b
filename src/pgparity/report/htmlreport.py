"""The diff/plan report as one self-contained HTML page (``diff --format html``, ``plan.html``).

The page is built from the same report model as the text, markdown and JSON forms: this module
turns it into plain view data, and a jinja2 template (``templates/report.html.j2``, autoescaped:
object names, SQL and expressions are the user's text) lays it out. No timestamps, no scripts
and no external assets, so the same report is byte-identical and opens anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from pgparity.diff.changes import Change
from pgparity.diff.hazards import DESCRIPTIONS
from pgparity.plan.secrets import plan_secrets
from pgparity.plan.steps import Plan, Step
from pgparity.report.describe import describe_field
from pgparity.report.diffreport import DiffReport, grouped_changes, hazard_rows, object_label, summary_counts

if TYPE_CHECKING:
    import jinja2

_SIGN = {"create": "+", "drop": "-", "alter": "~", "rename": ">"}


@dataclass(frozen=True)
class ProofView:
    """What the page says about the proof: its verdict (None: not run) and summary."""

    ok: bool | None
    summary: str
    skipped: bool = False


@cache
def _template() -> jinja2.Template:
    import jinja2  # only a command that writes HTML pays for loading it

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("pgparity.report", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,  # a misspelt field is an error, not an empty cell
    )
    return env.get_template("report.html.j2")


# The template's rows: named tuples, whose fields jinja2 reads as attributes directly (on a dict
# it tries the attribute first and catches the failure: most of a large page's time).
class LineView(NamedTuple):
    text: str
    css: str  # the class that colours a unified diff's line ("" for none)


class ChangeView(NamedTuple):
    sign: str
    action: str
    label: str
    details: list[LineView]


class KindView(NamedTuple):
    kind: str
    changes: list[ChangeView]


class SchemaView(NamedTuple):
    schema: str
    kinds: list[KindView]


class StepView(NamedTuple):
    number: int
    action: str
    object: str
    hazards: list[str]
    transactional: bool
    irreversible: str | None
    reason: str
    sql: str
    reverse_sql: str


class HazardView(NamedTuple):
    hazard: str
    step: int
    object: str
    size: str
    meaning: str


class SecretView(NamedTuple):
    file: str
    variable: str
    step: int
    object: str


def _detail_line(line: str) -> LineView:
    """A line of a change's description, with the class that colours a unified diff's lines."""
    body = line.lstrip()
    if body.startswith(("+++", "---")):
        css = "meta"
    elif body.startswith("@@"):
        css = "hunk"
    elif body.startswith("+"):
        css = "added"
    elif body.startswith("-"):
        css = "removed"
    else:
        css = ""
    return LineView(line, css)


def _change_view(ch: Change) -> ChangeView:
    details = [_detail_line(d) for fd in ch.fields for d in describe_field(fd)]
    return ChangeView(_SIGN[ch.action.value], ch.action.value, object_label(ch), details)


def _changes_view(report: DiffReport) -> list[SchemaView]:
    return [
        SchemaView(
            schema,
            [KindView(kind, [_change_view(ch) for ch in changes]) for kind, changes in sorted(kinds.items())],
        )
        for schema, kinds in sorted(grouped_changes(report.changes).items())
    ]


def _step_view(number: int, step: Step) -> StepView:
    return StepView(
        number,
        step.action.value,
        str(step.key),
        [h.value for h in step.hazards],
        step.transactional,
        step.irreversible,
        step.reason,
        "\n".join(f"{s};" for s in step.sql),
        "\n".join(f"{s};" for s in step.reverse_sql),
    )


def _steps_view(plan: Plan | None) -> list[StepView] | None:
    return None if plan is None else [_step_view(n, s) for n, s in enumerate(plan.steps, 1)]


def _secrets_view(plan: Plan, rollback: Plan | None) -> list[SecretView]:
    """The psql variables the scripts take secret values from (see plan.md's section)."""
    rows = [("migration.sql", s) for s in plan_secrets(plan)]
    rows += [("rollback.sql", s) for s in plan_secrets(rollback)] if rollback is not None else []
    return [SecretView(file, variable, number, str(step.key)) for file, (variable, number, step) in rows]


def render_html(report: DiffReport, rollback: Plan | None = None, proof: ProofView | None = None) -> str:
    """The report page; with ``rollback`` (a plan's page) its rollback steps too."""
    hazards = [
        HazardView(h.value, n, str(s.key), size, DESCRIPTIONS[h]) for n, s, h, size in hazard_rows(report)
    ]
    if proof is None and report.proof is not None:
        proof = ProofView(None, report.proof)
    return _template().render(
        title="Migration plan" if rollback is not None else "Schema diff",
        source=report.source,
        target=report.target,
        identical=report.identical,
        counts=summary_counts(report.changes),
        hazards=hazards,
        schemas=_changes_view(report),
        steps=_steps_view(report.plan),
        rollback=_steps_view(rollback),
        secrets=_secrets_view(report.plan, rollback),
        warnings=list(report.plan.warnings),
        proof=proof,
    )
