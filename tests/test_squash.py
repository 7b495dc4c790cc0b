"""pgparity squash on real throwaway clusters: the file, its proof, and the report."""

from __future__ import annotations

from pathlib import Path

import pytest

from pgparity.catalog import read_snapshot
from pgparity.cli.main import main
from pgparity.cluster import Cluster, find_binaries
from pgparity.diff import diff_snapshots
from pgparity.migrations.carry import plan_carry
from pgparity.migrations.formats import load_folder
from pgparity.migrations.replay import apply_file, run_script, shimmed_database
from pgparity.migrations.squash import SquashInput, build_squash, select_files, verify_squash
from pgparity.sources import SourceOptions, read_options_for
from pgparity.sqltext.classify import StatementClass, classify

FIXTURES = Path(__file__).parent / "fixtures" / "migrations"
SUPABASE = FIXTURES / "squash_supabase"
UNFAITHFUL = FIXTURES / "squash_unfaithful"


def squash(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["squash", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def supabase_squash(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str, str]:
    """(exit code, the squashed file, the report) for the Supabase fixture through 5 of its 6 files."""
    out_dir = tmp_path_factory.mktemp("squash")
    target, report = out_dir / "squashed.sql", out_dir / "report.txt"
    code = main(
        ["squash", str(SUPABASE), "--through", "20240105000000", "-o", str(target), "--report", str(report)]
    )
    return code, target.read_text(), report.read_text()


def test_supabase_squash_is_proven_and_carries_data_in_order(supabase_squash: tuple[int, str, str]) -> None:
    code, text, report = supabase_squash
    assert code == 0, report
    assert "-- verification: passed" in text.splitlines()[3]
    schema_at = text.index("CREATE TABLE public.items")
    role_at = text.index("create role squash_reader nologin;")
    items_at = text.index("insert into public.items (name) values ('first item');")
    bucket_at = text.index("insert into storage.buckets (id, name, public)")
    update_at = text.index("update items set price = 9.50")
    assert role_at < schema_at < items_at < bucket_at < update_at
    # The update relies on the file's SET search_path: carried just before it, reset after.
    assert text.index("set search_path = public;") < update_at < text.index("RESET search_path;")
    # Objects created and later dropped are not in the squash at all.
    assert "item_import" not in text and "legacy_code" not in text
    assert 'CREATE POLICY "members upload avatars" ON storage.objects' in text


def test_supabase_squash_report(supabase_squash: tuple[int, str, str]) -> None:
    _, _, report = supabase_squash
    lines = report.splitlines()
    assert lines[0] == "squash of 5 migration(s) through 20240105000000_cleanup.sql (1 later file(s) kept)"
    assert "verification passed" in report
    chain = (
        "  public.items: 20240101000000_init.sql, 20240103000000_prices.sql, 20240104000000_defaults.sql,"
        " 20240105000000_cleanup.sql"
    )
    assert chain in lines
    assert (
        "  table:public.item_import: created in 20240103000000_prices.sql, dropped in 20240104000000_defaults.sql"
        in lines
    )
    assert (
        "  column:public.items.legacy_code: created in 20240104000000_defaults.sql,"
        " dropped in 20240105000000_cleanup.sql" in lines
    )
    assert "    + policy:storage.objects.members upload avatars" in lines  # touched by the bucket file
    assert "  20240102000000_avatars_bucket.sql:2: insert" in lines


def test_squashed_file_and_later_files_rebuild_the_folder(
    supabase_squash: tuple[int, str, str], tmp_path: Path
) -> None:
    """An independent check of the proof: the written file, then the remaining file, against the folder."""
    _, text, _ = supabase_squash
    folder = load_folder(SUPABASE)
    options = read_options_for(SourceOptions(), True)
    snapshots = []
    for files_text in ("folder", "squashed"):
        with Cluster() as cluster:  # a cluster each: both create the same cluster-wide role
            shimmed_database(cluster, "db", True)
            with cluster.connect("db") as conn:
                if files_text == "squashed":
                    run_script(conn, text, "squashed.sql")
                    apply_file(conn, folder.versioned()[-1])
                else:
                    for f in folder.versioned():
                        apply_file(conn, f)
                rows = conn.execute("select name, price::text from public.items").fetchall()
                buckets = conn.execute("select id, public from storage.buckets").fetchall()
                snapshots.append((read_snapshot(conn, options), rows, buckets))
    (a, rows_a, buckets_a), (b, rows_b, buckets_b) = snapshots
    assert diff_snapshots(a, b) == []
    assert rows_a == rows_b == [("first item", "9.50")]
    assert buckets_a == buckets_b == [("avatars", True)]


def test_unfaithful_squash_exits_3_and_says_so_in_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # 001 inserts into a column 002 drops: the schema-after-002 cannot take that INSERT.
    target = tmp_path / "squashed.sql"
    code, out, err = squash(capsys, str(UNFAITHFUL), "--through", "2", "-o", str(target))
    assert code == 3 and out == ""
    assert err.count("error: the squashed migration is not equal in effect") == 1
    text = target.read_text()
    header = text.splitlines()[3]
    assert header.startswith("-- VERIFICATION FAILED:")
    # The error points at the INSERT's real line in the written file.
    line = int(header.split(f"{target}:", 1)[1].split(":", 1)[0])
    assert text.splitlines()[line - 1] == "insert into pairs values (1, 2);"
    assert "verification FAILED" in err


def test_a_squash_with_a_different_schema_fails_verification() -> None:
    folder = load_folder(UNFAITHFUL)
    squashed, remaining = select_files(folder, "1")
    inp = SquashInput(
        folder, squashed, remaining, False, read_options_for(SourceOptions(), False), find_binaries()
    )
    with Cluster() as cluster:
        result, final, rows = build_squash(inp, cluster)
    with Cluster() as cluster:
        good = verify_squash(inp, result.body, final, rows, cluster)
    with Cluster() as cluster:
        bad = verify_squash(inp, result.body + "\ncreate table extra (id int);\n", final, rows, cluster)
    assert good.ok, good.summary
    assert not bad.ok
    assert [str(c.key) for c in bad.differences] == ["table:public.extra"]
    assert "1 schema difference(s)" in bad.summary


def test_unknown_through_version_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = squash(capsys, str(UNFAITHFUL), "--through", "7", "-o", str(tmp_path / "x.sql"))
    assert code == 2 and out == ""
    assert err.startswith("error: --through 7: no migration with that version")
    assert not (tmp_path / "x.sql").exists()


def test_statement_classes() -> None:
    assert classify("insert into storage.buckets (id, name) values ('a', 'a')").kind is StatementClass.DATA
    assert classify("select cron.schedule('n', '* * * * *', $$delete from t$$)").kind is StatementClass.DATA
    assert classify("select app.schedule_cleanup()").kind is StatementClass.DATA
    assert (
        classify("with d as (delete from t returning 1) select count(*) from d").kind is StatementClass.DATA
    )
    assert classify("select set_config('search_path', '', false)").kind is StatementClass.SCHEMA
    assert classify("create role r nologin").kind is StatementClass.ROLE
    assert classify("grant r to postgres").kind is StatementClass.ROLE
    assert classify("grant select on t to r").kind is StatementClass.SCHEMA
    assert classify("do $$ begin insert into t values (1); end $$").kind is StatementClass.OPAQUE
    assert classify("set local search_path = app").setting == "search_path"


def test_carry_reports_what_it_cannot_carry(tmp_path: Path) -> None:
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "001_a.sql").write_text(
        "create table t (id int);\nset search_path = public; -- ends in a comment\n"
        "do $$ begin insert into t values (1); end $$;\ninsert into t values (2) -- two\n;\n"
    )
    plan = plan_carry(list(load_folder(folder).versioned()))
    assert [e.where for e in plan.opaque] == ["001_a.sql:3"]
    assert [e.where for e in plan.data] == ["001_a.sql:4"]
    assert "insert into t values (2) -- two\n;" in plan.data_sql  # the ; survives the comment
    assert plan.data_sql.index("set search_path = public;") < plan.data_sql.index("insert into t")
