"""A plan: ordered steps, each with SQL, its reverse, hazards and transaction mode."""

from __future__ import annotations

from dataclasses import dataclass, field

from pgparity.diff.changes import Action
from pgparity.diff.hazards import Hazard
from pgparity.model.keys import ObjectKey


@dataclass(frozen=True)
class Step:
    key: ObjectKey
    action: Action  # what this step does to the object: create, drop or alter
    sql: tuple[str, ...]  # statements, without trailing semicolons
    reverse_sql: tuple[str, ...] = ()
    irreversible: str | None = None  # what undoing this cannot bring back
    hazards: tuple[Hazard, ...] = ()
    transactional: bool = True
    commit_after: bool = False
    reason: str = ""  # why the step exists when not obvious, e.g. "recreated: depends on a retyped column"


@dataclass(frozen=True)
class Plan:
    steps: tuple[Step, ...]
    warnings: tuple[str, ...] = ()
    preamble: tuple[str, ...] = field(default=("SET check_function_bodies = false",))

    @property
    def hazards(self) -> tuple[Hazard, ...]:
        return tuple(sorted({h for s in self.steps for h in s.hazards}))

    def is_empty(self) -> bool:
        return not self.steps
