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
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from rich.cells import cell_len

if TYPE_CHECKING:  # the plain mode breaks lines with rich.cells alone: the rest loads with a renderable
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.measure import Measurement
    from rich.style import StyleType
    from rich.text import Text

# A unit is what a line may not be split inside: a run of Latin letters and
# digits (a word), or one character of anything else (Japanese, symbols).
_UNIT = re.compile(r"\s+|[A-Za-z0-9@._:/\-+'’\"()\[\]=,;!?&%#*]+|.", re.DOTALL)
# ASCII closers too: after Japanese, "." or ")" is a unit of its own.
_NO_LINE_START = set("、。，．・：；？！ー）」』】〕〉》ゃゅょっぁぃぅぇぉャュョッァィゥェォ…") | set(".,:;!?)]")
_NO_LINE_END = set("（「『【〔〈《([")

Span = tuple[int, int]  # a unit's start and end in the text
_WHITESPACE = re.compile(r"\s")


def _spaced(text: str) -> str:
    """Every whitespace character as a space, so that a line is a slice of
    the text: a line break or a tab in a tree text is a space on the screen,
    and a run of spaces stays as written (the two before a tree's "[id]")."""
    return _WHITESPACE.sub(" ", text)


def _units(text: str) -> list[Span]:
    """Units with kinsoku applied: closing marks stick to what precedes them,
    opening brackets to what follows."""
    units: list[Span] = []
    opening: int | None = None  # where a run of opening brackets began
    for found in _UNIT.finditer(text):
        start, end = found.span()
        unit = found.group()
        if unit[0] in _NO_LINE_START and units and not text[units[-1][0]].isspace():
            units[-1] = (units[-1][0], end)
            opening = None
        elif unit in _NO_LINE_END:
            opening = start if opening is None else opening
        else:
            units.append((start if opening is None else opening, end))
            opening = None
    if opening is not None:
        units.append((opening, len(text)))
    return units


@dataclass(frozen=True)
class _Line:
    indent: int  # spaces before the slice
    start: int  # the slice of the (spaced) text the line shows
    end: int


def _cut(text: str, start: int, end: int, room: int) -> int:
    """Where to cut text[start:end] to fit `room` cells: after its last hyphen
    or dot that fits in the second half of the line (an id or a domain cut so
    keeps its words whole), else after as many characters as fit (one at least)."""
    fits = start + 1
    while fits < end and cell_len(text[start : fits + 1]) <= room:
        fits += 1
    joint = max(text.rfind("-", start, fits), text.rfind(".", start, fits)) + 1
    return joint if fits < end and joint - start >= (fits - start) / 2 else fits


def _lines(text: str, units: list[Span], width: int, indent: int, whole: bool) -> Iterator[_Line]:
    """The lines of `text` (spaced) made of `units` (_units), each at most
    `width` cells, continuation lines after `indent` spaces. A unit wider than
    a line is cut (_cut), unless `whole`: then it goes on a line of its own
    from the margin, whole, and the terminal wraps it (a URL cut in pieces
    cannot be copied).

    Terminates at any width: every line takes at least one character, and the
    indent shrinks to leave room for it when the terminal is barely wider than the prefix."""
    width = max(1, width)
    indent = max(0, min(indent, width - 2))  # room for a wide (2-cell) character
    start: int | None = None  # where the line being filled begins; None: nothing on it yet
    end = lead = used = 0  # end: of its last word (spaces after it are not shown)
    broken = False
    for unit_start, unit_end in units:
        if text[unit_start] == " ":
            if start is None and not broken:  # spaces that start the text stay (a prefix); after a break they go
                start = end = unit_start
            if start is not None:
                used += unit_end - unit_start
            continue
        size = cell_len(text[unit_start:unit_end])
        if used + size > width:
            if start is not None and end > start:
                yield _Line(lead, start, end)
                lead, broken = indent, True
            start, used = None, lead  # spaces that start the text give way to a word that needs their room
        if whole and size > width - used:
            yield _Line(0, unit_start, unit_end)  # from the margin: as much of it as can be on one line
            start, lead, used, broken = None, indent, indent, True
            continue
        while size > width - used:  # a unit wider than a whole line: cut it
            cut = _cut(text, unit_start, unit_end, width - used)
            yield _Line(lead, unit_start, cut)
            start, lead, used, broken = None, indent, indent, True
            unit_start, size = cut, cell_len(text[cut:unit_end])
        if start is None:
            start = unit_start
        end, used = unit_end, used + size
    if start is not None and end > start:
        yield _Line(lead, start, end)


def break_lines(text: str, width: int, indent: int = 0, whole: bool = False) -> Iterator[str]:
    """The text's lines, each at most `width` cells, continuation lines
    starting after `indent` spaces (a hanging indent, e.g. after "1. ").
    `whole`: never cut a word or a URL (see _lines)."""
    spaced = _spaced(text)
    for line in _lines(spaced, _units(spaced), width, indent, whole):
        yield " " * line.indent + spaced[line.start : line.end]


class Unbroken:
    """One line never broken: a command or an address to copy whole. Printed
    with crop=False, a line wider than the terminal is left to the terminal
    to wrap, softly, so that a copy joins it again; rich would break it with
    newlines (pasting the first line runs another command) or crop it.

    A renderable, not a Text: console.print joins the Texts it is given into
    a new one, which would drop no_wrap."""

    def __init__(self, *parts: str | tuple[str, StyleType]) -> None:
        from rich.text import Text

        self.text = Text.assemble(*parts, no_wrap=True, overflow="ignore")

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.text


class Paragraph:
    """A rich renderable that wraps like Japanese text should, and keeps a
    hanging indent under its prefix ("1. ", "• ", "⚠ "). Text and prefix may
    be styled Texts: each piece keeps its style on whatever line it lands."""

    def __init__(self, text: str | Text, prefix: str | Text = "", style: StyleType = "") -> None:
        from rich.text import Text

        self.content = Text.assemble(prefix, text, style=style)
        self.content.plain = _spaced(self.content.plain)  # the same length: the styles stay in place
        self.indent = cell_len(prefix if isinstance(prefix, str) else prefix.plain)
        self.units = _units(self.content.plain)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.text import Text

        content = self.content
        for line in _lines(content.plain, self.units, options.max_width, self.indent, whole=False):
            shown = Text(" " * line.indent, style=content.style, no_wrap=True, overflow="ignore")
            yield shown.append_text(content[line.start : line.end])

    @cached_property
    def extent(self) -> Measurement:
        """From the widest unit after the indent (a table may make the column
        that narrow) to the whole text on one line; a table asks several times."""
        from rich.measure import Measurement

        plain = self.content.plain
        widest_unit = max((cell_len(plain[start:end]) for start, end in self.units), default=0)
        one_line = cell_len(plain.rstrip())
        return Measurement(min(self.indent + widest_unit, one_line), one_line)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return self.extent.with_maximum(options.max_width)
