"""The verify report: one model (VerifyResult), rendered as text, markdown or JSON.

JSON (``format_version`` 1) is a stable structure for CI::

    {"format": "pgparity.verify", "format_version": 1, "folder": PATH, "format_of": "supabase",
     "standins": ["pg_net"], "fresh_cluster_reason": null,
     "files": [{"file", "version", "status": "applied"|"failed"|"not_run"|"cached",
                "seconds": float|null, "statements": int, "transaction": bool,
                "created"|"altered"|"dropped": [{"type", "identity"}], "notices": [str]}],
     "failure": {"file", "line", "column", "sqlstate", "message", "detail", "hint", "statement"}|null,
     "compare": {"source", "environment_only": [{"kind", "object"}],
                 "pending": [{"kind", "object", "action", "file"?}],
                 "different": [{"kind", "object", "fields"}]}|null}

``seconds`` is null for cached and not-run files; it is the only field that varies between runs.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING, Any

from pgparity.migrations.apply import FileReport, FileStatus
from pgparity.migrations.verify import VerifyResult

if TYPE_CHECKING:
    from pgparity.migrations.compare import CompareItem, CompareResult

FORMAT = "pgparity.verify"
FORMAT_VERSION = 1

_COLUMNS = ("file", "status", "time", "statements", "created", "altered", "dropped")


def _row(report: FileReport) -> tuple[str, ...]:
    seconds = f"{report.seconds:.3f} s" if report.seconds is not None else "-"
    return (
        report.file,
        report.status.value.replace("_", " "),
        seconds,
        str(report.statements),
        str(len(report.created)),
        str(len(report.altered)),
        str(len(report.dropped)),
    )


def summary_line(result: VerifyResult) -> str:
    counts = Counter(r.status for r in result.files)
    applied = counts[FileStatus.APPLIED] + counts[FileStatus.CACHED]
    parts = [f"{applied} of {len(result.files)} files applied"]
    if counts[FileStatus.CACHED]:
        parts.append(f"{counts[FileStatus.CACHED]} from the cache")
    if counts[FileStatus.FAILED]:
        parts.append(f"{counts[FileStatus.FAILED]} failed")
    if counts[FileStatus.NOT_RUN]:
        parts.append(f"{counts[FileStatus.NOT_RUN]} not run")
    return ", ".join(parts)


def _table(rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(_COLUMNS))]
    right = {2, 3, 4, 5, 6}
    lines = []
    for r in rows:
        cells = [
            c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    return lines


def _failure_lines(result: VerifyResult, indent: str = "  ") -> list[str]:
    f = result.failure
    if f is None:
        return []
    code = f" [{f.sqlstate}]" if f.sqlstate else ""
    lines = ["", f"FAILED {f.location}: {f.message}{code}"]
    if f.detail:
        lines.append(f"{indent}detail: {f.detail}")
    if f.hint:
        lines.extend(f"{indent}hint: {h}" for h in f.hint.splitlines())
    if f.statement:
        lines.append(f"{indent}statement:")
        lines.extend(f"{indent}  | {s}" for s in f.statement.splitlines())
    return lines


def _compare_item(item: CompareItem) -> str:
    if item.fields:
        return f"{item.object}: {', '.join(item.fields)}"
    if item.file:
        return f"{item.object} (dropped by {item.file})"
    return item.object


def _compare_sections(compare: CompareResult) -> list[tuple[str, str, tuple[CompareItem, ...]]]:
    return [
        (
            "in the environment only (no migration creates them: recovery needed)",
            "?",
            compare.environment_only,
        ),
        ("pending (the migrations would change the environment)", "", compare.pending),
        ("different in both", "~", compare.different),
    ]


def _sign(item: CompareItem, default: str) -> str:
    return {"create": "+", "drop": "-"}.get(item.action, default)


def _compare_lines(compare: CompareResult | None) -> list[str]:
    if compare is None:
        return []
    if compare.identical:
        return ["", f"compared with {compare.source}: no differences"]
    lines = ["", f"compared with {compare.source}:"]
    for title, sign, items in _compare_sections(compare):
        lines.append(f"  {title}: {len(items)}")
        lines.extend(f"    {_sign(i, sign)} {_compare_item(i)}" for i in items)
    return lines


def _notes(result: VerifyResult) -> list[str]:
    lines: list[str] = []
    if result.standins:
        lines.append(
            f"extension stand-ins used (SQL-only, behaviour not verified): {', '.join(result.standins)}"
        )
    if result.fresh_cluster_reason:
        lines.append(f"ran in a fresh cluster: {result.fresh_cluster_reason}")
    return lines


def _notice_lines(result: VerifyResult) -> list[str]:
    lines: list[str] = []
    for r in result.files:
        if r.notices and r.status is not FileStatus.CACHED:
            lines.append(f"  {r.file}:")
            lines.extend(f"    {n}" for n in r.notices)
    return ["", "notices:", *lines] if lines else []


def render_text(result: VerifyResult) -> str:
    header = f"pgparity verify {result.folder} ({result.folder_format}): {summary_line(result)}"
    rows = [tuple(c.upper() for c in _COLUMNS), *(_row(r) for r in result.files)]
    lines = [header, "", *_table(rows), *_notice_lines(result), *_failure_lines(result)]
    lines += _compare_lines(result.compare)
    notes = _notes(result)
    return "\n".join([*lines, *([""] + notes if notes else [])]) + "\n"


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|")


def _md_objects(result: VerifyResult) -> list[str]:
    """What each file created, altered and dropped, folded away (it can be long)."""
    items = []
    for r in result.files:
        for verb, objects in (("created", r.created), ("altered", r.altered), ("dropped", r.dropped)):
            if objects:
                items.append(f"- `{r.file}` {verb}: " + ", ".join(f"`{o}`" for o in objects))
    if not items:
        return []
    return ["", "<details><summary>Objects per file</summary>", "", *items, "", "</details>"]


def render_markdown(result: VerifyResult) -> str:
    lines = [f"# pgparity verify `{result.folder}` ({result.folder_format})", "", summary_line(result), ""]
    lines.append("| " + " | ".join(_COLUMNS) + " |")
    lines.append("|" + "|".join(["---", "---", "--:", "--:", "--:", "--:", "--:"]) + "|")
    lines.extend("| " + " | ".join(_md_cell(c) for c in _row(r)) + " |" for r in result.files)
    lines += _md_objects(result)
    if (f := result.failure) is not None:
        lines += [
            "",
            f"## Failed: `{f.location}`",
            "",
            f"{f.message}" + (f" (SQLSTATE `{f.sqlstate}`)" if f.sqlstate else ""),
        ]
        lines += ["", f"detail: {f.detail}"] if f.detail else []
        lines += ["", f"hint: {f.hint}"] if f.hint else []
        lines += ["", "```sql", f.statement, "```"] if f.statement else []
    if (c := result.compare) is not None:
        lines += ["", f"## Compared with `{c.source}`", ""]
        if c.identical:
            lines.append("No differences.")
        for title, sign, items in _compare_sections(c) if not c.identical else []:
            lines += [f"**{title}**: {len(items)}", ""]
            lines.extend(f"- `{_sign(i, sign)}` `{_compare_item(i)}`" for i in items)
            lines.append("")
    notes = _notes(result)
    if notes:
        lines += ["", *notes]
    return "\n".join(lines).rstrip("\n") + "\n"


def result_json(result: VerifyResult) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "folder": result.folder,
        "format_of": result.folder_format,
        "standins": list(result.standins),
        "fresh_cluster_reason": result.fresh_cluster_reason,
        "files": [r.to_json() for r in result.files],
        "failure": result.failure.to_json() if result.failure else None,
        "compare": result.compare.to_json() if result.compare else None,
    }


def render_json(result: VerifyResult) -> str:
    return json.dumps(result_json(result), indent=2, ensure_ascii=False) + "\n"
