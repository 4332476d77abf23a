"""The keyboard answerer: one questionary select per question.

questionary (and prompt_toolkit under it) costs about 100 ms to import, so it
is imported only here, and this module only when a prompt is really shown.
"""

from __future__ import annotations

from typing import Any

import questionary
from questionary import Choice as Option
from questionary import Separator

from .engine import Move, Walk
from .model import KnowledgeBase, Lang
from .ui_text import ui


class PromptAborted(EOFError):
    """The prompt ended without an answer (EOF on the terminal)."""


def _ask(question: questionary.Question) -> Any:
    # unsafe_ask lets Ctrl-C through as KeyboardInterrupt (the CLI exits 130);
    # ask() would print its own message and return None.
    answer = question.unsafe_ask()
    if answer is None:
        raise PromptAborted
    return answer


class KeyboardAnswerer:
    """Asks a person at the keyboard. Extra keyword arguments (input, output)
    go to prompt_toolkit, which is how tests feed it keys."""

    def __init__(self, lang: Lang, **prompt_options: Any) -> None:
        self.lang = lang
        self.prompt_options = prompt_options

    def __call__(self, walk: Walk) -> str | Move:
        question = walk.question
        assert question is not None  # the engine asks only at a question
        options: list[Option | Separator] = [
            Option(title=c.label.get(self.lang), value=c.id) for c in question.choices
        ]
        if walk.steps:
            options += [
                Separator(),
                Option(title=ui("back", self.lang), value=Move.BACK),
                Option(title=ui("start-over", self.lang), value=Move.START_OVER),
            ]
        # questionary's own hint is English only, so always give one.
        hint = question.help.get(self.lang) if question.help else ui("use-arrow-keys", self.lang)
        prompt = questionary.select(
            question.text.get(self.lang),
            choices=options,
            instruction=hint,
            **self.prompt_options,
        )
        answer: str | Move = _ask(prompt)
        return answer


def choose_tree(kb: KnowledgeBase, lang: Lang, **prompt_options: Any) -> str:
    options = [
        Option(title=tree.title.get(lang), value=tree.id)
        for tree in sorted(kb.trees.values(), key=lambda t: t.id)
    ]
    prompt = questionary.select(
        ui("pick-tree", lang), choices=options, instruction=ui("use-arrow-keys", lang), **prompt_options
    )
    tree_id: str = _ask(prompt)
    return tree_id
