"""Text reports on a terminal: coloured by rich, the same characters as the plain text."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from pgparity.cli.output import write_output
from pgparity.report.terminal import line_style, styled

GOLDEN_TEXT = Path(__file__).parent / "fixtures" / "report" / "mixed" / "diff.txt"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_lines_are_styled_by_what_they_are() -> None:
    text = GOLDEN_TEXT.read_text()
    styles = {line.strip(): line_style(line) for line in text.splitlines()}
    assert styles["DATA_LOSS              step 1: drop table:public.lerg_codes - destroys data"] == "bold red"
    assert (
        styles[
            "SHARE_LOCK             step 6: create index:public.profiles.profiles_email - takes a SHARE lock (blocks writes) while the index builds"
        ]
        == "yellow"
    )
    assert styles["+ profiles.profiles_email"] == "green"
    assert styles["- lerg_codes"] == "red"
    assert styles["~ status"] == "yellow"
    assert styles["@@ -1 +1,2 @@"] == "magenta"
    assert styles["schema public"] == "bold"
    assert styles["2 to create, 4 to alter, 2 to drop; 7 steps."] is None
    assert line_style("FAILED 0003_x.sql:4:1: syntax error [42601]") == "bold red"


def test_styled_text_has_the_same_characters() -> None:
    text = GOLDEN_TEXT.read_text()
    assert styled(text).plain == text


def test_terminal_gets_colour_and_the_same_text(monkeypatch: pytest.MonkeyPatch) -> None:
    text = GOLDEN_TEXT.read_text()
    terminal = _Terminal()
    monkeypatch.setattr("sys.stdout", terminal)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    write_output(text, None, colour=True)
    out = terminal.getvalue()
    assert ANSI.search(out), "no colour on a terminal"
    assert ANSI.sub("", out) == text


def test_pipes_and_no_color_get_plain_text(monkeypatch: pytest.MonkeyPatch) -> None:
    text = GOLDEN_TEXT.read_text()
    pipe = io.StringIO()
    monkeypatch.setattr("sys.stdout", pipe)
    write_output(text, None, colour=True)
    assert pipe.getvalue() == text
    terminal = _Terminal()
    monkeypatch.setattr("sys.stdout", terminal)
    monkeypatch.setenv("NO_COLOR", "1")
    write_output(text, None, colour=True)
    assert terminal.getvalue() == text
