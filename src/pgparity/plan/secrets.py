"""Secret option values in plans: psql variables the user supplies, never the values themselves.

A snapshot holds ``REDACTED`` for a secret option's value (model/secrets.py). A statement that
must write such a value (CREATE SERVER ... OPTIONS, ALTER ... OPTIONS (ADD/SET ...)) writes
``:'secret__...'`` instead: psql replaces it by the variable's value, quoted. The variable
is named after the object and the option (the value the database the script runs on must hold:
secrets are per environment), e.g. ``secret__server__billing__password``; a name that does
not fit psql's variable syntax as it is gets a short hash. An unset variable is left as it is
by psql and the server rejects the statement, so nothing can install a wrong secret silently;
a script that needs any checks them all in its first statement, before it changes anything.

The proof (and a rebuild from a snapshot) runs scripts without psql: it fills every such
variable with ``REDACTED`` itself, which the catalog reads back as a redacted value, so the
proven schema equals TARGET's as far as snapshots can tell.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from pgparity.model.secrets import REDACTED
from pgparity.plan.steps import Plan, Step
from pgparity.sqltext.quote import literal
from pgparity.sqltext.variables import fill_variables, variable_refs

PREFIX = "secret__"
_CLEAN = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")


def _slug(word: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", word.lower()).strip("_") or "x"


def secret_variable(words: tuple[str, ...], option: str) -> str:
    """The psql variable for option ``option`` of the object ``words`` names (kind first).

    Words are joined with "__": a word that is lower-case letters, digits and single inner
    underscores never holds one, so such names stay apart; any other word is reduced to those
    characters and the name ends with a hash of the exact words, so no two objects share one.
    """
    parts = (*words, option)
    name = PREFIX + "__".join(_slug(w) for w in parts)
    if all(_CLEAN.fullmatch(w) for w in parts):
        return name
    digest = hashlib.sha256("\0".join(parts).encode()).hexdigest()[:8]
    return f"{name}__{digest}"


def value_sql(value: str, words: tuple[str, ...], option: str) -> str:
    """An option's value in a statement: its literal, or the psql variable of a redacted one."""
    if value == REDACTED:
        return f":'{secret_variable(words, option)}'"
    return literal(value)


def secret_variables(statements: Iterable[str]) -> list[str]:
    """The secret variables the statements use, each once, in order of first use."""
    found: dict[str, None] = {}
    for sql in statements:
        if PREFIX in sql:  # the lexer only for the few statements that may hold one
            found.update((r.name, None) for r in variable_refs(sql) if r.name.startswith(PREFIX))
    return list(found)


def plan_secrets(plan: Plan) -> list[tuple[str, int, Step]]:
    """(variable, number of the step first using it, that step) for each secret variable the
    plan's statements use, in order of first use."""
    found: dict[str, tuple[int, Step]] = {}
    for number, step in enumerate(plan.steps, 1):
        for variable in secret_variables(step.sql):
            found.setdefault(variable, (number, step))
    return [(v, n, s) for v, (n, s) in found.items()]


def secrets_json(plan: Plan) -> list[dict[str, object]]:
    """``plan_secrets`` for JSON reports."""
    return [{"variable": v, "step": n, "object": str(s.key)} for v, n, s in plan_secrets(plan)]


def guard_statement(variables: list[str]) -> str:
    """A statement that fails, before anything is changed, unless psql was given every variable."""
    checks = "\n   AND ".join(f":'{v}' IS NOT NULL" for v in variables)
    return f"SELECT {checks}\n    AS secrets_given"


def usage_lines(file: str = "FILE") -> list[str]:
    """What the user must do, as text lines (the script's header and plan.md say the same)."""
    return [
        "This script needs secret option values that pgparity never writes down (passwords,",
        "tokens, keys): it reads each from a psql variable. Set them in a file of lines",
        "  \\set NAME 'value'",
        f"run first: psql -v ON_ERROR_STOP=1 -f secrets.psql -f {file}",
        "(or pass -v NAME=value). Without them its first statement fails and nothing is changed.",
        "Each is the value the database this script runs on must hold:",
    ]


def fill_for_proof(script: str) -> str:
    """``script`` with every secret variable given ``REDACTED`` (for runs without psql)."""
    variables = secret_variables([script])
    return fill_variables(script, dict.fromkeys(variables, REDACTED)) if variables else script
