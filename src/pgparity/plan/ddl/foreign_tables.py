"""What tables.py does differently for a foreign table (a Table of kind "foreign").

Not a generator itself (registers nothing). A foreign table is created with CREATE FOREIGN
TABLE ... SERVER ... OPTIONS, dropped with DROP FOREIGN TABLE, and its OPTIONS are altered in
place; a new server means a new foreign table (no ALTER changes it). Everything else (columns,
comments, grants, owner) goes through ALTER TABLE, COMMENT and GRANT as for any table.

Its rows live on the remote server: dropping it, or one of its columns, loses no data here (only
clients' way to reach them: BREAKS_CLIENTS), and nothing is rewritten or scanned.
"""

from __future__ import annotations

import dataclasses

from pgparity.diff.hazards import Hazard
from pgparity.model.objects import Table
from pgparity.plan.ddl.columns import column_definition
from pgparity.plan.ddl.generic_options import (
    Owner,
    alter_options_clause,
    column_options_owner,
    options_clause,
    secret_hazards,
)
from pgparity.plan.ops import Op
from pgparity.sqltext.quote import ident, qualified

# Hazards of statements on a table's local storage, which a foreign table does not have.
_LOCAL_STORAGE = frozenset({Hazard.DATA_LOSS, Hazard.TABLE_REWRITE, Hazard.VALIDATION_SCAN})


def is_foreign(t: Table) -> bool:
    return t.kind == "foreign"


def relation_keyword(t: Table) -> str:
    """``TABLE`` or ``FOREIGN TABLE``: how ALTER, COMMENT ON and DROP name the table."""
    return "FOREIGN TABLE" if is_foreign(t) else "TABLE"


def options_owner(t: Table) -> Owner:
    """Whose options the table's are (names the psql variables of its secret ones)."""
    return ("table", t.schema, t.name)


def create_statement(t: Table) -> str:
    """CREATE FOREIGN TABLE with its columns (or PARTITION OF), parents, server and options."""
    q = qualified(t.schema, t.name)
    head = f"CREATE FOREIGN TABLE {q}"
    if t.partition_of is not None:
        sql = f"{head} PARTITION OF {t.partition_of} {t.partition_bound or 'DEFAULT'}"
    else:
        declared = [
            column_definition(c, column_options_owner(q, c.name)) for c in t.columns if not c.inherited
        ]
        sql = f"{head} (\n    " + ",\n    ".join(declared) + "\n)" if declared else f"{head} ()"
        if t.inherits:
            sql += f" INHERITS ({', '.join(t.inherits)})"
    return f"{sql} SERVER {ident(t.server or '')}{options_clause(t.fdw_options, options_owner(t))}"


def create_hazards(t: Table) -> tuple[Hazard, ...]:
    """NEEDS_SECRET when ``create_statement`` writes a redacted option value (of the table or a
    column it declares)."""
    declared = [] if t.partition_of is not None else [c.fdw_options for c in t.columns if not c.inherited]
    return secret_hazards(t.fdw_options, *declared)


def drop_op(t: Table) -> Op:
    return Op(f"DROP FOREIGN TABLE {qualified(t.schema, t.name)}", (Hazard.BREAKS_CLIENTS,))


def options_ops(old: Table, new: Table) -> list[Op]:
    """ALTER FOREIGN TABLE ... OPTIONS (...) when the table's options differ."""
    clause = alter_options_clause(old.fdw_options, new.fdw_options, options_owner(new))
    if clause is None:
        return []
    sql, hazards = clause
    return [Op(f"ALTER FOREIGN TABLE {qualified(new.schema, new.name)} {sql}", hazards)]


def without_local_storage(ops: list[Op]) -> list[Op]:
    """The ops as they apply to a foreign table: nothing stored here is lost, rewritten or scanned."""
    return [
        dataclasses.replace(
            op, hazards=tuple(h for h in op.hazards if h not in _LOCAL_STORAGE), irreversible=None
        )
        for op in ops
    ]
