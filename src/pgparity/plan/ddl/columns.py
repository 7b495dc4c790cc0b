"""Column DDL for tables.py: definitions for CREATE/ADD COLUMN and ALTER COLUMN between two versions.

Functions here only see the column (and the quoted table name); table-level decisions such as
whether a column is handled by a parent's recursive ALTER are made in tables.py.
"""

from __future__ import annotations

import dataclasses
import re

from pgparity.diff.hazards import Hazard
from pgparity.model.keys import ObjectKey
from pgparity.model.objects import Column, SequenceOptions
from pgparity.plan.ddl.common import acl_ops, comment_ops
from pgparity.plan.ddl.generic_options import (
    Owner,
    alter_options_clause,
    column_options_owner,
    options_clause,
)
from pgparity.plan.ddl.identity_names import SequenceNames, identity_sequence_name
from pgparity.plan.ddl.sequences import may_exclude_current, restart_guard
from pgparity.plan.ops import Op
from pgparity.sqltext.quote import ident, literal, qualified

_INT_LIMITS = {
    "smallint": (-32768, 32767),
    "integer": (-2147483648, 2147483647),
    "bigint": (-9223372036854775808, 9223372036854775807),
}
_INT_RANK = {"smallint": 1, "integer": 2, "bigint": 3}
_FLOAT_RANK = {"real": 1, "double precision": 2}
_TYPE_WITH_MODS = re.compile(r"^(?P<base>[a-z ]+?)(?:\((?P<mods>[0-9, ]+)\))?$")

# Storage each base type has by default (pg_type.typstorage), for going back to it: PostgreSQL 15
# has no SET STORAGE DEFAULT. Types not listed are fixed-length ones (plain) unless varlena below.
_MAIN_STORAGE = {"numeric", "inet", "cidr"}
_EXTENDED_STORAGE = {
    "text",
    "character varying",
    "character",
    "bytea",
    "json",
    "jsonb",
    "xml",
    "tsvector",
    "tsquery",
    "bit varying",
    "bit",
    "path",
    "polygon",
}
# Builtin functions whose results differ per row: a default calling them fills every row (rewrite).
_VOLATILE_BUILTINS = {
    "nextval",
    "random",
    "gen_random_uuid",
    "clock_timestamp",
    "timeofday",
    "uuid_generate_v1",
    "uuid_generate_v1mc",
    "uuid_generate_v4",
}
_STRING_TYPES = {"text", "character varying", "character", "name"}
_NUMBER_TYPES = {"smallint", "integer", "bigint", "numeric", "real", "double precision"}
_DATETIME_TYPES = {"date", "timestamp without time zone", "timestamp with time zone"}
_TIME_TYPES = {"time without time zone", "time with time zone"}
_JSON_TYPES = {"json", "jsonb"}
_DEFAULT_COLLATION = 'pg_catalog."default"'
_CALL = re.compile(r'(?:(?:"[^"]+"|[a-z_][a-z0-9_$]*)\.)?("[^"]+"|[a-z_][a-z0-9_$]*)\(')


def column_ref(table_sql: str, column: str) -> str:
    return f"{table_sql}.{ident(column)}"


# -- definitions -------------------------------------------------------------------------------


def _seq_defaults(opts: SequenceOptions) -> tuple[int, int]:
    """(min, max) an identity sequence of this type and direction gets when not specified."""
    low, high = _INT_LIMITS.get(opts.data_type, _INT_LIMITS["bigint"])
    return (1, high) if opts.increment > 0 else (low, -1)


def identity_options(opts: SequenceOptions | None) -> list[str]:
    """The sequence options of an identity column, only those differing from defaults."""
    if opts is None:
        return []
    low, high = _seq_defaults(opts)
    parts: list[str] = []
    if opts.increment != 1:
        parts.append(f"INCREMENT BY {opts.increment}")
    if opts.min_value != low:
        parts.append(f"MINVALUE {opts.min_value}")
    if opts.max_value != high:
        parts.append(f"MAXVALUE {opts.max_value}")
    if opts.start != (opts.min_value if opts.increment > 0 else opts.max_value):
        parts.append(f"START WITH {opts.start}")
    if opts.cache != 1:
        parts.append(f"CACHE {opts.cache}")
    if opts.cycle:
        parts.append("CYCLE")
    return parts


def identity_clause(col: Column) -> str:
    kind = "ALWAYS" if col.identity == "always" else "BY DEFAULT"
    parts = identity_options(col.identity_options)
    if col.identity_sequence is not None:  # unqualified: the sequence goes in the table's schema
        parts.insert(0, f"SEQUENCE NAME {ident(col.identity_sequence)}")
    return f"GENERATED {kind} AS IDENTITY" + (f" ({' '.join(parts)})" if parts else "")


