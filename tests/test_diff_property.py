"""Property: for random pairs of schemas A and B, the plan A -> B proves out, and so does B -> A.

Schemas are drawn from small pools of table, column and type names so that pairs overlap and
exercise alters (retyped columns, changed defaults and nullability, added and dropped indexes,
checks, views), not only creates and drops. Examples are derandomized so CI is reproducible;
set PGPARITY_HYPOTHESIS_EXAMPLES to explore more.
"""

from __future__ import annotations

import itertools
import os

from difftools import round_trip
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pgparity.cluster import Cluster
from pgparity.plan import PlanOptions

TYPES = {
    "integer": ["0", "42"],
    "bigint": ["0", "7"],
    "text": ["''", "'x'"],
    "varchar(20)": ["'a'"],
    "varchar(40)": ["'b'"],
    "numeric(10,2)": ["0", "1.5"],
    "numeric(12,2)": ["0"],
    "boolean": ["true", "false"],
    "date": ["CURRENT_DATE"],
    "jsonb": ["'{}'::jsonb"],
}
_counter = itertools.count()


@st.composite
def column(draw: st.DrawFn, name: str) -> str:
    type_name = draw(st.sampled_from(sorted(TYPES)))
    parts = [name, type_name]
    if draw(st.booleans()):
        parts.append(f"DEFAULT {draw(st.sampled_from(TYPES[type_name]))}")
    if draw(st.booleans()):
        parts.append("NOT NULL")
    return " ".join(parts)


@st.composite
def table(draw: st.DrawFn, name: str) -> list[str]:
    col_names = draw(st.lists(st.sampled_from(["c1", "c2", "c3", "c4"]), min_size=1, max_size=4, unique=True))
    cols = ["id integer PRIMARY KEY"] if draw(st.booleans()) else ["id integer NOT NULL"]
    cols += [draw(column(c)) for c in sorted(col_names)]
    stmts = [f"CREATE TABLE public.{name} ({', '.join(cols)});"]
    if draw(st.booleans()):
        stmts.append(f"CREATE INDEX {name}_{col_names[0]}_idx ON public.{name} ({col_names[0]});")
    if draw(st.booleans()):
        stmts.append(f"ALTER TABLE public.{name} ADD CONSTRAINT {name}_id_positive CHECK (id > 0);")
    if draw(st.booleans()):
        comment = draw(st.sampled_from(["'one'", "'two'"]))
        stmts.append(f"COMMENT ON TABLE public.{name} IS {comment};")
    if draw(st.booleans()):
        stmts.append(f"CREATE VIEW public.{name}_v AS SELECT id FROM public.{name} WHERE id > 10;")
    return stmts


@st.composite
def schema(draw: st.DrawFn) -> str:
    names = draw(st.lists(st.sampled_from(["t1", "t2", "t3"]), max_size=3, unique=True))
    stmts: list[str] = []
    for name in sorted(names):
        stmts += draw(table(name))
    return "\n".join(stmts) + "\n"


_EXAMPLES = int(os.environ.get("PGPARITY_HYPOTHESIS_EXAMPLES", "15"))


@settings(
    max_examples=_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(a_sql=schema(), b_sql=schema())
def test_random_schema_pairs_prove(cluster: Cluster, a_sql: str, b_sql: str) -> None:
    n = next(_counter)
    result = round_trip(cluster, f"hyp{n}_a", f"hyp{n}_b", a_sql, b_sql, PlanOptions())
    for db in (f"hyp{n}_a", f"hyp{n}_b"):
        cluster.drop_database(db)
    assert result.proof.ok, (
        f"{result.proof.summary()}\n--- a ---\n{a_sql}--- b ---\n{b_sql}--- migration ---\n{result.migration_sql}"
    )
