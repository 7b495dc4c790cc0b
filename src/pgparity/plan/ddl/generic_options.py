"""Generic OPTIONS of foreign-data wrappers, servers, user mappings, foreign tables and their
columns: the OPTIONS (...) of a CREATE, and the ALTER ... OPTIONS (DROP/SET/ADD ...) clause.

Not a generator itself (registers nothing): foreign_data.py and tables.py share it.

Options are "name=value" texts, sorted by name in a snapshot (model/secrets.py,
``canonical_options``): their order means nothing to PostgreSQL. ALTER ... OPTIONS drops the
options TARGET lacks, SETs the values that changed and ADDs the new ones.

A secret option's value is redacted in snapshots (model/secrets.py): a CREATE, ADD or SET that
writes one writes a psql variable named after ``owner`` (the object's kind and names) and the
option instead (plan/secrets.py), and its op carries NEEDS_SECRET (``secret_hazards``). Two
redacted values are equal: a secret is never SET to "the same" value again.
"""

from __future__ import annotations

from pgparity.diff.hazards import Hazard
from pgparity.model.secrets import REDACTED
from pgparity.plan.secrets import value_sql
from pgparity.sqltext.quote import ident

# Whose options: the object's kind and names, e.g. ("server", "billing") or ("mapping", server,
# role); the psql variables of its secret options are named after them.
Owner = tuple[str, ...]


def column_options_owner(table_sql: str, column: str) -> Owner:
    """Whose options a foreign table's column's are: its table (as statements name it) and name."""
    return ("column", table_sql, column)


def option_items(options: tuple[str, ...]) -> list[tuple[str, str]]:
    """(name, value) of each option, split at the first "=" (as PostgreSQL splits them)."""
    items = []
    for option in options:
        name, _, value = option.partition("=")
        items.append((name, value))
    return items


def options_clause(options: tuple[str, ...], owner: Owner) -> str:
    """`` OPTIONS (name 'value', ...)`` for a CREATE, or "" when there are none."""
    if not options:
        return ""
    items = ", ".join(f"{ident(n)} {value_sql(v, owner, n)}" for n, v in option_items(options))
    return f" OPTIONS ({items})"


def secret_hazards(*options: tuple[str, ...]) -> tuple[Hazard, ...]:
    """(NEEDS_SECRET,) when a statement writing these options writes a redacted value, else ()."""
    redacted = any(v == REDACTED for opts in options for _, v in option_items(opts))
    return (Hazard.NEEDS_SECRET,) if redacted else ()


def alter_options_clause(
    old: tuple[str, ...], new: tuple[str, ...], owner: Owner
) -> tuple[str, tuple[Hazard, ...]] | None:
    """(``OPTIONS (DROP a, SET b '1', ADD c '2')``, its hazards) turning ``old`` into ``new``
    (by name: their order means nothing); None when they are the same. BREAKS_CLIENTS when it
    drops or changes a value, NEEDS_SECRET when it writes a redacted one."""
    old_values, new_items = dict(option_items(old)), option_items(new)
    new_names = {n for n, _ in new_items}
    drops = [f"DROP {ident(n)}" for n in old_values if n not in new_names]
    set_items = [(n, v) for n, v in new_items if n in old_values and old_values[n] != v]
    add_items = [(n, v) for n, v in new_items if n not in old_values]
    if not (drops or set_items or add_items):
        return None
    sets = [f"SET {ident(n)} {value_sql(v, owner, n)}" for n, v in set_items]
    adds = [f"ADD {ident(n)} {value_sql(v, owner, n)}" for n, v in add_items]
    hazards: tuple[Hazard, ...] = (Hazard.BREAKS_CLIENTS,) if drops or set_items else ()
    if any(v == REDACTED for _, v in set_items + add_items):
        hazards += (Hazard.NEEDS_SECRET,)
    return f"OPTIONS ({', '.join(drops + sets + adds)})", hazards
