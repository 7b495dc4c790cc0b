"""The diff report: hazards first, graded by the live SOURCE's table sizes; exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pgparity.cli.main import main
from pgparity.cluster import Cluster
from pgparity.report.diffreport import TableSize


def test_size_grades() -> None:
    assert TableSize(0, 8192).grade == "empty"
    assert TableSize(1000, 200_000).grade == "small"
    assert TableSize(5_000_000, 2 << 30).grade == "large"
    assert TableSize(10**9, 60 << 30).grade == "very large"


def test_live_source_hazards_carry_table_size(
    cluster: Cluster, fresh_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with cluster.connect(fresh_db) as conn:
        conn.execute("CREATE TABLE public.lerg_codes (npa char(3), state text)")
        conn.execute(
            "INSERT INTO public.lerg_codes SELECT lpad(g::text, 3, '0'), 'ST' FROM generate_series(1, 440) g"
        )
        conn.execute("CREATE TABLE public.empty_one (id int)")
        conn.execute("ANALYZE")
    target = tmp_path / "target.sql"
    target.write_text("CREATE TABLE public.other (id int);\n")
    code = main(["diff", cluster.dsn(fresh_db), str(target), "--format", "json"])
    assert code == 1
    report = json.loads(capsys.readouterr().out)
    assert report["hazards"][0]["hazard"] == "data_loss"  # most severe first
    by_object = {(h["object"], h["hazard"]): h for h in report["hazards"]}
    lerg = by_object[("table:public.lerg_codes", "data_loss")]
    assert lerg["grade"] == "small" and "~440 rows" in lerg["size"]
    assert by_object[("table:public.empty_one", "data_loss")]["grade"] == "empty"


def test_identical_sources_exit_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sql = tmp_path / "a.sql"
    sql.write_text("CREATE TABLE public.t (id int PRIMARY KEY);\n")
    assert main(["diff", str(sql), str(sql)]) == 0
    assert "No differences" in capsys.readouterr().out


def test_hazard_on_a_table_no_change_names_is_graded(
    cluster: Cluster, fresh_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An index recreated because the function it uses is recreated: its table is in no change
    (the sizes of changed tables are fetched while planning; this one is asked for after)."""
    with cluster.connect(fresh_db) as conn:
        conn.execute("CREATE FUNCTION public.f(int) RETURNS int IMMUTABLE LANGUAGE sql AS 'select $1'")
        conn.execute("CREATE TABLE public.t (x int)")
        conn.execute("CREATE INDEX t_f ON public.t (public.f(x))")
        conn.execute("INSERT INTO public.t SELECT g FROM generate_series(1, 50) g")
        conn.execute("ANALYZE public.t")
    target = tmp_path / "target.sql"
    target.write_text(
        "CREATE FUNCTION public.f(int) RETURNS bigint IMMUTABLE LANGUAGE sql AS 'select $1::bigint';\n"
        "CREATE TABLE public.t (x int);\n"
        "CREATE INDEX t_f ON public.t (public.f(x));\n"
    )
    assert main(["diff", cluster.dsn(fresh_db), str(target), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert "table:public.t" not in {c["object"] for c in report["changes"]}
    index_hazards = [h for h in report["hazards"] if h["object"] == "index:public.t.t_f"]
    assert index_hazards, report["hazards"]
    assert all(h["grade"] == "small" and "~50 rows" in h["size"] for h in index_hazards)
