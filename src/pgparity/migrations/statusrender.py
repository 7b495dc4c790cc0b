"""The status ledger as a text table or JSON (deterministic: same ledger, same bytes)."""

from __future__ import annotations

import json
from typing import Any

from pgparity.migrations.status import StatusReport

ABSENT = "-"  # no file and no record in that environment


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return [
        "  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip() for r in [header, *rows]
    ]


def render_text(report: StatusReport) -> str:
    header = ["version", "name", "folder", *report.environments]
    rows = [
        [
            row.version,
            row.name or "",
            "yes" if row.in_folder else "no",
            *(row.states[e].value if e in row.states else ABSENT for e in report.environments),
        ]
        for row in report.rows
    ]
    lines = _table(header, rows) if rows else ["no migrations in the folder or in any environment"]
    lines.append("")
    for env in report.environments:
        lines.append(f"{env}: history from {report.histories.get(env) or '(none)'}")
    if report.renamed:
        lines += ["", "same SQL recorded under another version:"]
        lines += [
            f"  {r.environment}: {r.file} (version {r.version}) was applied as version {r.recorded_version}"
            for r in report.renamed
        ]
    if report.notes:
        lines += ["", "notes:", *(f"  {n}" for n in report.notes)]
    lines += ["", "in parity" if report.in_parity else "not in parity"]
    return "\n".join(lines) + "\n"


def status_json(report: StatusReport) -> dict[str, Any]:
    return {
        "migrations": [
            {
                "version": row.version,
                "name": row.name,
                "in_folder": row.in_folder,
                "environments": {e: row.states[e].value for e in report.environments if e in row.states},
            }
            for row in report.rows
        ],
        "history_tables": {e: report.histories.get(e) for e in report.environments},
        "renamed": [
            {
                "environment": r.environment,
                "file": r.file,
                "version": r.version,
                "recorded_version": r.recorded_version,
            }
            for r in report.renamed
        ],
        "notes": list(report.notes),
        "in_parity": report.in_parity,
    }


def render_json(report: StatusReport) -> str:
    return json.dumps(status_json(report), indent=2, ensure_ascii=False) + "\n"
