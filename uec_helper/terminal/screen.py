"""The one door from data to the terminal.

Tree texts, contact fields, log values, notes and file paths are data from
outside the code: printed as they are, never read as rich markup
(`[link=…]`, `[/]`) or emoji codes, and without the characters that steer a
terminal: C0 and C1 controls (ESC, OSC, CSI, NUL, BEL…) and the bidi
overrides that make text read differently from what it is. rich measures
them as zero-width, so dropping them after layout keeps every line aligned.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, ConsoleRenderable, RenderResult

KEPT = "\t\n"
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
STEERING = re.compile(
    "[" + "".join(chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)] if chr(c) not in KEPT) + BIDI + "]"
)


def printable(text: str) -> str:
    """`text` without the characters that would steer the terminal."""
    return STEERING.sub("", text)


class _Printable:
    """Renders a renderable, then drops steering characters from its text
    (not from rich's own control segments: cursor moves, styles)."""

    def __init__(self, renderable: ConsoleRenderable) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.segment import Segment

        for segment in console.render(self.renderable, options):
            if segment.control is None and STEERING.search(segment.text):
                yield Segment(printable(segment.text), segment.style)
            else:
                yield segment


def console(**options: Any) -> Console:
    """A rich Console that prints data literally (see the module's doc);
    `options` go to rich (e.g. `file`, `width`, `highlight`)."""
    from rich.console import Console, RenderHook

    class PrintLiterally(RenderHook):
        def process_renderables(self, renderables: list[ConsoleRenderable]) -> list[ConsoleRenderable]:
            return [_Printable(renderable) for renderable in renderables]

    screen = Console(markup=False, emoji=False, **options)
    screen.push_render_hook(PrintLiterally())
    return screen
