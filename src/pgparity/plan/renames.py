"""Declared renames in a plan: ``ALTER TABLE ... RENAME COLUMN`` (and the sequence renames that
follow) run first, in a migration and in its rollback alike; the other steps are planned from
SOURCE as it reads after them (``diff/renames.py``)."""

from __future__ import annotations

from pgparity.diff.changes import Action, Change
from pgparity.diff.hazards import Hazard
from pgparity.diff.renames import Rename, renames_of
from pgparity.model.keys import ObjectKind
from pgparity.plan.steps import Step
from pgparity.sqltext.quote import ident, qualified


def split_renames(changes: list[Change]) -> tuple[list[Rename], list[Change]]:
    """(the renames the changes start with, the other changes)."""
    first = 0
    while first < len(changes) and changes[first].action is Action.RENAME:
        first += 1
    return renames_of(changes[:first]), changes[first:]


def rename_statement(r: Rename) -> str:
    if r.kind is ObjectKind.COLUMN:
        return (
            f"ALTER TABLE {qualified(r.schema, r.table or '')} RENAME COLUMN {ident(r.old)} TO {ident(r.new)}"
        )
    return f"ALTER SEQUENCE {qualified(r.schema, r.old)} RENAME TO {ident(r.new)}"


def rename_step(r: Rename) -> Step:
    """Keeps the data; breaks clients that still use the old name."""
    return Step(
        key=r.new_key,
        action=Action.RENAME,
        sql=(rename_statement(r),),
        reverse_sql=(rename_statement(r.reversed()),),
        hazards=(Hazard.BREAKS_CLIENTS,),
        reason=f"renamed from {r.old}",
    )
