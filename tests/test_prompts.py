"""The keyboard answerer and the tree menu, fed keystrokes through a pipe.

As in questionary's own tests: prompt_toolkit reads keys from `create_pipe_input()`
and draws to `DummyOutput()` (or to a string buffer when the screen is checked).
Keys sent before a prompt starts wait for it, so one pipe can feed several prompts.
"""

from __future__ import annotations

import io
import re

import pytest
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import PipeInput
from prompt_toolkit.output import DummyOutput
from prompt_toolkit.output.vt100 import Vt100_Output

from uec_helper.errors import Quit
from uec_helper.knowledge.loader import load_folder
from uec_helper.knowledge.model import KnowledgeBase
from uec_helper.terminal.menus import PersonAnswerer, ProblemMenu, choose_tree
from uec_helper.terminal.prompts import QuestionaryChooser
from uec_helper.ui_text import Language
from uec_helper.walk.engine import Move, Walk, run

from .conftest import SHIPPED_TREES
from .keys import ANSI_ESCAPE, CTRL_C, CTRL_D, DOWN, ENTER, UP

CURSOR_UP = re.compile(r"\x1b\[[0-9]*A")  # prompt_toolkit starts each redraw by going up


def answerer(keys: PipeInput, typed: str, lang: str = "en") -> PersonAnswerer:
    keys.send_text(typed)
    return PersonAnswerer(QuestionaryChooser(80, input=keys, output=DummyOutput()), Language(lang))  # type: ignore[arg-type]


def menu(kb: KnowledgeBase, lang: str, keys: PipeInput, output: object = None) -> object:
    chooser = QuestionaryChooser(80, input=keys, output=output or DummyOutput())
    return choose_tree(kb, ProblemMenu(sorted(kb.trees)), chooser, Language(lang))  # type: ignore[arg-type]


def screen() -> tuple[io.StringIO, Vt100_Output]:
    """An 80x24 xterm output that draws into a string."""
    drawn = io.StringIO()
    return drawn, Vt100_Output(drawn, lambda: Size(rows=24, columns=80), term="xterm")


def first_drawing(drawn: io.StringIO) -> list[str]:
    """The lines of the prompt as first drawn, before any key changed it."""
    first = CURSOR_UP.split(drawn.getvalue())[0]
    return [line.strip() for line in ANSI_ESCAPE.sub("", first).splitlines()]


def first_screen_lines(walk: Walk, lang: str, keys: PipeInput) -> tuple[str | Move, list[str]]:
    """Answers with Enter; returns the answer and the prompt's first drawing."""
    drawn, output = screen()
    keys.send_text(ENTER)
    answer = PersonAnswerer(QuestionaryChooser(80, input=keys, output=output), Language(lang))(walk)  # type: ignore[arg-type]
    return answer, first_drawing(drawn)


def test_enter_picks_the_first_choice(keys: PipeInput, start: Walk) -> None:
    assert answerer(keys, ENTER)(start) == "more"


def test_arrow_down_picks_the_next_choice(keys: PipeInput, start: Walk) -> None:
    assert answerer(keys, DOWN + ENTER)(start) == "done"


def test_arrow_up_from_the_first_choice_wraps_to_quit(keys: PipeInput, start: Walk) -> None:
    with pytest.raises(Quit):
        answerer(keys, UP + ENTER)(start)


def test_arrow_up_twice_from_the_first_choice_reaches_the_language_switch(keys: PipeInput, start: Walk) -> None:
    # 日本語 / English switches the language and asks again; then Up past Quit and the switch: the last choice.
    assert answerer(keys, UP + UP + ENTER + UP + UP + UP + ENTER)(start) == "done"


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_q_then_enter_quits_at_every_menu(keys: PipeInput, start: Walk, mini_kb: KnowledgeBase, lang: str) -> None:
    with pytest.raises(Quit):
        answerer(keys, "q" + ENTER, lang)(start)
    with pytest.raises(Quit):
        answerer(keys, "q" + ENTER, lang)(start.answer("more"))
    keys.send_text("q" + ENTER)
    with pytest.raises(Quit):
        menu(mini_kb, lang, keys)


def test_q_moves_the_cursor_and_enter_picks_as_the_other_keys_do(keys: PipeInput, start: Walk) -> None:
    assert answerer(keys, "q" + "2" + ENTER)(start) == "done"


def test_number_keys_move_the_cursor(keys: PipeInput, start: Walk) -> None:
    assert answerer(keys, "2" + ENTER)(start) == "done"
    assert answerer(keys, "2" + "1" + ENTER)(start) == "more"


def test_first_question_offers_no_back_or_start_over(keys: PipeInput, start: Walk) -> None:
    # Down past the choices reaches the language switch and Quit, then wraps around to the first.
    assert answerer(keys, DOWN + DOWN + DOWN + DOWN + ENTER)(start) == "more"
    assert answerer(keys, "b" + "s" + ENTER)(start) == "more"  # no such keys here


def test_back_follows_the_choices_after_the_first_answer(keys: PipeInput, start: Walk) -> None:
    # Left, Right, (separator, skipped), Back
    assert answerer(keys, DOWN + DOWN + ENTER)(start.answer("more")) is Move.BACK


