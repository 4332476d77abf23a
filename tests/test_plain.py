"""The plain mode's lines at the terminal's width: words and URLs whole,
Japanese broken by its rules, a choice's lines under its label."""

from __future__ import annotations

import io
import re

import pytest
from rich.cells import cell_len

from uec_helper.knowledge.loader import load_folder
from uec_helper.knowledge.model import Lang
from uec_helper.terminal.menus import Menu, Option
from uec_helper.terminal.plain import PlainChooser, outcome_text
from uec_helper.views import ContactView, DocumentView, OutcomeView, StepView, WalkView, outcome_view

from .conftest import SHIPPED_TREES

CLOSING = "、。，．）」』】.,;:)]"
URL = re.compile(r"https?://\S+")
LATIN_WORD = re.compile(r"[A-Za-z0-9]+")
REPLAY = "uec-helper diagnose uec-cloud-account --answer cloud-problem=which-id"


def shown_menu(menu: Menu, width: int, typed: str = "1\n") -> str:
    shown = io.StringIO()
    PlainChooser(stdin=io.StringIO(typed), stdout=shown, width=width).choose(menu)
    return shown.getvalue()


def test_a_long_choice_wraps_under_its_label_with_every_word_whole() -> None:
    question = "What is the problem with your university Google account (UEC Cloud Account)?"
    menu = Menu(question, (Option("Google does not accept my UEC account name or password", "which-id"),), lang="en")
    assert shown_menu(menu, 40).splitlines() == [
        "",
        "What is the problem with your university",
        "Google account (UEC Cloud Account)?",
        "  1. Google does not accept my UEC",
        "     account name or password",
        "  q. Quit",
        "Type 1-1 or a letter, then Enter: ",
    ]


def test_a_prompt_wider_than_the_terminal_wraps_and_keeps_its_space_before_the_answer() -> None:
    menu = Menu("Which?", (Option("One", "one"),), lang="en")
    assert shown_menu(menu, 20).splitlines()[-2:] == ["Type 1-1 or a", "letter, then Enter: "]


def test_japanese_choices_break_between_characters_never_before_closing_punctuation() -> None:
    label = "卒業・修了・退職して、アカウントが使えなくなった（大学院に進学した場合を除く）。"
    lines = shown_menu(Menu("どのようなことを知りたいですか？", (Option(label, "over"),), lang="ja"), 24).splitlines()
    assert lines[1:5] == ["どのようなことを知りたい", "ですか？", "  1. 卒業・修了・退職し", "     て、アカウントが使"]
    assert all(cell_len(line) <= 24 for line in lines[:-1])
    assert [line for line in lines if line.strip()[:1] in tuple(CLOSING)] == []


def walk_views(lang: Lang) -> list[WalkView]:
    """Every shipped outcome as the plain mode shows it, after a long answered question."""
    kb = load_folder(SHIPPED_TREES).knowledge
    step = StepView("cloud-problem", "What is the problem with your university Google account?", "x", "I forgot it")
    return [
        WalkView("t", lang, (step,), outcome_view(kb, outcome, lang), REPLAY)
        for outcome in sorted(kb.outcomes.values(), key=lambda outcome: outcome.id)
    ]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_shipped_outcome_fits_the_terminal_with_words_and_urls_whole(lang: Lang) -> None:
    for view in walk_views(lang):
        unbroken = outcome_text(view, lang, 10_000)
        words = set(LATIN_WORD.findall(unbroken))
        urls = URL.findall(unbroken)
        for width in (40, 60, 80):
            where = f"{view.outcome.id if view.outcome else '?'} at {width} columns"
            lines = outcome_text(view, lang, width).splitlines()
            too_wide = [line for line in lines if cell_len(line) > width]
            # Only what may not be cut: the replay command, and a URL or word longer than the line, alone on it.
            assert [line for line in too_wide if " " in line.strip() and REPLAY not in line] == [], where
            assert lines[-1].endswith(REPLAY), where
            assert set(LATIN_WORD.findall("\n".join(lines))) <= words, where
            assert all(any(url in line for line in lines) for url in urls), where
            assert [line for line in lines if line.strip()[:1] in tuple(CLOSING)] == [], where


def test_steps_hang_under_their_text_and_a_url_wider_than_the_line_is_alone_and_whole() -> None:
    url = "https://www.cc.uec.ac.jp/ug/en/cloud_account/index.html"
    outcome = OutcomeView(
        "o",
        "Use the UEC Cloud Account",
        "Its ID is your UEC account name followed by @gl.cc.uec.ac.jp.",
        ("Sign in with the full ID, including @gl.cc.uec.ac.jp.",),
        (),
        (ContactView("desk", "Help desk", "desk@example.org", None, "1234", None, None),),
        (DocumentView("UEC Cloud Account (English page)", url),),
    )
    view = WalkView("t", "en", (), outcome, REPLAY)
    assert outcome_text(view, "en", 30).splitlines() == [
        "Use the UEC Cloud Account",
        "",
        "Its ID is your UEC account",
        "name followed by",
        "@gl.cc.uec.ac.jp.",
        "",
        "What to do:",
        "1. Sign in with the full ID,",
        "   including @gl.cc.uec.ac.jp.",
        "",
        "Contact:",
        "Help desk",
        "  E-mail: desk@example.org",
        "  Ext.: 1234",
        "",
        "See also:",
        "- UEC Cloud Account (English",
        "  page) —",
        url,
        "",
        f"Reproduce this answer with: {REPLAY}",
    ]
