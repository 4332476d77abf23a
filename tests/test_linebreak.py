from __future__ import annotations

import io
import re
from collections.abc import Callable
from itertools import groupby

import pytest
from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text
from rich.tree import Tree as RichTree

from uec_helper.knowledge.loader import load_folder
from uec_helper.knowledge.model import Lang
from uec_helper.search.lookup import search_knowledge
from uec_helper.search.render import results_view
from uec_helper.terminal.linebreak import Paragraph, break_lines
from uec_helper.terminal.listings import TreeMenu
from uec_helper.terminal.render import tree_view

from .conftest import SHIPPED_TREES

SENTENCE = "自宅など学外のネットワークから UEC アカウントを使うには、2要素認証が必要です。事前に設定してください。"


def test_japanese_fills_each_line_instead_of_breaking_only_at_spaces() -> None:
    assert list(break_lines(SENTENCE, 40)) == [
        "自宅など学外のネットワークから UEC アカ",
        "ウントを使うには、2要素認証が必要です。",
        "事前に設定してください。",
    ]


def test_closing_punctuation_never_starts_a_line_and_brackets_never_end_one() -> None:
    lines = list(break_lines("「パスワードの再発行」に沿って再発行してください。", 12))
    assert lines == ["「パスワード", "の再発行」に", "沿って再発行", "してくださ", "い。"]
    assert all(line[0] not in "、。」" and line[-1] != "「" for line in lines)


def test_english_words_stay_whole_with_a_hanging_indent() -> None:
    text = "1. If you have forgotten your UEC account password, have the password reissued."
    assert list(break_lines(text, 30, indent=3)) == [
        "1. If you have forgotten your",
        "   UEC account password, have",
        "   the password reissued.",
    ]


def test_a_word_wider_than_the_line_is_cut_after_a_dot_or_a_hyphen_far_enough_along() -> None:
    assert list(break_lines("https://www.cc.uec.ac.jp/ug/en/account/index.html", 20)) == [
        "https://www.cc.uec.",
        "ac.jp/ug/en/account/",  # its one dot is too near the start: cut where the line is full
        "index.html",
    ]
    assert list(break_lines("✔ Done  [after-graduation-retirement]", 20, indent=2)) == [
        "✔ Done",
        "  [after-graduation-",
        "  retirement]",
    ]


def test_paragraph_renders_within_the_width_in_terminal_cells() -> None:
    console = Console(width=32, record=True, color_system=None)
    console.print(Paragraph(SENTENCE, prefix="• "))
    lines = console.export_text().splitlines()
    assert lines[0] == "• 自宅など学外のネットワークから"
    assert all(cell_len(line) <= 32 for line in lines)
    assert all(line.startswith("  ") for line in lines[1:])


@pytest.mark.parametrize("width", range(-1, 8))
def test_every_width_down_to_one_column_terminates_and_keeps_every_character(width: int) -> None:
    text = "1. " + SENTENCE + " desk@example.org"
    lines = list(break_lines(text, width, indent=3))
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(cell_len(line) <= max(width, 2) for line in lines)  # a wide character needs 2


def test_a_styled_text_keeps_each_piece_s_style_on_the_line_it_lands_on() -> None:
    console = Console(width=24, record=True, color_system="truecolor")
    head = Text.assemble(("休学中も UEC アカウントを利用できます", "bold green"), ("  [回答]", "dim"))
    console.print(Paragraph(head, prefix=Text("1. ", style="bold")))
    lines = console.export_text(styles=False).splitlines()
    assert lines == ["1. 休学中も UEC アカウン", "   トを利用できます  [回", "   答]"]
    segments = [s for s in console.render(Paragraph(head, prefix=Text("1. ", style="bold"))) if s.text != "\n"]
    runs = [("".join(s.text for s in run), style) for style, run in groupby(segments, lambda s: str(s.style))]
    assert runs == [
        ("1. ", "bold"),
        ("休学中も UEC アカウン", "bold green"),
        ("   ", "none"),
        ("トを利用できます", "bold green"),
        ("  [回", "dim"),
        ("   ", "none"),
        ("答]", "dim"),
    ]


def test_a_run_of_spaces_stays_and_a_line_break_or_a_tab_in_the_text_is_a_space() -> None:
    assert list(break_lines("タイトル  [id]", 40)) == ["タイトル  [id]"]
    assert list(break_lines("one\ntwo\tthree", 40)) == ["one two three"]
    assert list(break_lines("   indented why", 40)) == ["   indented why"]  # a prefix of spaces stays


