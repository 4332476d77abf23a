"""What a person at the terminal is asked, as menus any prompt can show.

A Menu is plain data; a Chooser shows it and returns the value picked: the
arrow-key prompt (prompts.QuestionaryChooser) or the line-by-line one
(plain.PlainChooser). The walk, the problem menu and the helpdesk questions
are built once here and behave the same in both. Importing this module loads
no prompt library.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any, Protocol

from uec_helper.knowledge.model import KnowledgeBase, Lang
from uec_helper.search.index import Hit, SearchIndex
from uec_helper.search.lookup import MENU_NOTE, OnSearch, Start, echoed_query, shown_language, trimmed_query
from uec_helper.search.views import hit_view
from uec_helper.ui_text import Language, ui
from uec_helper.walk.engine import Move, Walk


@dataclass(frozen=True)
class Option:
    label: str
    value: Any
    key: str | None = None  # a letter for a move (b, s, l, t); the choices are numbered


@dataclass(frozen=True)
class Menu:
    message: str  # may hold several lines (the question, then the words to read out)
    choices: tuple[Option, ...]
    moves: tuple[Option, ...] = ()  # Back, Start over, the language switch...
    hint: str = ""
    default: Any = None  # the value the cursor starts on (the answer given before Back)
    lang: Lang = field(kw_only=True)  # the menu's language: Quit's label, the plain prompt's lines

    @property
    def every_move(self) -> tuple[Option, ...]:
        """The moves, then Quit: every menu has a way out, shown on screen."""
        return (*self.moves, Option(ui("quit", self.lang), QUIT, key="q"))


class Chooser(Protocol):
    def choose(self, menu: Menu) -> Any:
        """The value of the option picked; EOF raises EOFError, Ctrl-C KeyboardInterrupt, Quit errors.Quit."""

    def ask_text(self, message: str) -> str:
        """A line of text typed by the person; end of input (Ctrl-D) is "", as Enter alone is."""


class SwitchLanguage:
    """The "日本語 / English" entry's value: no choice id or tree id can equal it."""


SWITCH_LANGUAGE = SwitchLanguage()


class QuitEntry:
    """The Quit entry's value, which the chooser turns into errors.Quit."""


QUIT = QuitEntry()


def language_move() -> Option:
    return Option("日本語 / English", SWITCH_LANGUAGE, key="l")


def back_move(lang: Lang) -> Option:
    return Option(ui("back", lang), Move.BACK, key="b")


def start_over_move(lang: Lang) -> Option:
    return Option(ui("start-over", lang), Move.START_OVER, key="s")


class ToMenu(Exception):
    """Back on the first question, or Start over, in a walk begun at the problem menu."""


class PersonAnswerer:
    """Asks the person at the terminal, in the language in force (which the
    person may switch at any question). `from_menu`: the walk began at the
    problem menu, so Back on its first question and Start over return there."""

    def __init__(self, chooser: Chooser, language: Language, from_menu: bool = False) -> None:
        self.chooser = chooser
        self.language = language
        self.from_menu = from_menu
        self.given: dict[str, str] = {}  # question id -> the answer given last, for the cursor after Back

    def __call__(self, walk: Walk) -> str | Move:
        question = walk.question
        assert question is not None  # the engine asks only at a question
        self.given.update(walk.answers)
        while True:
            lang = self.language.current
            moves = [back_move(lang)] if walk.steps or self.from_menu else []
            moves += [start_over_move(lang)] if walk.steps else []
            menu = Menu(
                question.text.get(lang),
                tuple(Option(c.label.get(lang), c.id) for c in question.choices),
                (*moves, language_move()),
                # questionary's own hint is English only, so always give one.
                question.help.get(lang) if question.help else ui("use-arrow-keys", lang),
                self.given.get(question.id),
                lang=lang,
            )
            answer = self.chooser.choose(menu)
            if answer is SWITCH_LANGUAGE:
                self.language.switch()
                continue
            if self.from_menu and (answer is Move.START_OVER or (answer is Move.BACK and not walk.steps)):
                raise ToMenu
            result: str | Move = answer
            return result


def _hit_menu(
    kb: KnowledgeBase, hits: list[Hit], lang: Lang, moves: tuple[Option, ...], note: str | None, agent: bool
) -> Menu:
    """Which search hit is the problem (the caller's, for the helpdesk `agent`); `note`: a line above the question."""
    views = [hit_view(kb, hit, lang) for hit in hits]
    choices = tuple(
        Option(view.title if view.kind == "tree" else f"{view.title} — {view.tree_title}", n)
        for n, view in enumerate(views)
    )
    message = _lines(note, ui("agent-pick-match", lang) if agent else ui("pick-match", lang))
    return Menu(message, choices, moves, ui("use-arrow-keys", lang), lang=lang)


