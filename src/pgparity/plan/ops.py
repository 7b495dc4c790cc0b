"""What a DDL generator returns: SQL statements with their typed hazards."""

from __future__ import annotations

from dataclasses import dataclass

from pgparity.diff.hazards import Hazard
from pgparity.model.keys import ObjectKey


@dataclass(frozen=True)
class Op:
    sql: str  # one statement, without the trailing semicolon
    hazards: tuple[Hazard, ...] = ()
    # False: must run outside a transaction block (CREATE INDEX CONCURRENTLY, ...)
    transactional: bool = True
    # True: what follows may not run in the same transaction (ALTER TYPE ... ADD VALUE).
    commit_after: bool = False
    irreversible: str | None = None  # what undoing this cannot bring back (lost rows, values)
    # Objects this statement needs that may only exist later in the plan than the object
    # itself (ALTER SEQUENCE ... OWNED BY a column of a table created after the sequence).
    # The planner moves such ops into a deferred step of the same object, ordered after the
    # creation/alteration of these objects; dependency edges to them bind the deferred step.
    # An object the plan only drops is waited for to be gone (the statement takes its name:
    # ADD ... AS IDENTITY naming its sequence like a serial sequence that goes).
    after: tuple[ObjectKey, ...] = ()
