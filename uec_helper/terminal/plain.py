"""The plain mode (`--plain` or TERM=dumb): for dumb terminals, screen readers
and serial consoles.

Line by line, never a cursor movement or an escape sequence: the question, the
choices numbered from 1, the moves by letter (the last, `q`, quits), then a
prompt line; the person types a number (or a choice id) and Enter. Loads no
prompt library, and prints no rich output: exactly the text below.
"""

from __future__ import annotations

import sys
from typing import Any, TextIO

from uec_helper.errors import Quit
from uec_helper.knowledge.model import Lang
from uec_helper.terminal.menus import QUIT, Menu, Option
from uec_helper.terminal.screen import printable
from uec_helper.ui_text import ui
from uec_helper.views import WalkView


class PlainChooser:
    def __init__(self, stdin: TextIO | None = None, stdout: TextIO | None = None) -> None:
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout

    def _print(self, line: str = "") -> None:
        self.stdout.write(printable(line) + "\n")  # tree texts never reach the terminal as control sequences

    def _read(self, prompt: str) -> str:
        self.stdout.write(prompt)
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
            self._print(f"  {number}. {option.label}")
        moves = [m for m in menu.every_move if m.key]
        for option in moves:
            self._print(f"  {option.key}. {option.label}")
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


def outcome_text(view: WalkView, lang: Lang) -> str:
    """The outcome as plain lines (no frame, no colour), the replay line last."""
    outcome = view.outcome
    assert outcome is not None  # shown only once the walk is finished
    lines = [outcome.title, "", outcome.body]
    if outcome.steps:
        lines += ["", ui("steps", lang) + ":", *(f"{n}. {step}" for n, step in enumerate(outcome.steps, 1))]
    if outcome.warnings:
        lines += ["", ui("warnings", lang) + ":", *(f"- {w}" for w in outcome.warnings)]
    if outcome.contacts:
        lines += ["", ui("contacts", lang) + ":"]
        for contact in outcome.contacts:
            name, *fields = contact.fields()
            lines.append(str(name[1]))
            lines += [f"  {ui(key, lang)}: {value}" for key, value in fields if value]
    if outcome.see_also:
        lines += ["", ui("see-also", lang) + ":"]
        lines += [f"- {doc.title}" + (f" — {doc.url}" if doc.url else "") for doc in outcome.see_also]
    if view.path:
        lines += ["", ui("path", lang) + ":", *(f"- {step.text} → {step.label}" for step in view.path)]
    lines += ["", f"{ui('replay', lang)}: {view.replay}"]
    return "".join(printable(line) + "\n" for line in lines)
