"""Golden reports: tests/fixtures/report/<case>/{a.sql,b.sql} -> the diff in every format and
the plan's files, byte for byte.

The schemas are read once into snapshot files named a.json and b.json (so the reports name
them so, wherever the test runs), then ``pgparity diff`` and ``pgparity plan --no-proof --html`` run
on those. Expected files: diff.txt, diff.md, diff.json, diff.sql, diff.html, and plan.md,
plan.html, migration.sql, rollback.sql (plan.json is diff.json's steps plus the rollback's,
covered by the plan tests). Regenerate with PGPARITY_REGEN=1, then review the change.
"""

from __future__ import annotations

import os
from html.parser import HTMLParser
from pathlib import Path

import pytest
from difftools import load_database

from pgparity.cli.main import main
from pgparity.cluster import Cluster
from pgparity.model.serialize import dumps

CASES_DIR = Path(__file__).parent / "fixtures" / "report"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if (p / "a.sql").exists())
DIFF_FORMATS = {
    "text": "diff.txt",
    "markdown": "diff.md",
    "json": "diff.json",
    "sql": "diff.sql",
    "html": "diff.html",
}
PLAN_FILES = ("plan.md", "plan.html", "migration.sql", "rollback.sql")


def _snapshots(cluster: Cluster, case: str, work: Path) -> None:
    for side in ("a", "b"):
        sql = (CASES_DIR / case / f"{side}.sql").read_text()
        snapshot = load_database(cluster, f"report_{side}", sql, f"{side}.sql")
        (work / f"{side}.json").write_text(dumps(snapshot))


def _check(case: str, name: str, actual: str) -> None:
    expected_path = CASES_DIR / case / name
    if os.environ.get("PGPARITY_REGEN"):
        expected_path.write_text(actual)
    assert actual == expected_path.read_text(), f"{case}/{name} differs from the golden file"


@pytest.mark.parametrize("case", CASES)
def test_reports_match_golden(
    case: str, cluster: Cluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _snapshots(cluster, case, tmp_path)
    monkeypatch.chdir(tmp_path)
    identical = case == "identical"
    for fmt, name in DIFF_FORMATS.items():
        code = main(["diff", "a.json", "b.json", "--format", fmt, "-o", name])
        assert code == (0 if identical else 1)
        _check(case, name, (tmp_path / name).read_text())
    assert main(["plan", "a.json", "b.json", "--no-proof", "--html", "-o", "plan"]) == 0
    for name in PLAN_FILES:
        _check(case, name, (tmp_path / "plan" / name).read_text())


class _TagBalance(HTMLParser):
    """Every element the report opens is closed, in order (the void ones aside)."""

    VOID = frozenset({"meta", "br", "hr", "img", "input", "link"})

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes <{self.open[-1] if self.open else ''}>"
        self.open.pop()


@pytest.mark.parametrize("name", ["diff.html", "plan.html"])
def test_html_is_well_formed_and_escapes_user_text(name: str) -> None:
    text = (CASES_DIR / "mixed" / name).read_text()
    parser = _TagBalance()
    parser.feed(text)
    assert parser.open == []
    # Names, comments and SQL are the user's text: never markup.
    assert "<b>" not in text and "&lt;b&gt;balance&lt;/b&gt;" in text
