"""Declared column renames (--rename-column): the names rewritten inside deparsed SQL, the CLI's
checks, and a proven plan that keeps every row (the round trips are diff_cases/rename_*)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import psycopg
import pytest

from pgparity.cli.main import main
from pgparity.sqltext.renames import rename_column

CASE = Path(__file__).parent / "fixtures" / "diff_cases" / "rename_columns"
RENAMES = [
    "--rename-column=public.profiles.phone=phone_number",
    "--rename-column=public.profiles.id=ident",
    "--rename-column=public.tickets.num=number",
    "--rename-column=public.events.ts=at",
]


@pytest.mark.parametrize(
    ("text", "after", "qualifiers", "expected"),
    [
        # called, cast to, inside a literal: not the column
        (
            "((length(phone) > 5) AND ((phone)::text <> 'phone'::text))",
            None,
            set(),
            "((length(tel) > 5) AND ((tel)::text <> 'phone'::text))",
        ),
        ("(phone(x) = phone)", None, set(), "(phone(x) = tel)"),
        ("((x)::phone = phone)", None, set(), "((x)::phone = tel)"),
        # qualified by another name: another table's column
        ("(o.phone = phone)", None, set(), "(o.phone = tel)"),
        (
            "(old.phone IS DISTINCT FROM new.phone)",
            None,
            {"old", "new"},
            "(old.tel IS DISTINCT FROM new.tel)",
        ),
        # an index's own name and table come before USING
        (
            "CREATE INDEX phone ON public.phone USING btree (phone)",
            "using",
            set(),
            "CREATE INDEX phone ON public.phone USING btree (tel)",
        ),
        # a name that is a keyword, a quoted name, a new name that needs quotes
        ("(date > now())", None, set(), None),
    ],
)
def test_rename_column_in_text(
    text: str, after: str | None, qualifiers: set[str], expected: str | None
) -> None:
    if expected is None:  # the keyword case: renaming "date"
        assert rename_column(text, "date", "day", frozenset(qualifiers), after) == "(day > now())"
        return
    assert rename_column(text, "phone", "tel", frozenset(qualifiers), after) == expected


def test_rename_column_quoting() -> None:
    assert rename_column("(\"Customer Name\" <> '')", "Customer Name", "customer") == "(customer <> '')"
    assert rename_column("(customer <> '')", "customer", "Customer Name") == "(\"Customer Name\" <> '')"
    assert rename_column('("Phone" = phone)', "phone", "tel") == '("Phone" = tel)'
    assert rename_column("not (valid sql", "phone", "tel") == "not (valid sql"


@pytest.mark.parametrize(
    ("rename", "message"),
    [
        ("public.profiles.phone", "expects SCHEMA.TABLE.COLUMN=NEW_NAME"),
        ("profiles.phone=tel", "expects SCHEMA.TABLE.COLUMN=NEW_NAME"),
        ("public.nope.phone=tel", "SOURCE has no table public.nope"),
        ("public.profiles.nope=tel", "has no column nope"),
        ("public.profiles.phone=email", "already has a column email"),
        ("public.profiles.phone=tel", "TARGET has no column tel"),
        ("public.events_2026.ts=at", "the column is inherited; rename it on the parent table"),
    ],
)
def test_bad_renames_are_usage_errors(rename: str, message: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["diff", str(CASE / "a.sql"), str(CASE / "b.sql"), "--rename-column", rename])
    err = capsys.readouterr().err
    assert code == 2, err
    assert message in err
    assert "Traceback" not in err


def test_diff_reports_the_renames(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(CASE / "a.sql"), str(CASE / "b.sql"), "--format", "json", *RENAMES]) == 1
    report = json.loads(capsys.readouterr().out)
    renamed = [(c["object"], c["fields"]) for c in report["changes"] if c["action"] == "rename"]
    phone = [{"after": "phone_number", "before": "phone", "path": "name"}]
    assert ("column:public.profiles.phone_number", phone) in renamed
    assert any(key == "sequence:public.profiles_ident_seq" for key, _ in renamed)
    assert report["summary"]["rename"] == 5
    assert all(c["action"] != "drop" or c["kind"] != "column" for c in report["changes"])
    assert main(["diff", str(CASE / "a.sql"), str(CASE / "b.sql"), *RENAMES]) == 1
    text = capsys.readouterr().out
    assert "> profiles.phone_number\n        name: phone -> phone_number" in text
    assert "5 to rename" in text
    assert "hint:" not in text


def test_diff_suggests_renames(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(CASE / "a.sql"), str(CASE / "b.sql")]) == 1
    hints = [line for line in capsys.readouterr().out.splitlines() if line.startswith("hint:")]
    assert len(hints) == 4, hints  # not events_2026.ts: inherited, renamed with its parent
    assert any("--rename-column public.profiles.phone=phone_number" in hint for hint in hints)
    assert main(["diff", str(CASE / "a.sql"), str(CASE / "b.sql"), "--format", "markdown"]) == 1
    assert "## Possible renames" in capsys.readouterr().out


def test_plan_keeps_every_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed = tmp_path / "seed.sql"
    seed.write_text(
        "INSERT INTO public.profiles (phone, email) VALUES ('5550001111', 'a@x'), ('5550002222', 'b@x');\n"
        "INSERT INTO public.tickets (body) VALUES ('one'), ('two');\n"
        "INSERT INTO public.events VALUES ('2026-05-01', 'x');\n"
    )
    out = tmp_path / "plan"
    code = main(
        ["plan", str(CASE / "a.sql"), str(CASE / "b.sql"), "-o", str(out), "--seed", str(seed), *RENAMES]
    )
    printed = capsys.readouterr()
    assert code == 0, printed.err + printed.out
    assert "rows checked in 5 table(s) without a DATA_LOSS step" in printed.err
    plan = json.loads((out / "plan.json").read_text())
    assert not any("data_loss" in step["hazards"] for step in plan["steps"])
    assert plan["steps"][0]["action"] == "rename"
    # Without the renames the same change drops the columns: the proof with rows fails.
    code = main(
        ["plan", str(CASE / "a.sql"), str(CASE / "b.sql"), "-o", str(tmp_path / "p2"), "--seed", str(seed)]
    )
    capsys.readouterr()
    assert code == 3


def test_renamed_snapshot_reads_as_the_database_does_after_the_rename(conn: psycopg.Connection[Any]) -> None:
    """SOURCE with the renames applied equals SOURCE read again after running them."""
    from pgparity.catalog import read_snapshot
    from pgparity.cluster.execute import run_sql_text
    from pgparity.diff import diff_snapshots
    from pgparity.diff.renames import parse_column_rename, rename_changes, renamed_snapshot
    from pgparity.plan.renames import rename_statement

    run_sql_text(conn, (CASE / "a.sql").read_text(), "a.sql")
    before = read_snapshot(conn)
    declared = [parse_column_rename(r.split("=", 1)[1]) for r in RENAMES]
    for r in declared:
        conn.execute(rename_statement(r))
    after = read_snapshot(conn)
    # No sequence renamed here (``after`` keeps profiles_id_seq): only the declared renames.
    assert rename_changes(before, after, declared) == sorted(declared)
    # Everything but views (not rewritten: a view naming the column is recreated from TARGET).
    left = diff_snapshots(renamed_snapshot(before, declared), after)
    assert [str(ch.key) for ch in left] == ["view:public.phones"]
    keys = {d.dependent for d in after.dependencies} | {d.referenced for d in after.dependencies}
    assert "column:public.profiles.phone_number" in keys
    # The dependency edges too.
    assert renamed_snapshot(before, declared).dependencies == after.dependencies
