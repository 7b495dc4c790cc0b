"""Snapshot x Snapshot -> typed Changes."""

from pgparity.diff.changes import Action, Change, FieldDiff
from pgparity.diff.engine import DiffOptions, diff_snapshots
from pgparity.diff.hazards import Hazard

__all__ = ["Action", "Change", "DiffOptions", "FieldDiff", "Hazard", "diff_snapshots"]
