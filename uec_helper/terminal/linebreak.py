"""Line breaking for text that mixes Japanese and English.

rich breaks lines only at spaces, so 「学外から UEC アカウントを使うには…」
breaks at the one space and leaves half a line empty. Japanese may break
between any two characters, except before closing punctuation (、。」) or
after opening brackets (「（): the rules called kinsoku. English words
stay whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.style import StyleType
from rich.text import Text

# A unit is what a line may not be split inside: a run of Latin letters and
# digits (a word), or one character of anything else (Japanese, symbols).
_UNIT = re.compile(r"\s+|[A-Za-z0-9@._:/\-+'’\"()\[\]=,;!?&%#*]+|.", re.DOTALL)
_NO_LINE_START = set("、。，．・：；？！ー）」』】〕〉》ゃゅょっぁぃぅぇぉャュョッァィゥェォ…")
_NO_LINE_END = set("（「『【〔〈《")


def _units(text: str) -> list[str]:
    """Units with kinsoku applied: closing marks stick to what precedes them,
    opening brackets to what follows."""
    units: list[str] = []
    pending_open = ""
    for unit in _UNIT.findall(text):
        if unit[0] in _NO_LINE_START and units and not units[-1].isspace():
            units[-1] += pending_open + unit
            pending_open = ""
        elif unit in _NO_LINE_END:
            pending_open += unit
        else:
            units.append(pending_open + unit)
            pending_open = ""
    if pending_open:
        units.append(pending_open)
    return units


def break_lines(text: str, width: int, indent: int = 0) -> Iterator[str]:
    """The text's lines, each at most `width` cells, continuation lines
    starting after `indent` spaces (a hanging indent, e.g. after "1. ").

    Terminates at any width: every line takes at least one character, and the
    indent shrinks to leave room for it when the terminal is barely wider than the prefix."""
    width = max(1, width)
    indent = max(0, min(indent, width - 2))  # room for a wide (2-cell) character
    line, used = "", 0
    for unit in _units(text):
        size = cell_len(unit)
        if unit.isspace():
            if line.strip():
                line, used = line + " ", used + 1
            continue
        if used + size > width and line.strip():
            yield line.rstrip()
            line, used = " " * indent, indent
        while size > width - used:  # a unit wider than a whole line: cut it
            room = width - used
            head = unit
            while cell_len(head) > room and len(head) > 1:
                head = head[:-1]
            yield line + head
            unit = unit[len(head) :]
            size = cell_len(unit)
            line, used = " " * indent, indent
        line, used = line + unit, used + size
    if line.strip():
        yield line.rstrip()


class Unbroken:
    """One line never broken: a command or an address to copy whole. Printed
    with crop=False, a line wider than the terminal is left to the terminal
    to wrap, softly, so that a copy joins it again; rich would break it with
    newlines (pasting the first line runs another command) or crop it.

    A renderable, not a Text: console.print joins the Texts it is given into
    a new one, which would drop no_wrap."""

    def __init__(self, *parts: str | tuple[str, StyleType]) -> None:
        self.text = Text.assemble(*parts, no_wrap=True, overflow="ignore")

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.text


class Paragraph:
    """A rich renderable that wraps like Japanese text should, and keeps a
    hanging indent under its prefix ("1. ", "• ", "⚠ ")."""

    def __init__(self, text: str, prefix: str = "", style: StyleType = "") -> None:
        self.text = text
        self.prefix = prefix
        self.style = style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        indent = cell_len(self.prefix)
        for line in break_lines(self.prefix + self.text, options.max_width, indent):
            yield Text(line, style=self.style, no_wrap=True, overflow="ignore")
