"""The plain mode (`--plain` or TERM=dumb): for dumb terminals, screen readers
and serial consoles.

Line by line, never a cursor movement or an escape sequence: the question, the
choices numbered from 1, the moves by letter (the last, `q`, quits), then a
prompt line; the person types a number (or a choice id) and Enter. Loads no
prompt library, and prints no rich output: exactly the text below, broken at
the terminal's width as the rich views break it (linebreak.break_lines: words
and URLs whole, Japanese by its rules), a choice's lines under its label. A
serial console or a screen reader's terminal would otherwise cut words.
"""

from __future__ import annotations

import shutil
import sys
from typing import Any, TextIO

from rich.cells import cell_len

from uec_helper.errors import Quit
from uec_helper.knowledge.model import Lang
from uec_helper.terminal.linebreak import break_lines
from uec_helper.terminal.menus import QUIT, Menu, Option
from uec_helper.terminal.screen import printable
from uec_helper.ui_text import ui
from uec_helper.views import WalkView


def terminal_width() -> int:
    """The terminal's columns (COLUMNS first); 80 without a terminal."""
    return shutil.get_terminal_size().columns


def wrapped(text: str, width: int, prefix: str = "") -> list[str]:
    """`prefix` and `text` in lines of `width` cells, the lines after the
    first under the text (a hanging indent); a word or URL wider than a line
    on a line of its own, whole. Tree texts never reach the terminal as
    control sequences. An empty text is one empty line."""
    line = printable(prefix + text)
    return list(break_lines(line, width, cell_len(printable(prefix)), whole=True)) or [""]


class PlainChooser:
    """`width`: the terminal's columns; None measures them at each question."""

    def __init__(self, stdin: TextIO | None = None, stdout: TextIO | None = None, width: int | None = None) -> None:
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.width = width

    def _print(self, text: str = "", prefix: str = "") -> None:
        for line in wrapped(text, self.width or terminal_width(), prefix):
            self.stdout.write(line + "\n")

    def _read(self, prompt: str) -> str:
        *above, last = wrapped(prompt, self.width or terminal_width())
        for line in above:
            self.stdout.write(line + "\n")
        self.stdout.write(last + prompt[len(prompt.rstrip()) :])  # the space before what is typed
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            # Nothing ended the prompt's line: what follows (the menu again, or the error) starts on its own.
            self._print()
            raise EOFError
        return line.strip()

    def choose(self, menu: Menu) -> Any:
        lang = menu.lang
        self._print()
        for line in menu.message.splitlines():
            self._print(line)
        if menu.hint and menu.hint != ui("use-arrow-keys", lang):
            self._print(menu.hint)
        for number, option in enumerate(menu.choices, 1):
            self._print(option.label, f"  {number}. ")
        moves = [m for m in menu.every_move if m.key]
        for option in moves:
            self._print(option.label, f"  {option.key}. ")
        prompt = ui("plain-prompt", lang).format(last=len(menu.choices))
        while True:
            picked = self._pick(self._read(prompt), menu.choices, moves)
            if picked is not None and picked.value is QUIT:
                raise Quit
            if picked is not None:
                return picked.value
            self._print(ui("plain-again", lang).format(last=len(menu.choices)))

    @staticmethod
    def _pick(typed: str, choices: tuple[Option, ...], moves: list[Option]) -> Option | None:
        """The option the person typed: its number, its letter or its id."""
        if typed.isdigit() and 1 <= int(typed) <= len(choices):
            return choices[int(typed) - 1]
        by_key = {m.key: m for m in moves}
        by_id = {c.value: c for c in choices if isinstance(c.value, str)}
        return by_key.get(typed.lower()) or by_id.get(typed)

    def ask_text(self, message: str) -> str:
        self._print()
        try:
            return self._read(f"{message} ")
        except EOFError:  # Ctrl-D: as Enter alone (a closed input ends at the next menu)
            return ""


def outcome_text(view: WalkView, lang: Lang, width: int) -> str:
    """The outcome as plain lines of `width` cells (no frame, no colour), the
    replay line last, on one line whatever its length: the terminal wraps it,
    and a copy of it runs as one command."""
    outcome = view.reached()
    lines: list[str] = []

    def add(text: str = "", prefix: str = "") -> None:
        lines.extend(wrapped(text, width, prefix))

    add(outcome.title)
    add()
    add(outcome.body)
    if outcome.steps:
        add()
        add(ui("steps", lang) + ":")
        for n, instruction in enumerate(outcome.steps, 1):
            add(instruction, f"{n}. ")
    if outcome.warnings:
        add()
        add(ui("warnings", lang) + ":")
        for warning in outcome.warnings:
            add(warning, "- ")
    if outcome.contacts:
        add()
        add(ui("contacts", lang) + ":")
        for contact in outcome.contacts:
            name, *fields = contact.fields()
            add(str(name[1]))
            for key, value in fields:
                if value:
                    add(value, f"  {ui(key, lang)}: ")
    if outcome.see_also:
        add()
        add(ui("see-also", lang) + ":")
        for doc in outcome.see_also:
            add(doc.title + (f" — {doc.url}" if doc.url else ""), "- ")
    if view.path:
        add()
        add(ui("path", lang) + ":")
        for step in view.path:
            add(f"{step.text} → {step.label}", "- ")
    add()
    lines.append(printable(f"{ui('replay', lang)}: {view.replay}"))
    return "".join(line + "\n" for line in lines)
