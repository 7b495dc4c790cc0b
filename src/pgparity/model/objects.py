"""Frozen dataclasses, one per object kind a snapshot captures.

``key`` is a cached_property: planners look keys up millions of times on large schemas. It lives
in the instance ``__dict__`` only, outside the dataclass fields, so equality, hashing and JSON
are unaffected.

Every field is plain data (str, int, float, bool, None, tuples, nested dataclasses, enums) so
the generic serializer in ``serialize.py`` can write and read them without per-kind code.
Expressions and definitions are the server's own deparsed text (pg_get_expr and friends),
so two databases holding the same object give the same text.
"""

from __future__ import annotations

from dataclasses import dataclass

from pgparity.model.cache import cached_property
from pgparity.model.grants import Acl, DefaultPrivilege, ExtensionMemberAcl, Grant
from pgparity.model.keys import ObjectKey, ObjectKind
from pgparity.model.remote import (
    ForeignDataWrapper,
    ForeignServer,
    Publication,
    PublicationTable,
    Subscription,
    UserMapping,
)
from pgparity.model.roles import Role, RoleMembership

# Re-exported: defined in grants.py, remote.py and roles.py, imported from here like every other kind.
__all__ = [
    "Acl",
    "DefaultPrivilege",
    "ExtensionMemberAcl",
    "ForeignDataWrapper",
    "ForeignServer",
    "Grant",
    "Publication",
    "PublicationTable",
    "Role",
    "RoleMembership",
    "Subscription",
    "UserMapping",
]


@dataclass(frozen=True)
class Schema:
    name: str
    owner: str
    comment: str | None = None
    acl: Acl | None = None  # None: the default privileges for the owner

    @cached_property
    def key(self) -> ObjectKey:
        return ObjectKey(ObjectKind.SCHEMA, None, self.name)


@dataclass(frozen=True)
class Extension:
    name: str
    schema: str
    version: str
    comment: str | None = None
    relocatable: bool = True  # extrelocatable: whether ALTER EXTENSION ... SET SCHEMA can move it

    @cached_property
    def key(self) -> ObjectKey:
        return ObjectKey(ObjectKind.EXTENSION, None, self.name)


@dataclass(frozen=True)
class Collation:
    schema: str
    name: str
    provider: str  # c (libc), i (icu), d (default), b (builtin, PG 17+)
    deterministic: bool
    collate: str | None
    ctype: str | None
    locale: str | None  # icu locale
    owner: str
    comment: str | None = None
    rules: str | None = None  # ICU tailoring rules (PG 16+)

    @cached_property
    def key(self) -> ObjectKey:
        return ObjectKey(ObjectKind.COLLATION, self.schema, self.name)


@dataclass(frozen=True)
class EnumType:
    schema: str
    name: str
    labels: tuple[str, ...]
    owner: str
    comment: str | None = None
    acl: Acl | None = None  # None: the default privileges for the owner

    @cached_property
    def key(self) -> ObjectKey:
        return ObjectKey(ObjectKind.ENUM, self.schema, self.name)


@dataclass(frozen=True)
class DomainCheck:
    name: str
    expression: str  # "CHECK (...)" as pg_get_constraintdef prints it
    validated: bool = True
    comment: str | None = None


@dataclass(frozen=True)
class Domain:
    schema: str
    name: str
    base_type: str
    collation: str | None  # "schema.collation", only when it differs from the base type's
    default: str | None
    not_null: bool
    checks: tuple[DomainCheck, ...]
    owner: str
    comment: str | None = None
    acl: Acl | None = None  # None: the default privileges for the owner

    @cached_property
    def key(self) -> ObjectKey:
        return ObjectKey(ObjectKind.DOMAIN, self.schema, self.name)


@dataclass(frozen=True)
class TypeAttribute:
    name: str
    type: str
    collation: str | None = None  # only when it differs from the type's default
    comment: str | None = None


@dataclass(frozen=True)
class CompositeType:
    schema: str
    name: str
    attributes: tuple[TypeAttribute, ...]
    owner: str
    comment: str | None = None
    acl: Acl | None = None  # None: the default privileges for the owner

    @cached_property
    def key(self) -> ObjectKey:
        return ObjectKey(ObjectKind.COMPOSITE_TYPE, self.schema, self.name)