@pytest.mark.parametrize("text", ["日本語です.", "日本語です,", "日本語(英語)です"])
def test_ascii_punctuation_after_japanese_never_starts_a_line(text: str) -> None:
    for width in range(4, 14):  # narrower, a unit is cut: the last resort
        assert all(line[0] not in ".,)" for line in break_lines(text, width)), width


def test_whole_keeps_a_url_wider_than_the_line_whole_on_a_line_of_its_own() -> None:
    url = "https://www.cc.uec.ac.jp/ug/en/account/index.html"
    assert list(break_lines(f"- FAQ — {url} (English)", 30, indent=2, whole=True)) == [
        "- FAQ —",
        url,
        "  (English)",
    ]
    assert list(break_lines(f"1. See {url[:20]} now", 24, indent=3, whole=True)) == [
        "1. See",
        f"   {url[:20]}",
        "   now",
    ]


def test_in_a_table_japanese_fills_the_cell_instead_of_leaving_a_latin_word_alone() -> None:
    """`list --lang ja` had a line holding only "UEC" and one starting with 。."""
    table = Table(show_header=False, box=None, padding=0)
    table.add_column(no_wrap=True)
    table.add_column()
    summary = "UEC アカウントの交付方法と受取場所、通知メールが届かない・読めない場合の対応。"
    table.add_row("receive-account ", Paragraph(summary))
    console = Console(width=40, record=True, color_system=None)
    console.print(table)
    assert [line.rstrip() for line in console.export_text().splitlines()] == [
        "receive-account UEC アカウントの交付方法",
        "                と受取場所、通知メールが",
        "                届かない・読めない場合の",
        "                対応。",
    ]


def test_in_a_tree_a_label_wraps_under_its_mark() -> None:
    """`show --lang ja` at 60 columns broke "✔ UEC" / "アカウントは…"."""
    tree = RichTree("root")
    title = "UEC アカウントは卒業・修了・退職後30日で削除されます"
    tree.add(Paragraph(f"{title}  [after-graduation-retirement]", prefix="✔ "))
    console = Console(width=40, record=True, color_system=None)
    console.print(tree)
    assert console.export_text().splitlines() == [
        "root",
        "└── ✔ UEC アカウントは卒業・修了・退職後",
        "      30日で削除されます",
        "      [after-graduation-retirement]",
    ]


# What may not start a line (kinsoku), as readers of Japanese expect, and the
# characters a table's borders and a tree's guides draw around the texts.
CLOSING = "、。，．・：；？！）」』】〕〉》.,:;!?)]"
FRAME = "│├└┌┐┘┬┴┼─ "
LATIN_WORD = re.compile(r"[A-Za-z0-9]+")  # an id may break after a hyphen: its words stay whole


def drawn(renderable: RenderableType, width: int) -> list[str]:
    console = Console(width=width, record=True, color_system=None, file=io.StringIO())
    console.print(renderable, crop=False)
    return console.export_text().splitlines()


def shipped_drawings(lang: Lang) -> dict[str, Callable[[], RenderableType]]:
    """Every drawing `list`, `show` and `search` make of the shipped trees, by name."""
    loaded = load_folder(SHIPPED_TREES)
    kb = loaded.knowledge
    drawings: dict[str, Callable[[], RenderableType]] = {"list": lambda: TreeMenu(kb, lang)}
    for tree in kb.menu_trees():
        drawings[f"show {tree.id}"] = lambda tree=tree: tree_view(kb, tree, lang)  # type: ignore[misc]
    for query in ("kyugaku", "パスワードを忘れた", "forgot my password", "Google アカウント"):
        view = search_knowledge(loaded, query, lang, 5, lang_chosen=True)
        drawings[f"search {query}"] = lambda view=view: results_view(view, lang)  # type: ignore[misc]
    return drawings


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_list_show_and_search_break_lines_as_japanese_does_and_keep_words_whole(lang: Lang) -> None:
    for name, drawing in shipped_drawings(lang).items():
        words = {word for line in drawn(drawing(), 1000) for word in LATIN_WORD.findall(line)}
        for width in (40, 60, 80):
            lines = drawn(drawing(), width)
            where = f"{name} at {width} columns"
            assert [line for line in lines if cell_len(line) > width and "uec-helper " not in line] == [], where
            texts = [piece.strip(FRAME) for line in lines for piece in line.split("│") if piece.strip(FRAME)]
            assert [text for text in texts if text[0] in CLOSING] == [], where
            assert {word for line in lines for word in LATIN_WORD.findall(line)} <= words, where  # no word cut