def column_definition(col: Column, owner: Owner = ()) -> str:
    """``name type [COLLATE] [GENERATED ...|DEFAULT ...] [NOT NULL]`` for CREATE TABLE / ADD COLUMN."""
    return f"{ident(col.name)} {column_clauses(col, owner)}"


def column_clauses(col: Column, owner: Owner = ()) -> str:
    """``type [OPTIONS (...)] [COLLATE] [GENERATED ...|DEFAULT ...] [NOT NULL]``: a column
    definition without its name (OPTIONS: a foreign table's column, whose ``owner`` names the
    psql variables of secret ones: ``column_options_owner``)."""
    parts = [col.type + options_clause(col.fdw_options, owner or ("column", col.name))]
    if col.collation:
        parts.append(f"COLLATE {col.collation}")
    if col.generated is not None:
        parts.append(f"GENERATED ALWAYS AS ({col.generated}) STORED")
    elif col.identity:
        parts.append(identity_clause(col))
    elif col.default is not None:
        parts.append(f"DEFAULT {col.default}")
    if col.not_null:
        parts.append("NOT NULL")
    return " ".join(parts)


def declared_baseline(col: Column) -> Column:
    """What a column declared by ``column_definition`` looks like before its follow-up statements."""
    return dataclasses.replace(
        col, statistics_target=None, storage=None, compression=None, comment=None, acl=()
    )


# -- hazards -------------------------------------------------------------------------------------


def _split_type(type_sql: str) -> tuple[str, tuple[int, ...]] | None:
    match = _TYPE_WITH_MODS.fullmatch(type_sql)
    if match is None:
        return None
    mods = tuple(int(m) for m in match["mods"].split(",")) if match["mods"] else ()
    return match["base"], mods


def _numeric_change(old: tuple[int, ...], new: tuple[int, ...]) -> tuple[bool, bool]:
    """(binary_coercible, lossy) for numeric(p,s) -> numeric(p2,s2); () is unconstrained."""
    if not new:
        return True, False
    if not old:
        return False, True
    p, s = old[0], old[1] if len(old) > 1 else 0
    p2, s2 = new[0], new[1] if len(new) > 1 else 0
    if s2 == s and p2 >= p:
        return True, False
    return False, s2 < s or (p2 - s2) < (p - s)


def _length_change(old: tuple[int, ...], new: tuple[int, ...]) -> tuple[bool, bool]:
    """(binary_coercible, lossy) for varchar(n) -> varchar(m); () is unlimited."""
    if not new:
        return True, False
    if not old:
        return False, True
    return new[0] >= old[0], new[0] < old[0]


def type_change(old_type: str, new_type: str) -> tuple[bool, bool]:
    """(binary_coercible, lossy) for ALTER COLUMN TYPE old -> new with ``USING col::new``.

    Binary-coercible changes keep the stored bytes (no rewrite). Lossy ones can cut values:
    the explicit cast in USING truncates strings and rounds numbers instead of failing.
    """
    old, new = _split_type(old_type), _split_type(new_type)
    if old is None or new is None:
        return False, False
    (ob, om), (nb, nm) = old, new
    if ob == nb == "numeric":
        return _numeric_change(om, nm)
    if ob == nb in ("character varying", "bit varying"):
        return _length_change(om, nm)
    if ob == "character varying" and nb == "text":
        return True, False
    if ob == "text" and nb == "character varying":
        return (not nm), bool(nm)
    if ob in _INT_RANK and nb in _INT_RANK:
        return False, _INT_RANK[nb] < _INT_RANK[ob]
    if ob in _FLOAT_RANK and nb in _FLOAT_RANK:
        return False, _FLOAT_RANK[nb] < _FLOAT_RANK[ob]
    if ob in ("numeric", "real", "double precision") and nb in _INT_RANK:
        return False, True
    if ob in ("text", "character varying") and nb == "character":
        return False, True
    return False, False


def _base_type(type_sql: str) -> str:
    return re.sub(r"\(.*?\)", "", type_sql).strip()