@dataclass(frozen=True)
class RangeType:
    schema: str
    name: str
    subtype: str
    subtype_opclass: str | None  # "schema.opclass", only when not the subtype's default
    collation: str | None  # "schema.collation", only when it differs from the subtype's
    canonical: str | None  # "schema.function"
    subtype_diff: str | None  # "schema.function"
    multirange_name: str | None  # "schema.type" of the multirange type
    owner: str
    comment: str | None = None
    acl: Acl | None = None  # None: the default privileges for the owner

    @cached_property
    def key(self) -> ObjectKey:
        return ObjectKey(ObjectKind.RANGE_TYPE, self.schema, self.name)


@dataclass(frozen=True)
class SequenceOptions:
    data_type: str
    start: int
    increment: int
    min_value: int
    max_value: int
    cache: int
    cycle: bool


@dataclass(frozen=True)
class Sequence:
    schema: str
    name: str
    options: SequenceOptions
    owned_by: str | None  # "schema.table.column" when OWNED BY a column
    owner: str
    comment: str | None = None
    acl: Acl | None = None  # None: the default privileges for the owner
    unlogged: bool = False

    @cached_property
    def key(self) -> ObjectKey:
        return ObjectKey(ObjectKind.SEQUENCE, self.schema, self.name)


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # format_type with modifiers, e.g. numeric(10,2)
    not_null: bool = False
    default: str | None = None
    collation: str | None = None  # only when it differs from the type's default
    identity: str | None = None  # "always" | "by default"
    identity_options: SequenceOptions | None = None
    generated: str | None = None  # expression of a STORED generated column
    statistics_target: int | None = None  # None = default (-1)
    storage: str | None = None  # only when it differs from the type's default: plain/external/extended/main
    compression: str | None = None
    inherited: bool = False  # comes from a parent table only (partition or INHERITS), not declared locally
    comment: str | None = None
    acl: Acl = ()  # column-level privileges (none by default)
    fdw_options: tuple[str, ...] = ()  # a foreign table's column OPTIONS, "name=value" sorted by name
    # The identity sequence's name (in the table's schema) when it is not the one PostgreSQL
    # gives by default (model/names.py: table_column_seq): SEQUENCE NAME, or a name that was
    # taken when the identity was added, or a sequence renamed since.
    identity_sequence: str | None = None


@dataclass(frozen=True)
class Table:
    """A table: regular, partitioned, or foreign (CREATE FOREIGN TABLE, pg_class relkind 'f').

    A foreign table is a Table of kind "foreign" rather than a kind of its own: it has columns
    (defaults, NOT NULL, comments, grants), CHECK constraints and triggers, can be a partition
    or an inheritance child, and ALTER TABLE works on it. Kept a Table, it shares the column
    diff, the constraint, trigger and grant generators and the dependency graph's relation
    handling (its key is ``table:schema.name``; a table and a foreign table cannot share a
    name); the table generator only adds what is foreign: SERVER, OPTIONS, no local data.
    """

    schema: str
    name: str
    columns: tuple[Column, ...]
    owner: str
    kind: str = "regular"  # regular | partitioned | foreign
    partition_key: str | None = None  # pg_get_partkeydef, e.g. "RANGE (created_at)"
    partition_of: str | None = None  # "schema.parent" when this is a partition
    partition_bound: str | None = None  # "FOR VALUES ..." / "DEFAULT"
    inherits: tuple[str, ...] = ()  # qualified parents (non-partition inheritance)
    unlogged: bool = False
    reloptions: tuple[str, ...] = ()
    replica_identity: str = "default"  # default | nothing | full | index
    replica_identity_index: str | None = None
    rls_enabled: bool = False
    rls_forced: bool = False
    comment: str | None = None
    acl: Acl | None = None  # None: the default privileges for the owner
    server: str | None = None  # a foreign table's server
    fdw_options: tuple[str, ...] = ()  # a foreign table's OPTIONS, "name=value" sorted by name

    @cached_property
    def key(self) -> ObjectKey:
        return ObjectKey(ObjectKind.TABLE, self.schema, self.name)


