"""Text reports in colour on a terminal (rich), the same characters as the plain text.

Colour is added line by line to the text a report already rendered, by what the line is (an
added or removed object, a hazard, a failure), so the plain text stays the one source: written
to a file or a pipe it is byte-identical, and on a terminal only the styling differs.
``NO_COLOR`` turns it off (cli/output.py), as does ``TERM=dumb`` (rich).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, TextIO

from pgparity.diff.hazards import Hazard

if TYPE_CHECKING:
    from rich.text import Text

_SEVERE = {Hazard.DATA_LOSS.value.upper()}
_HAZARD_LINE = re.compile(r"^  (?P<name>[A-Z_]+) +step \d+:")
# (pattern of the stripped line, style), the first that matches wins.
_LINE_STYLES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^FAILED\b"), "bold red"),
    (re.compile(r"^(warning|error):"), "yellow"),
    (re.compile(r"^proof: .*\bFAILED\b|^proof: .*did not"), "bold red"),
    (re.compile(r"^proof:"), "green"),
    (re.compile(r"^@@"), "magenta"),
    (re.compile(r"^(\+\+\+|---) (before|after)$"), "dim"),
    (re.compile(r"^\+"), "green"),
    (re.compile(r"^-"), "red"),
    (re.compile(r"^~ "), "yellow"),
    (re.compile(r"^(Hazards|schema \S+|Changes to turn .*|pgparity verify .*)$"), "bold"),
    (re.compile(r"^(hint|detail):"), "cyan"),
)


def line_style(line: str) -> str | None:
    """The style of one report line, None for plain."""
    hazard = _HAZARD_LINE.match(line)
    if hazard:
        return "bold red" if hazard.group("name") in _SEVERE else "yellow"
    stripped = line.strip()
    for pattern, style in _LINE_STYLES:
        if pattern.search(stripped):
            return style
    return None


def styled(text: str) -> Text:
    from rich.text import Text

    result = Text()
    for line in text.splitlines(keepends=True):
        result.append(line, style=line_style(line) or "")
    return result


def print_report(text: str, stream: TextIO) -> None:
    """``text`` to ``stream`` (a terminal), coloured."""
    from rich.console import Console

    console = Console(file=stream, highlight=False, soft_wrap=True)
    console.print(styled(text), end="")
