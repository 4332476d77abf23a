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

from uec_helper.knowledge.loader import load_folder
from uec_helper.knowledge.model import KnowledgeBase
from uec_helper.terminal.prompts import KeyboardAnswerer, choose_tree
from uec_helper.walk.engine import Move, Walk, run

from .conftest import SHIPPED_TREES
from .keys import ANSI_ESCAPE, CTRL_C, DOWN, ENTER, UP

CURSOR_UP = re.compile(r"\x1b\[[0-9]*A")  # prompt_toolkit starts each redraw by going up


def answerer(keys: PipeInput, typed: str, lang: str = "en") -> KeyboardAnswerer:
    keys.send_text(typed)
    return KeyboardAnswerer(lang, input=keys, output=DummyOutput())  # type: ignore[arg-type]


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
    answer = KeyboardAnswerer(lang, input=keys, output=output)(walk)  # type: ignore[arg-type]
    return answer, first_drawing(drawn)


def test_enter_picks_the_first_choice(keys: PipeInput, start: Walk) -> None:
    assert answerer(keys, ENTER)(start) == "more"


def test_arrow_down_picks_the_next_choice(keys: PipeInput, start: Walk) -> None:
    assert answerer(keys, DOWN + ENTER)(start) == "done"


def test_arrow_up_from_the_first_choice_wraps_to_the_last(keys: PipeInput, start: Walk) -> None:
    assert answerer(keys, UP + ENTER)(start) == "done"


def test_first_question_offers_no_back_or_start_over(keys: PipeInput, start: Walk) -> None:
    # Down past the last choice wraps around to the first: there is nothing after "Done".
    assert answerer(keys, DOWN + DOWN + ENTER)(start) == "more"


def test_back_follows_the_choices_after_the_first_answer(keys: PipeInput, start: Walk) -> None:
    # Left, Right, (separator, skipped), Back
    assert answerer(keys, DOWN + DOWN + ENTER)(start.answer("more")) is Move.BACK


def test_start_over_is_the_last_entry_after_the_first_answer(keys: PipeInput, start: Walk) -> None:
    assert answerer(keys, UP + ENTER)(start.answer("more")) is Move.START_OVER


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
    typed = ENTER + UP + ENTER + DOWN + ENTER  # more, Start over, done
    walk = run(start, answerer(keys, typed))
    assert walk.outcome is not None and walk.outcome.id == "quick-fix"
    assert walk.answers == {"first": "done"}


def test_ctrl_c_raises_keyboard_interrupt(keys: PipeInput, start: Walk) -> None:
    with pytest.raises(KeyboardInterrupt):
        answerer(keys, CTRL_C)(start)


def test_choose_tree_returns_the_tree_id(keys: PipeInput, mini_kb: KnowledgeBase) -> None:
    keys.send_text(DOWN + ENTER)  # below "Describe your problem in your own words"
    assert choose_tree(mini_kb, "en", ["mini"], input=keys, output=DummyOutput()) == ("mini", {})


def test_ctrl_c_in_the_tree_menu_raises_keyboard_interrupt(keys: PipeInput, mini_kb: KnowledgeBase) -> None:
    keys.send_text(CTRL_C)
    with pytest.raises(KeyboardInterrupt):
        choose_tree(mini_kb, "en", ["mini"], input=keys, output=DummyOutput())


def test_prompt_shows_english_question_choices_and_moves(keys: PipeInput, start: Walk) -> None:
    answer, lines = first_screen_lines(start.answer("more"), "en", keys)
    assert answer == "left"
    assert lines == [
        "? Second question? (Use arrow keys)",
        "» Left",
        "Right",
        "---------------",
        "← Back",
        "↺ Start over",
    ]


def test_prompt_shows_japanese_question_choices_and_moves(keys: PipeInput, start: Walk) -> None:
    answer, lines = first_screen_lines(start.answer("more"), "ja", keys)
    assert answer == "left"
    assert lines == [
        "? 二番目の質問? (矢印キーで選んでください)",
        "» 左",
        "右",
        "---------------",
        "← 戻る",
        "↺ 最初からやり直す",
    ]


def test_prompt_shows_the_question_help_as_its_hint(keys: PipeInput, start: Walk) -> None:
    _, lines = first_screen_lines(start, "ja", keys)
    assert lines == ["? 最初の質問? 一つ選んでください.", "» 詳しく", "完了"]


def test_tree_menu_shows_japanese_titles(keys: PipeInput, mini_kb: KnowledgeBase) -> None:
    drawn, output = screen()
    keys.send_text(DOWN + ENTER)
    assert choose_tree(mini_kb, "ja", ["mini"], input=keys, output=output) == ("mini", {})
    assert first_drawing(drawn) == [
        "? どのようなお困りごとですか? (矢印キーで選んでください)",
        "» 自分の言葉で問題を説明する",
        "---------------",
        "ミニツリー",
    ]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_tree_menu_follows_the_declared_menu_order_in_every_language(keys: PipeInput, lang: str) -> None:
    kb = load_folder(SHIPPED_TREES).knowledge
    assert kb.menu is not None
    drawn, output = screen()
    keys.send_text(DOWN + ENTER)
    assert choose_tree(kb, lang, set(kb.trees), input=keys, output=output) == ("cannot-log-in", {})  # type: ignore[arg-type]
    titles = first_drawing(drawn)[3:]
    assert titles[: len(kb.menu.trees)] == [kb.trees[tree_id].title.get(lang) for tree_id in kb.menu.trees]  # type: ignore[arg-type]