@dataclass(frozen=True)
class Constraint:
    schema: str
    table: str
    name: str
    type: str  # primary_key | unique | foreign_key | check | exclusion | not_null
    definition: str  # pg_get_constraintdef
    columns: tuple[str, ...] = ()  # constrained columns (conkey); expressions show in definition only
    validated: bool = True
    deferrable: bool = False
    deferred: bool = False
    no_inherit: bool = False
    nulls_not_distinct: bool = False
    references: str | None = None  # "schema.table" for a foreign key
    ref_columns: tuple[str, ...] = ()
    on_update: str | None = None  # a (no action) r (restrict) c (cascade) n (set null) d (set default)
    on_delete: str | None = None
    match: str | None = None  # f (full) p (partial) s (simple)
    inherited: bool = False  # inherited from a parent table / partition parent
    comment: str | None = None

    @cached_property
    def key(self) -> ObjectKey:
        return ObjectKey(ObjectKind.CONSTRAINT, self.schema, self.name, table=self.table)


@dataclass(frozen=True)
class Index:
    schema: str
    table: str
    name: str
    definition: str  # pg_get_indexdef
    method: str
    unique: bool = False
    columns: tuple[str, ...] = ()  # key columns or expressions, as printed
    include: tuple[str, ...] = ()
    predicate: str | None = None
    nulls_not_distinct: bool = False
    partition_parent: str | None = None  # "schema.index" this index is attached to
    reloptions: tuple[str, ...] = ()
    comment: str | None = None

    @cached_property
    def key(self) -> ObjectKey:
        return ObjectKey(ObjectKind.INDEX, self.schema, self.name, table=self.table)


@dataclass(frozen=True)
class StatisticsObject:
    """An extended statistics object (CREATE STATISTICS) on a table, foreign table or materialized view.

    Keyed by schema and name only (no ``table``): its name is unique in its schema, which may
    differ from the table's. Its needs (the table, the columns and functions it uses) are
    dependency edges.
    """

    schema: str
    name: str
    table: str  # "schema.table", quoted where needed
    definition: str  # pg_get_statisticsobjdef: the whole CREATE STATISTICS statement
    kinds: tuple[str, ...]  # ndistinct, dependencies, mcv, in catalog order (expressions: implied)
    owner: str
    target: int | None = None  # ALTER STATISTICS ... SET STATISTICS; None = default (-1)
    comment: str | None = None

    @cached_property
    def key(self) -> ObjectKey:
        return ObjectKey(ObjectKind.STATISTICS, self.schema, self.name)


@dataclass(frozen=True)
class ViewColumn:
    name: str
    type: str
    comment: str | None = None
    default: str | None = None  # ALTER VIEW ... ALTER COLUMN ... SET DEFAULT
    acl: Acl = ()  # column-level privileges (none by default)


@dataclass(frozen=True)
class View:
    schema: str
    name: str
    definition: str  # pg_get_viewdef(oid) (not pretty-printed), the SELECT
    owner: str
    materialized: bool = False
    columns: tuple[ViewColumn, ...] = ()
    options: tuple[str, ...] = ()  # sorted reloptions: security_invoker=true, check_option=local, ...
    with_data: bool = True  # materialized views: populated
    comment: str | None = None
    acl: Acl | None = None  # None: the default privileges for the owner

    @cached_property
    def key(self) -> ObjectKey:
        kind = ObjectKind.MATERIALIZED_VIEW if self.materialized else ObjectKind.VIEW
        return ObjectKey(kind, self.schema, self.name)


@dataclass(frozen=True)
class AggregateInfo:
    """pg_aggregate. Function names are regproc text (schema-qualified unless in pg_catalog)."""

    sfunc: str
    stype: str
    finalfunc: str | None = None
    combinefunc: str | None = None
    initcond: str | None = None
    sortop: str | None = None  # regoperator text, e.g. "<(integer,integer)"
    kind: str = "normal"  # normal | ordered_set | hypothetical
    finalfunc_extra: bool = False
    mstype: str | None = None
    msfunc: str | None = None
    minvfunc: str | None = None
    mfinalfunc: str | None = None
    minitcond: str | None = None
    finalfunc_modify: str = "read_only"  # read_only | shareable | read_write
    serialfunc: str | None = None
    deserialfunc: str | None = None
    transspace: int | None = None  # SSPACE, None when unset (0)
    mfinalfunc_extra: bool = False
    mfinalfunc_modify: str | None = None  # only for moving-aggregate mode
    mtransspace: int | None = None


