from __future__ import annotations

import pytest
from rich.cells import cell_len
from rich.console import Console

from uec_helper.terminal.linebreak import Paragraph, break_lines

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


def test_a_word_wider_than_the_line_is_cut() -> None:
    assert list(break_lines("https://www.cc.uec.ac.jp/ug/en/account/index.html", 20)) == [
        "https://www.cc.uec.a",
        "c.jp/ug/en/account/i",
        "ndex.html",
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