def choose_hit(kb: KnowledgeBase, hits: list[Hit], lang: Lang, chooser: Chooser, agent: bool = False) -> Hit:
    """Asks which of close search hits `diagnose --query` should take (worded for the helpdesk `agent`)."""
    picked: int = chooser.choose(_hit_menu(kb, hits, lang, (), None, agent))
    return hits[picked]


class Describe:
    """The menu entry that searches: no tree id can equal it."""


_DESCRIBE = Describe()
MATCHES = 5


@dataclass(frozen=True)
class ProblemMenu:
    """The menu when no TREE is given, or the agent's Switch tree."""

    offered: Collection[str]  # the trees without errors
    message: str | None = None  # instead of "What is your problem?" (the agent's wording)
    back: bool = False  # offer Back (the agent's Switch tree can return to the walk)
    default: str | None = None  # the tree the cursor starts on
    on_search: OnSearch | None = None  # hears each search (the session log)
    # The search index, asked for at the first description: the CLI's cached
    # one (search.lookup.index_of); None builds it from the knowledge base.
    index: Callable[[], SearchIndex] | None = None
    # A description clearly in the other language switches the language in
    # force to it, saying so (a person's menu; the agent's screen keeps its own).
    follows_query: bool = False
    agent: bool = False  # the helpdesk agent's menu: it speaks of the caller's problem


def choose_tree(kb: KnowledgeBase, problem: ProblemMenu, chooser: Chooser, language: Language) -> Start | None:
    """Describe the problem in your own words (search, then pick a match), or
    pick a tree. Returns the tree and the answers that pre-answer its path;
    None for Back."""
    note: str | None = None
    index = functools.cache(problem.index or functools.partial(SearchIndex, kb))  # once, however often asked
    while True:
        lang = language.current
        trees = tuple(Option(t.title.get(lang), t.id) for t in kb.menu_trees() if t.id in problem.offered)
        message = note or problem.message or ui("pick-tree", lang)
        moves = ((back_move(lang),) if problem.back else ()) + (language_move(),)
        describe_words = ui("agent-describe-problem", lang) if problem.agent else ui("describe-problem", lang)
        describe = Option(describe_words, _DESCRIBE)
        hint = ui("use-arrow-keys", lang)
        picked = chooser.choose(Menu(message, (describe, *trees), moves, hint, problem.default, lang=lang))
        if picked is SWITCH_LANGUAGE:
            language.switch()
            continue
        if picked is Move.BACK:
            return None
        if picked is not _DESCRIBE:
            return picked, {}
        prompt = ui("agent-describe-prompt", lang) if problem.agent else ui("describe-prompt", lang)
        query = trimmed_query(chooser.ask_text(prompt))
        hits, hit, note = _choose_match(kb, problem, index(), query, chooser, language) if query else ([], None, None)
        if query and problem.on_search is not None:
            problem.on_search(query, hits[0].id if hits else None, hit is not None and hit == hits[0])
        if hit is not None:
            return hit.tree, hit.answers


def _choose_match(
    kb: KnowledgeBase, problem: ProblemMenu, index: SearchIndex, query: str, chooser: Chooser, language: Language
) -> tuple[list[Hit], Hit | None, str | None]:
    """The matches of a description and the one picked (None: Back, or no
    match), with the line the problem menu shows next (no match, saying so).
    The matches offer 日本語 / English, as the menu does: it switches the
    language in force and shows the same query's matches in it."""
    while True:
        lang, said = language.current, None
        if problem.follows_query:
            shown = shown_language(index, query, lang, language.chosen, MENU_NOTE)
            language.current, lang, said = shown.lang, shown.lang, shown.note
        hits = index.search(query, lang, MATCHES, problem.offered)
        if not hits:
            no_match = ui("agent-no-match", lang) if problem.agent else ui("no-match", lang)
            return hits, None, _lines(said, no_match.format(query=echoed_query(query)))
        picked = chooser.choose(_hit_menu(kb, hits, lang, (back_move(lang), language_move()), said, problem.agent))
        if picked is SWITCH_LANGUAGE:
            language.switch()
            continue
        return hits, None if picked is Move.BACK else hits[picked], None


def _lines(*lines: str | None) -> str:
    """A menu's message: the lines given, one under the other."""
    return "\n".join(line for line in lines if line)
