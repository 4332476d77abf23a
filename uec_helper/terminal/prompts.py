"""The keyboard answerer (one questionary select per question) and the menus.

questionary (and prompt_toolkit under it) costs about 100 ms to import, so it
is imported only here, and this module only when a prompt is really shown.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import questionary
from questionary import Choice as Option
from questionary import Separator

from uec_helper.knowledge.model import KnowledgeBase, Lang
from uec_helper.search.index import Hit, SearchIndex
from uec_helper.search.lookup import Start
from uec_helper.search.views import hit_view
from uec_helper.ui_text import ui
from uec_helper.walk.engine import Move, Walk


class PromptAborted(EOFError):
    """The prompt ended without an answer (EOF on the terminal)."""


def answer_of(question: questionary.Question) -> Any:
    """The answer to a prompt, for every prompt of the tool (helpdesk mode's too).

    EOF raises PromptAborted."""
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
        options: list[Option | Separator] = [Option(title=c.label.get(self.lang), value=c.id) for c in question.choices]
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
        answer: str | Move = answer_of(prompt)
        return answer


def choose_hit(kb: KnowledgeBase, hits: list[Hit], lang: Lang, back: bool = False, **prompt_options: Any) -> Hit | None:
    """Asks which search hit is the caller's problem; None for Back (offered if `back`)."""
    views = [hit_view(kb, hit, lang) for hit in hits]
    options: list[Option | Separator] = [
        Option(title=view.title if view.kind == "tree" else f"{view.title} — {view.tree_title}", value=n)
        for n, view in enumerate(views)
    ]
    if back:
        options += [Separator(), Option(title=ui("back", lang), value=Move.BACK)]
    prompt = questionary.select(
        ui("pick-match", lang), choices=options, instruction=ui("use-arrow-keys", lang), **prompt_options
    )
    picked = answer_of(prompt)
    return None if picked is Move.BACK else hits[picked]


_DESCRIBE = object()  # the menu entry that searches; no tree id can equal it
MATCHES = 5


def choose_tree(kb: KnowledgeBase, lang: Lang, offered: Collection[str], **prompt_options: Any) -> Start:
    """The menu when no TREE is given: describe the problem in your own words
    (search, then pick a match), or pick one of the `offered` trees (those
    without errors). Returns the tree and pre-answers."""
    message = ui("pick-tree", lang)
    trees = [Option(title=t.title.get(lang), value=t.id) for t in kb.menu_trees() if t.id in offered]
    while True:
        options = [Option(title=ui("describe-problem", lang), value=_DESCRIBE), Separator(), *trees]
        prompt = questionary.select(message, choices=options, instruction=ui("use-arrow-keys", lang), **prompt_options)
        picked = answer_of(prompt)
        if picked is not _DESCRIBE:
            return picked, {}
        query = answer_of(questionary.text(ui("describe-prompt", lang), **prompt_options)).strip()
        hits = SearchIndex(kb).search(query, lang, MATCHES, offered) if query else []
        message = ui("no-match", lang).format(query=query) if query and not hits else ui("pick-tree", lang)
        hit = choose_hit(kb, hits, lang, back=True, **prompt_options) if hits else None
        if hit is not None:
            return hit.tree, hit.answers