def test_start_over_follows_back_after_the_first_answer(keys: PipeInput, start: Walk) -> None:
    assert answerer(keys, UP + UP + UP + ENTER)(start.answer("more")) is Move.START_OVER  # above Quit, 日本語
    assert answerer(keys, "s" + ENTER)(start.answer("more")) is Move.START_OVER
    assert answerer(keys, "b" + ENTER)(start.answer("more")) is Move.BACK


def test_keyboard_walk_through_back_reaches_the_outcome(keys: PipeInput, start: Walk) -> None:
    typed = (
        ENTER  # first: Tell me more
        + DOWN + DOWN + ENTER  # second: Back
        + ENTER  # first again: Tell me more
        + DOWN + ENTER  # second: Right
    )  # fmt: skip
    walk = run(start, answerer(keys, typed))
    assert walk.outcome is not None and walk.outcome.id == "call-desk"
    assert walk.answers == {"first": "more", "second": "right"}


def test_keyboard_walk_through_start_over_reaches_the_outcome(keys: PipeInput, start: Walk) -> None:
    typed = ENTER + "s" + ENTER + "2" + ENTER  # more, Start over, done
    walk = run(start, answerer(keys, typed))
    assert walk.outcome is not None and walk.outcome.id == "quick-fix"
    assert walk.answers == {"first": "done"}


def test_ctrl_c_raises_keyboard_interrupt(keys: PipeInput, start: Walk) -> None:
    with pytest.raises(KeyboardInterrupt):
        answerer(keys, CTRL_C)(start)


def test_choose_tree_returns_the_tree_id(keys: PipeInput, mini_kb: KnowledgeBase) -> None:
    keys.send_text(DOWN + ENTER)  # below "Describe your problem in your own words"
    assert menu(mini_kb, "en", keys) == ("mini", {})


@pytest.mark.parametrize("typed", [ENTER, CTRL_D], ids=["enter", "ctrl-d"])
def test_enter_alone_or_ctrl_d_at_the_description_returns_to_the_menu(
    keys: PipeInput, mini_kb: KnowledgeBase, typed: str
) -> None:
    keys.send_text(ENTER + typed + DOWN + ENTER)  # Describe your problem; nothing; then Mini tree
    assert menu(mini_kb, "en", keys) == ("mini", {})


def test_ctrl_c_in_the_tree_menu_raises_keyboard_interrupt(keys: PipeInput, mini_kb: KnowledgeBase) -> None:
    keys.send_text(CTRL_C)
    with pytest.raises(KeyboardInterrupt):
        menu(mini_kb, "en", keys)


def test_prompt_shows_english_question_choices_and_moves(keys: PipeInput, start: Walk) -> None:
    answer, lines = first_screen_lines(start.answer("more"), "en", keys)
    assert answer == "left"
    assert lines == [
        "? Second question?",
        "(Arrow keys or number keys, then Enter)",
        "» 1) Left",
        "2) Right",
        "---------------",
        "b) ← Back",
        "s) ↺ Start over",
        "l) 日本語 / English",
        "q) Quit",
    ]


def test_prompt_shows_japanese_question_choices_and_moves(keys: PipeInput, start: Walk) -> None:
    answer, lines = first_screen_lines(start.answer("more"), "ja", keys)
    assert answer == "left"
    assert lines == [
        "? 二番目の質問?",
        "(矢印キーか番号キーで選び、Enter)",
        "» 1) 左",
        "2) 右",
        "---------------",
        "b) ← 戻る",
        "s) ↺ 最初からやり直す",
        "l) 日本語 / English",
        "q) 終了",
    ]


def test_prompt_shows_the_question_help_as_its_hint(keys: PipeInput, start: Walk) -> None:
    _, lines = first_screen_lines(start, "ja", keys)
    assert lines == [
        "? 最初の質問?",
        "一つ選んでください.",
        "» 1) 詳しく",
        "2) 完了",
        "---------------",
        "l) 日本語 / English",
        "q) 終了",
    ]


def test_tree_menu_shows_japanese_titles(keys: PipeInput, mini_kb: KnowledgeBase) -> None:
    drawn, output = screen()
    keys.send_text(DOWN + ENTER)
    assert menu(mini_kb, "ja", keys, output) == ("mini", {})
    assert first_drawing(drawn) == [
        "? どのようなお困りごとですか?",
        "(矢印キーか番号キーで選び、Enter)",
        "» 1) 自分の言葉で問題を説明する",
        "2) ミニツリー",
        "---------------",
        "l) 日本語 / English",
        "q) 終了",
    ]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_tree_menu_follows_the_declared_menu_order_in_every_language(keys: PipeInput, lang: str) -> None:
    kb = load_folder(SHIPPED_TREES).knowledge
    assert kb.menu is not None
    drawn, output = screen()
    keys.send_text(DOWN + ENTER)
    chooser = QuestionaryChooser(200, input=keys, output=output)  # wide: every title on one line
    assert choose_tree(kb, ProblemMenu(set(kb.trees)), chooser, Language(lang)) == ("cannot-log-in", {})  # type: ignore[arg-type]
    titles = [re.sub(r"^\S\) ", "", line) for line in first_drawing(drawn)[3:]]
    assert titles[: len(kb.menu.trees)] == [kb.trees[tree_id].title.get(lang) for tree_id in kb.menu.trees]  # type: ignore[arg-type]
