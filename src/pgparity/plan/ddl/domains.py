"""Domains: CREATE DOMAIN, ALTER DOMAIN for default, NOT NULL and named CHECK constraints.

A new base type or collation cannot be altered in place: the domain is recreated (with what
uses it, by the planner).
"""

from __future__ import annotations

from pgparity.diff.hazards import Hazard
from pgparity.model.objects import Domain, DomainCheck
from pgparity.plan.ddl import register
from pgparity.plan.ddl.base import DdlContext, KindDDL
from pgparity.plan.ddl.common import comment_ops
from pgparity.plan.ddl.objmeta import meta_ops, type_target
from pgparity.plan.ops import Op
from pgparity.sqltext.quote import ident, qualified

_NOT_VALID = " NOT VALID"


def _name(obj: Domain) -> str:
    return qualified(obj.schema, obj.name)


def _check_sql(check: DomainCheck) -> str:
    """``CHECK (...)`` without the `` NOT VALID`` pg_get_constraintdef appends to unvalidated ones."""
    text = check.expression
    return text[: -len(_NOT_VALID)] if text.endswith(_NOT_VALID) else text


def _add_check(name: str, check: DomainCheck) -> Op:
    sql = f"ALTER DOMAIN {name} ADD CONSTRAINT {ident(check.name)} {_check_sql(check)}"
    if check.validated:
        return Op(sql, (Hazard.VALIDATION_SCAN,))
    return Op(sql + _NOT_VALID)  # existing values are not checked: no scan


def _check_comment(name: str, check: DomainCheck, old: str | None) -> list[Op]:
    return comment_ops(f"CONSTRAINT {ident(check.name)} ON DOMAIN {name}", old, check.comment)


def _create_sql(obj: Domain) -> str:
    parts = [f"CREATE DOMAIN {_name(obj)} AS {obj.base_type}"]
    if obj.collation is not None:
        parts.append(f"COLLATE {obj.collation}")
    if obj.default is not None:
        parts.append(f"DEFAULT {obj.default}")
    if obj.not_null:
        parts.append("NOT NULL")
    # Unvalidated checks cannot be declared here: they are added NOT VALID afterwards.
    parts += [f"CONSTRAINT {ident(c.name)} {_check_sql(c)}" for c in obj.checks if c.validated]
    return " ".join(parts)


def _check_ops(name: str, old: Domain, new: Domain) -> tuple[list[Op], list[Op]]:
    """(drops, adds) for the CHECK constraints that differ; drops go before anything else."""
    old_checks = {c.name: c for c in old.checks}
    drops: list[Op] = []
    adds: list[Op] = []
    for check in new.checks:
        before = old_checks.pop(check.name, None)
        if before is None:
            adds += [_add_check(name, check), *_check_comment(name, check, None)]
        elif _check_sql(before) != _check_sql(check) or (before.validated and not check.validated):
            drops.append(Op(f"ALTER DOMAIN {name} DROP CONSTRAINT {ident(check.name)}"))
            adds += [_add_check(name, check), *_check_comment(name, check, None)]
        else:
            if check.validated and not before.validated:
                adds.append(
                    Op(
                        f"ALTER DOMAIN {name} VALIDATE CONSTRAINT {ident(check.name)}",
                        (Hazard.VALIDATION_SCAN,),
                    )
                )
            adds += _check_comment(name, check, before.comment)
    drops += [Op(f"ALTER DOMAIN {name} DROP CONSTRAINT {ident(n)}") for n in sorted(old_checks)]
    return drops, adds


class DomainDDL(KindDDL):
    collection = "domains"

    def create(self, obj: Domain, ctx: DdlContext) -> list[Op]:
        name = _name(obj)
        ops = [Op(_create_sql(obj))]
        ops += [_add_check(name, c) for c in obj.checks if not c.validated]
        for check in obj.checks:
            ops += _check_comment(name, check, None)
        return ops + meta_ops(type_target("DOMAIN", obj.schema, obj.name), None, obj, ctx)

    def drop(self, obj: Domain, ctx: DdlContext) -> list[Op]:
        return [Op(f"DROP DOMAIN {_name(obj)}", (Hazard.BREAKS_CLIENTS,))]

    def alter(self, old: Domain, new: Domain, ctx: DdlContext) -> list[Op] | None:
        if (old.base_type, old.collation) != (new.base_type, new.collation):
            return None
        name = _name(new)
        drops, adds = _check_ops(name, old, new)
        ops = drops
        if old.default != new.default:
            what = "DROP DEFAULT" if new.default is None else f"SET DEFAULT {new.default}"
            ops.append(Op(f"ALTER DOMAIN {name} {what}"))
        if old.not_null != new.not_null:
            if new.not_null:
                ops.append(Op(f"ALTER DOMAIN {name} SET NOT NULL", (Hazard.VALIDATION_SCAN,)))
            else:
                ops.append(Op(f"ALTER DOMAIN {name} DROP NOT NULL"))
        ops += adds
        return ops + meta_ops(type_target("DOMAIN", new.schema, new.name), old, new, ctx)


register(DomainDDL())
