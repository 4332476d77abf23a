"""The arrow-key prompt: shows a menus.Menu as a questionary select.

questionary (and prompt_toolkit under it) costs about 100 ms to import, so it
is imported only here, and this module only when a prompt is really shown.

Each entry has a key: the choices 1-9, 0, then letters; the moves their own
letter (b Back, s Start over, l 日本語 / English, t Switch tree, q Quit), the
same keys as the plain prompt. A key moves the cursor, Enter picks. Number keys,
not questionary's type-to-filter: the filter only takes ASCII characters
(its key bindings are `string.printable`), so a Japanese title could never be
typed, and its letter keys would clash with the moves' keys.

questionary cuts a line wider than the terminal (its choices are drawn in a
window that does not wrap), so every line is broken to the terminal's width
here, continuation lines indented under the label's first letter. For the
same reason the answered prompt is erased and echoed here, wrapped.
"""

from __future__ import annotations

import shutil
from typing import Any

import questionary
from questionary import Choice, Separator

from uec_helper.errors import Quit
from uec_helper.terminal.linebreak import break_lines
from uec_helper.terminal.menus import QUIT, Menu

# What questionary draws before a label: " » " and the key, "1) ".
POINTER = 3
KEY = 3
QMARK = 2  # "? " before the message
NUMBER_KEYS = "1234567890acdefghijkmnopruvwxyz"  # without the moves' letters b, l, s, t (and q)


class PromptAborted(EOFError):
    """The prompt ended without an answer (EOF on the terminal)."""


def answer_of(question: questionary.Question) -> Any:
    """The answer to a prompt. EOF raises PromptAborted."""
    # unsafe_ask lets Ctrl-C through as KeyboardInterrupt (the CLI exits 130);
    # ask() would print its own message and return None.
    answer = question.unsafe_ask()
    if answer is None:
        raise PromptAborted
    return answer


def wrapped(text: str, width: int, indent: int) -> str:
    """`text` broken into lines of `width` cells after the first `indent`;
    continuation lines start with `indent` spaces."""
    return ("\n" + " " * indent).join(break_lines(text, max(1, width - indent)))


class QuestionaryChooser:
    """Extra keyword arguments (input, output) go to prompt_toolkit, which is
    how tests feed it keys; `width` is the terminal's, measured when asked."""

    def __init__(self, width: int | None = None, **prompt_options: Any) -> None:
        self.width = width
        self.prompt_options = prompt_options

    def _columns(self) -> int:
        return self.width or shutil.get_terminal_size().columns

    def choose(self, menu: Menu) -> Any:
        width = self._columns()
        keys = iter(NUMBER_KEYS)
        entries: list[Choice | Separator] = [
            Choice(title=wrapped(o.label, width, POINTER + KEY), value=o.value, shortcut_key=next(keys, False))
            for o in menu.choices
        ]
        entries.append(Separator())
        entries += [
            Choice(title=wrapped(o.label, width, POINTER + KEY), value=o.value, shortcut_key=o.key or False)
            for o in menu.every_move
        ]
        message = "\n".join(wrapped(line, width, QMARK) for line in menu.message.splitlines())
        default = next((e for e in entries if isinstance(e, Choice) and e.value == menu.default), None)
        prompt = questionary.select(
            message,
            choices=entries,
            # The hint on a line of its own: after the question it would be cut.
            instruction="\n" + wrapped(menu.hint, width, 0) if menu.hint else None,
            default=default,
            use_shortcuts=True,
            use_jk_keys=False,  # j and k would be number keys of a long menu
            # questionary would leave "? question answer" on one line, cut at
            # the edge; the prompt is erased and the answer echoed, wrapped.
            erase_when_done=True,
            **self.prompt_options,
        )
        answer = answer_of(prompt)
        label = next(o.label for o in (*menu.choices, *menu.every_move) if o.value is answer or o.value == answer)
        print(f"? {message}\n{' ' * POINTER}{wrapped(label, width, POINTER)}", flush=True)
        if answer is QUIT:
            raise Quit
        return answer

    def ask_text(self, message: str) -> str:
        # Broken here like a menu's message: the prompt would break a word at the edge.
        question = wrapped(message, self._columns(), QMARK)
        try:
            text: str = answer_of(questionary.text(question, **self.prompt_options))
        except EOFError:  # Ctrl-D: as Enter alone
            return ""
        return text
