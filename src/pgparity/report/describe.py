"""Human descriptions of changes: what exactly differs, in words and small diffs."""

from __future__ import annotations

import dataclasses
import difflib
from typing import Any

from pgparity.diff.changes import FieldDiff
from pgparity.model.objects import Column, Grant
from pgparity.plan.ddl.columns import column_clauses


def _short(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, Column):
        return column_clauses(value)
    if isinstance(value, tuple):
        return "(" + ", ".join(_short(v) for v in value) + ")" if value else "()"
    if dataclasses.is_dataclass(value) and hasattr(value, "name"):
        return str(value.name)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _grant_lines(before: Any, after: Any) -> list[str]:
    old = {g for g in (before or ()) if isinstance(g, Grant)}
    new = {g for g in (after or ()) if isinstance(g, Grant)}
    lines = []
    if before is None or after is None:
        lines.append(
            f"privileges: {'owner defaults' if before is None else 'explicit'} -> "
            f"{'owner defaults' if after is None else 'explicit'}"
        )
    for g in sorted(new - old):
        lines.append(f"+ {g.privilege}{' WITH GRANT OPTION' if g.grantable else ''} to {g.grantee}")
    for g in sorted(old - new):
        lines.append(f"- {g.privilege}{' WITH GRANT OPTION' if g.grantable else ''} from {g.grantee}")
    return lines


def _text_diff(before: str, after: str) -> list[str]:
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), "before", "after", lineterm="", n=2)
    return list(diff)


def describe_field(fd: FieldDiff) -> list[str]:
    """Lines describing one FieldDiff, e.g. ``column amount: type numeric(10,2) -> numeric(12,2)``."""
    path = fd.path
    label = path.replace("columns.", "column ", 1) if path.startswith("columns.") else path
    last = path.rsplit(".", 1)[-1]
    if last == "acl":
        head = label[: -len(".acl")] + " privileges" if label != "acl" else "privileges"
        return [f"{head}:"] + ["  " + line for line in _grant_lines(fd.before, fd.after)]
    if fd.before is None and fd.after is not None and dataclasses.is_dataclass(fd.after):
        return [f"{label}: added ({_short(fd.after)})"]
    if fd.after is None and fd.before is not None and dataclasses.is_dataclass(fd.before):
        return [f"{label}: removed ({_short(fd.before)})"]
    if isinstance(fd.before, str) and isinstance(fd.after, str) and ("\n" in fd.before or "\n" in fd.after):
        return [f"{label}:"] + ["  " + line for line in _text_diff(fd.before, fd.after)]
    return [f"{label}: {_short(fd.before)} -> {_short(fd.after)}"]
