"""Data reaches the terminal literally: never as rich markup or emoji codes,
never as characters that steer the terminal (issue 10, items 4 and 5).
The inputs are in tests/fixtures/attacks/."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from uec_helper.cli import app
from uec_helper.terminal.screen import console, printable

from .conftest import FIXTURES

ATTACKS = FIXTURES / "attacks"
MARKUP = ATTACKS / "markup"
STEERING = ATTACKS / "steering"
STEERING_CHARACTERS = ["\x1b", "\x07", "\x00", "\x9b", "\x85", "\u202e", "\u202c"]

runner = CliRunner()


def run(*args: str, columns: int = 100) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": str(columns), "UEC_HELPER_LANG": "en"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("columns", [200, 40], ids=["table", "narrow"])
def test_contact_fields_and_tree_texts_are_not_markup(columns: int) -> None:
    code, out, _ = run("--trees", str(MARKUP), "diagnose", "markup", "-a", "first=desk", columns=columns)
    assert code == 0
    flat = "".join(out.replace("│", " ").split())  # narrow lines fold long values
    for literal in [
        "https://example.org/[link=https://evil.example]desk[/link][/]",
        "[link=https://evil.example]Room1[/link]",
    ]:
        assert literal in flat
    assert "HelpDesk[/]" in flat.replace("Helpdesk", "HelpDesk") and "Call[/]thedesk" in flat
    assert ":smile:" in out and "First[/]question?→Call[red]them[/red]" in flat


def test_list_and_show_print_markup_literally() -> None:
    _, listed, _ = run("--trees", str(MARKUP), "list")
    assert "Markup [bold]tree[/bold]" in listed and "Summary [/]" in listed
    _, shown, _ = run("--trees", str(MARKUP), "show", "markup", "--lang", "ja")
    assert "マークアップ [/]" in shown and "窓口 [/]" in shown


def test_stats_values_are_printed_literally_and_without_steering_characters() -> None:
    code, out, _ = run("stats", str(ATTACKS / "markup-log.jsonl"))
    assert code == 0
    assert "[link=https://evil.example]mini[/link]" in out and "[/]" in out
    assert not [c for c in STEERING_CHARACTERS if c in out]
    assert "]0;pwnedx[2J" in out and "qevil" in out  # what is left of the values, inert


def test_json_output_escapes_what_json_leaves_raw() -> None:
    code, out, _ = run("stats", str(ATTACKS / "markup-log.jsonl"), "--json")
    assert code == 0
    assert not [c for c in STEERING_CHARACTERS if c in out]
    assert "\x1b]0;pwned\x07x\x1b[2J" in [tree["tree"] for tree in json.loads(out)["trees"]]
    assert json.loads(out)["abandoned_at"][0]["question"] == "q\u202eevil"


def test_the_note_file_path_is_printed_literally(tmp_path: Path) -> None:
    note_file = tmp_path / "[link=https:evil.example][bold]ticket.txt"
    args = ["--trees", str(MARKUP), "diagnose", "markup", "-a", "first=desk", "--agent", "--resolution", "yes"]
    code, out, _ = run(*args, "--note-file", str(note_file), columns=400)
    assert code == 0 and note_file.exists()
    assert str(note_file) in out


@pytest.mark.parametrize(
    "args",
    [["list"], ["show", "steering"], ["show", "steering", "--lang", "ja"]],
    ids=lambda args: " ".join(args),
)
def test_steering_characters_in_tree_texts_never_reach_the_terminal(args: list[str]) -> None:
    _, out, err = run("--trees", str(STEERING), *args)
    assert "Steering" in out or "ツリー" in out or "Fixed" in out
    assert not [c for c in STEERING_CHARACTERS if c in out + err]


def test_search_offers_no_tree_with_steering_characters_and_prints_none() -> None:
    """Control characters are errors, so search leaves the tree out (a walk refuses it)."""
    code, out, err = run("--trees", str(STEERING), "search", "tree")
    assert code == 0 and "Nothing matched" in out
    assert not [c for c in STEERING_CHARACTERS if c in out + err]


def test_search_results_print_no_steering_characters_even_from_a_tree_with_them() -> None:
    """The one door to the terminal (terminal/screen.py) cleans what search shows, whatever it is given."""
    from uec_helper.knowledge.loader import load_folder
    from uec_helper.search.index import SearchIndex
    from uec_helper.search.render import results_view
    from uec_helper.search.views import search_view

    kb = load_folder(STEERING).knowledge
    hits = SearchIndex(kb).search("tree fixed", "en", 5)
    assert hits
    screen = io.StringIO()
    console(file=screen, width=100).print(results_view(search_view(kb, "tree fixed", hits, "en", "en"), "en"))
    out = screen.getvalue()
    assert "Steering" in out or "Fixed" in out
    assert not [c for c in STEERING_CHARACTERS if c in out]


def test_error_lines_quoting_data_carry_no_steering_characters(tmp_path: Path) -> None:
    code, _, err = run("stats", str(tmp_path / "\x1b]0;pwned\x07log\u202e.jsonl"))
    assert code == 2
    assert (
        err
        == f"uec-helper: error: {tmp_path}/]0;pwnedlog.jsonl: cannot read the session log: No such file or directory\n"
    )


def test_printable_drops_controls_and_bidi_overrides_and_keeps_text() -> None:
    assert printable("a\x1b[2Jb\x9b1mc\x00d\u202ee\u2066f\x7fg\r") == "a[2Jb1mcdefg"
    assert printable("行1\n\t行2 — ✔ [x]") == "行1\n\t行2 — ✔ [x]"