@dataclass(frozen=True)
class Function:
    schema: str
    name: str
    kind: str  # function | procedure | aggregate | window
    identity_args: str  # pg_get_function_identity_arguments
    arguments: str  # pg_get_function_arguments (with names, modes and defaults)
    return_type: str | None  # pg_get_function_result; None for procedures
    language: str
    body: str  # prosrc; the BEGIN ATOMIC body for SQL-standard bodies; 'probin', 'prosrc' for C
    owner: str
    volatility: str = "volatile"  # immutable | stable | volatile
    strict: bool = False
    security_definer: bool = False
    parallel: str = "unsafe"  # safe | restricted | unsafe
    leakproof: bool = False
    cost: float | None = None
    rows: float | None = None
    config: tuple[str, ...] = ()  # sorted proconfig, e.g. search_path=public
    definition: str | None = None  # pg_get_functiondef, None for aggregates
    aggregate: AggregateInfo | None = None
    comment: str | None = None
    acl: Acl | None = None  # None: the default privileges for the owner

    @cached_property
    def key(self) -> ObjectKey:
        kind = {
            "procedure": ObjectKind.PROCEDURE,
            "aggregate": ObjectKind.AGGREGATE,
        }.get(self.kind, ObjectKind.FUNCTION)
        return ObjectKey(kind, self.schema, self.name, args=self.identity_args)


@dataclass(frozen=True)
class Trigger:
    schema: str
    table: str
    name: str
    definition: str  # pg_get_triggerdef
    timing: str  # before | after | instead of
    events: tuple[str, ...]  # insert, update, delete, truncate
    level: str  # row | statement
    function: str  # "schema.name", quoted where needed
    columns: tuple[str, ...] = ()  # UPDATE OF columns
    when: str | None = None  # the WHEN condition as pg_get_triggerdef prints it
    arguments: tuple[str, ...] = ()
    enabled: str = "origin"  # origin | disabled | replica | always
    constraint: bool = False
    deferrable: bool = False
    deferred: bool = False
    comment: str | None = None

    @cached_property
    def key(self) -> ObjectKey:
        return ObjectKey(ObjectKind.TRIGGER, self.schema, self.name, table=self.table)


@dataclass(frozen=True)
class Rule:
    """A rewrite rule (CREATE RULE) on a table or view; not a view's own _RETURN rule (the view)."""

    schema: str
    table: str
    name: str
    event: str  # select | insert | update | delete
    instead: bool  # DO INSTEAD (False: DO ALSO)
    definition: str  # pg_get_ruledef: the whole CREATE RULE statement (WHERE condition and actions)
    enabled: str = "origin"  # origin | disabled | replica | always
    comment: str | None = None

    @cached_property
    def key(self) -> ObjectKey:
        return ObjectKey(ObjectKind.RULE, self.schema, self.name, table=self.table)


@dataclass(frozen=True)
class EventTrigger:
    name: str
    event: str  # ddl_command_start | ddl_command_end | sql_drop | table_rewrite
    function: str  # "schema.name", quoted where needed
    owner: str
    tags: tuple[str, ...] = ()  # WHEN TAG IN (...), in catalog (evttags) order, as pg_dump prints them
    enabled: str = "origin"  # origin | disabled | replica | always
    comment: str | None = None

    @cached_property
    def key(self) -> ObjectKey:
        return ObjectKey(ObjectKind.EVENT_TRIGGER, None, self.name)


@dataclass(frozen=True)
class Policy:
    schema: str
    table: str
    name: str
    command: str  # all | select | insert | update | delete
    permissive: bool
    roles: tuple[str, ...]  # sorted; ("public",) when for everyone
    using: str | None = None
    with_check: str | None = None
    comment: str | None = None

    @cached_property
    def key(self) -> ObjectKey:
        return ObjectKey(ObjectKind.POLICY, self.schema, self.name, table=self.table)


@dataclass(frozen=True, order=True)
class Dependency:
    """``dependent`` needs ``referenced`` to exist (from pg_depend, between captured objects).

    A reference to one column of a table or view is the column's key
    (``column:schema.table.column``); a view stands for its _RETURN rule and a column for its
    default expression.
    """

    dependent: str  # str(ObjectKey)
    referenced: str
    type: str  # n (normal) a (auto) i (internal)
