"""Changes -> ordered Steps; scripts; proof on a throwaway clone."""

from pgparity.plan.ddl import PlanOptions
from pgparity.plan.planner import PlanError, build_plan, build_rollback, plan_changes
from pgparity.plan.script import render_script
from pgparity.plan.steps import Plan, Step

__all__ = [
    "Plan",
    "PlanError",
    "PlanOptions",
    "Step",
    "build_plan",
    "build_rollback",
    "plan_changes",
    "render_script",
]