def _has_direct_cast(old_type: str, new_type: str) -> bool:
    """Whether ``old::new`` exists (a cast, or I/O conversion to or from a string type).

    Judged from the type names alone; for user-defined types (schema-qualified names) a cast
    is assumed between one and a built-in type (domain and base, enum and text) only.
    """
    old, new = _base_type(old_type), _base_type(new_type)
    if old == new or old in _STRING_TYPES or new in _STRING_TYPES:
        return True
    if old.endswith("[]") and new.endswith("[]"):
        return _has_direct_cast(old[:-2], new[:-2])
    families = (_NUMBER_TYPES, _DATETIME_TYPES, _TIME_TYPES, _JSON_TYPES)
    if any(old in family and new in family for family in families):
        return True
    if old in _JSON_TYPES and new in _NUMBER_TYPES | {"boolean"}:
        return True
    if {old, new} == {"integer", "boolean"}:
        return True
    return ("." in old) != ("." in new)


def using_expression(name: str, old_type: str, new_type: str) -> str:
    """The USING of ALTER COLUMN TYPE: a direct cast, or through text when the types have none."""
    if _has_direct_cast(old_type, new_type):
        return f"{name}::{new_type}"
    return f"{name}::text::{new_type}"


def retype_hazards(old_type: str, new_type: str) -> tuple[Hazard, ...]:
    coercible, lossy = type_change(old_type, new_type)
    hazards: list[Hazard] = [] if coercible else [Hazard.TABLE_REWRITE, Hazard.ACCESS_EXCLUSIVE_LOCK]
    if lossy:
        hazards.append(Hazard.DATA_LOSS)
    return tuple(hazards)


def default_is_volatile(expr: str | None, volatile_functions: set[str]) -> bool:
    """Whether a default calls a volatile function (then ADD COLUMN fills every row: a rewrite).

    ``volatile_functions`` holds bare names of the snapshot's volatile functions.
    """
    if expr is None:
        return False
    names = {m.group(1).strip('"') for m in _CALL.finditer(expr)}
    return bool(names & (_VOLATILE_BUILTINS | volatile_functions))


def add_column_hazards(col: Column, volatile_functions: set[str]) -> tuple[Hazard, ...]:
    if col.generated is not None or col.identity or default_is_volatile(col.default, volatile_functions):
        return (Hazard.TABLE_REWRITE, Hazard.ACCESS_EXCLUSIVE_LOCK)
    return ()


# -- ALTER COLUMN --------------------------------------------------------------------------------


def _default_storage(type_sql: str) -> str:
    if type_sql.endswith("]"):
        return "extended"
    base = re.sub(r"\(.*\)$", "", type_sql)
    if base in _MAIN_STORAGE:
        return "main"
    return "extended" if base in _EXTENDED_STORAGE else "plain"


def _retype_ops(alter: str, old: Column, new: Column, name: str, using: bool = True) -> list[Op]:
    """ALTER COLUMN TYPE (also for a collation change), around the default when it must change too."""
    ops: list[Op] = []
    reset_default = old.default is not None and old.default != new.default
    if reset_default:
        # The old default may not cast to the new type; it is replaced below anyway.
        ops.append(Op(f"{alter} ALTER COLUMN {name} DROP DEFAULT"))
    collate = ""
    if new.collation != old.collation:
        collate = f" COLLATE {new.collation or _DEFAULT_COLLATION}"
    # A collation-only change keeps the bytes, but indexes on the column are rebuilt under the lock.
    hazards = retype_hazards(old.type, new.type) if new.type != old.type else (Hazard.ACCESS_EXCLUSIVE_LOCK,)
    irreversible = f"values of {name} cut to {new.type}" if Hazard.DATA_LOSS in hazards else None
    # A generated column is computed again in the new type, and a foreign table holds no values
    # to convert: PostgreSQL refuses a USING for either.
    cast = ""
    if using and new.generated is None:
        cast = f" USING {using_expression(name, old.type, new.type)}"
    ops.append(
        Op(
            f"{alter} ALTER COLUMN {name} TYPE {new.type}{collate}{cast}",
            hazards,
            irreversible=irreversible,
        )
    )
    if reset_default and new.default is not None:
        ops.append(Op(f"{alter} ALTER COLUMN {name} SET DEFAULT {new.default}"))
    return ops


def _expected_identity(old: Column, new: Column) -> SequenceOptions | None:
    """The identity options ``old`` has after a retype: the sequence type (and default limits) follow."""
    opts = old.identity_options
    if opts is None or new.type == old.type or new.type not in _INT_LIMITS:
        return opts
    retyped = dataclasses.replace(opts, data_type=new.type)
    old_low, old_high = _seq_defaults(opts)
    new_low, new_high = _seq_defaults(retyped)
    return dataclasses.replace(
        retyped,
        min_value=new_low if opts.min_value == old_low else opts.min_value,
        max_value=new_high if opts.max_value == old_high else opts.max_value,
    )


def _narrowed_identity(old: Column, new: Column) -> Column:
    """``old`` with the target's identity bounds when the old ones do not fit the new type
    (``old`` itself when they do, or when there is no identity on both sides)."""
    before, after = old.identity_options, new.identity_options
    if before is None or after is None or not old.identity or not new.identity:
        return old
    low, high = _INT_LIMITS.get(new.type, _INT_LIMITS["bigint"])
    if low <= before.min_value and before.max_value <= high:
        return old
    opts = dataclasses.replace(before, min_value=after.min_value, max_value=after.max_value)
    return dataclasses.replace(old, identity_options=opts)


def _identity_set_clauses(old: SequenceOptions, new: SequenceOptions) -> list[str]:
    clauses: list[str] = []
    if new.increment != old.increment:
        clauses.append(f"SET INCREMENT BY {new.increment}")
    if new.min_value != old.min_value:
        clauses.append(f"SET MINVALUE {new.min_value}")
    if new.max_value != old.max_value:
        clauses.append(f"SET MAXVALUE {new.max_value}")
    if new.start != old.start:
        clauses.append(f"SET START WITH {new.start}")
    if new.cache != old.cache:
        clauses.append(f"SET CACHE {new.cache}")
    if new.cycle != old.cycle:
        clauses.append("SET CYCLE" if new.cycle else "SET NO CYCLE")
    return clauses


def _identity_ops(
    alter: str, old: Column, new: Column, name: str, table_sql: str, names: SequenceNames | None = None
) -> list[Op]:
    rename = _identity_rename_ops(old, new, names)
    if old.identity == new.identity and _expected_identity(old, new) == new.identity_options:
        return rename
    if new.identity is None:
        return [Op(f"{alter} ALTER COLUMN {name} DROP IDENTITY", (Hazard.BREAKS_CLIENTS,))]
    if old.identity is None:
        # PostgreSQL names the sequence otherwise while a sequence the plan drops holds the name.
        taken = names.dropped(identity_sequence_name(names.table, new)) if names is not None else ()
        return [Op(f"{alter} ALTER COLUMN {name} ADD {identity_clause(new)}", after=taken)]
    clauses = []
    if old.identity != new.identity:
        clauses.append("SET GENERATED ALWAYS" if new.identity == "always" else "SET GENERATED BY DEFAULT")
    before, after = _expected_identity(old, new), new.identity_options
    if before is not None and after is not None:
        clauses += _identity_set_clauses(before, after)
    if not clauses:
        return rename
    statement = f"{alter} ALTER COLUMN {name} {' '.join(clauses)}"
    if before is not None and after is not None and may_exclude_current(before, after):
        sequence = f"pg_catalog.pg_get_serial_sequence({literal(table_sql)}, {literal(new.name)})"
        return [*rename, restart_guard(statement, sequence, after)]
    return [*rename, Op(statement)]


def _identity_rename_ops(old: Column, new: Column, names: SequenceNames | None) -> list[Op]:
    """ALTER SEQUENCE ... RENAME TO when the identity stays and its sequence's name changes."""
    if names is None or not old.identity or not new.identity:
        return []
    before, after = identity_sequence_name(names.table, old), identity_sequence_name(names.table, new)
    if before == after:
        return []
    sql = f"ALTER SEQUENCE {qualified(names.schema, before)} RENAME TO {ident(after)}"
    return [Op(sql, (Hazard.BREAKS_CLIENTS,), after=names.dropped(after))]


def _not_null_ops(alter: str, new: Column, name: str, online_check: str | None) -> list[Op]:
    """SET NOT NULL; online: through a validated CHECK so the lock is not held during the scan."""
    if online_check is None:
        return [
            Op(
                f"{alter} ALTER COLUMN {name} SET NOT NULL",
                (Hazard.VALIDATION_SCAN, Hazard.ACCESS_EXCLUSIVE_LOCK),
            )
        ]
    check = ident(online_check)
    # Each statement commits on its own (transactional=False): VALIDATE then holds only a
    # SHARE UPDATE EXCLUSIVE lock, and SET NOT NULL uses the valid CHECK instead of scanning.
    return [
        Op(f"{alter} ADD CONSTRAINT {check} CHECK ({name} IS NOT NULL) NOT VALID", transactional=False),
        Op(f"{alter} VALIDATE CONSTRAINT {check}", (Hazard.VALIDATION_SCAN,), transactional=False),
        Op(f"{alter} ALTER COLUMN {name} SET NOT NULL", transactional=False),
        Op(f"{alter} DROP CONSTRAINT {check}", transactional=False),
    ]


@dataclasses.dataclass(frozen=True)
class ColumnAlter:
    """How to address the column's table: ``alter`` recurses to children, ``alter_only`` does not."""

    table_sql: str
    alter: str  # "ALTER TABLE t"
    alter_only: str  # "ALTER TABLE ONLY t" when the table has children, else the same as alter
    owner: str
    retype: bool = True  # False: a parent's recursive ALTER changes the type
    online_check: str | None = None  # CHECK name to SET NOT NULL online with
    using: bool = True  # False: ALTER COLUMN TYPE without USING (a foreign table's column)
    # The table's schema and name with SOURCE and TARGET: identity sequence names (None: not known)
    names: SequenceNames | None = dataclasses.field(default=None, compare=False)


def alter_column_ops(where: ColumnAlter, old: Column, new: Column) -> list[Op]:
    """ALTER COLUMN statements turning ``old`` into ``new`` (not for a changed generation expression)."""
    if old == new:
        return []  # what follows finds nothing to do either; most columns of an altered table are untouched
    name = ident(new.name)
    ops: list[Op] = []
    retyped = where.retype and (old.type != new.type or old.collation != new.collation)
    if retyped:
        narrowed = _narrowed_identity(old, new)
        if narrowed is not old:
            # The identity sequence takes the new type with its bounds: bounds the new type
            # cannot hold must be brought in first.
            ops += _identity_ops(
                where.alter, old, dataclasses.replace(narrowed, type=old.type), name, where.table_sql
            )
            old = narrowed
        ops += _retype_ops(where.alter, old, new, name, where.using)
    if old.generated is not None and new.generated is None:
        # The column keeps its values and becomes a plain one (then it may get a default).
        ops.append(Op(f"{where.alter} ALTER COLUMN {name} DROP EXPRESSION"))
    if old.identity and not new.identity:
        ops += _identity_ops(where.alter, old, new, name, where.table_sql)  # before a default can be set
    if old.default != new.default and not (retyped and old.default is not None):
        text = f"SET DEFAULT {new.default}" if new.default is not None else "DROP DEFAULT"
        ops.append(
            Op(f"{where.alter_only} ALTER COLUMN {name} {text}", after=_freed_sequence(where, old, new))
        )
    if new.not_null and not old.not_null:
        ops += _not_null_ops(where.alter, new, name, where.online_check)
    if new.identity:
        ops += _identity_ops(
            where.alter, old, new, name, where.table_sql, where.names
        )  # after SET NOT NULL, which ADD needs
    if old.not_null and not new.not_null:
        ops.append(Op(f"{where.alter} ALTER COLUMN {name} DROP NOT NULL"))
    ops += _physical_ops(where, old, new, name)
    ops += _fdw_options_ops(where, old, new, name)
    ops += comment_ops(f"COLUMN {column_ref(where.table_sql, new.name)}", old.comment, new.comment)
    ops += acl_ops("TABLE", where.table_sql, old.acl, new.acl, where.owner, columns=f"({name})")
    return ops


def _freed_sequence(where: ColumnAlter, old: Column, new: Column) -> tuple[ObjectKey, ...]:
    """The sequence a new default waits for: the one the plan creates under the name of the
    identity sequence this column drops (a serial column again: nextval() on a same-named sequence)."""
    if where.names is None or not old.identity or new.identity or new.default is None:
        return ()
    return where.names.created(identity_sequence_name(where.names.table, old))


def _fdw_options_ops(where: ColumnAlter, old: Column, new: Column, name: str) -> list[Op]:
    """ALTER COLUMN ... OPTIONS (a foreign table's column; it never recurses to children)."""
    owner = column_options_owner(where.table_sql, new.name)
    clause = alter_options_clause(old.fdw_options, new.fdw_options, owner)
    if clause is None:
        return []
    sql, hazards = clause
    return [Op(f"{where.alter} ALTER COLUMN {name} {sql}", hazards)]


def _physical_ops(where: ColumnAlter, old: Column, new: Column, name: str) -> list[Op]:
    """Statistics target, storage and compression: per table, so never recursed to children."""
    ops: list[Op] = []
    prefix = f"{where.alter_only} ALTER COLUMN {name}"
    if old.statistics_target != new.statistics_target:
        target = -1 if new.statistics_target is None else new.statistics_target
        ops.append(Op(f"{prefix} SET STATISTICS {target}"))
    if old.storage != new.storage:
        ops.append(Op(f"{prefix} SET STORAGE {(new.storage or _default_storage(new.type)).upper()}"))
    if old.compression != new.compression:
        ops.append(Op(f"{prefix} SET COMPRESSION {new.compression or 'default'}"))
    return ops
