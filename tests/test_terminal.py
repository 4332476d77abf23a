"""The installed `uec-helper` in a real pseudo-terminal (pexpect), as a person uses it.

pexpect makes its own pty, so these run without a TTY on stdin (CI). Screen text
is read with the escape sequences stripped; every wait has a timeout.
"""

from __future__ import annotations

import os
import re
import subprocess

import pexpect
import pytest

from .conftest import GOOD
from .keys import ANSI_ESCAPE, CTRL_C, DOWN, ENTER, EXE, TIMEOUT

# Variables of the outer terminal or CI that would change what is drawn.
OUTER = {"COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "TERM", "LANG", "LANGUAGE"}

pytestmark = pytest.mark.skipif(not EXE.exists(), reason="the uec-helper console script is not installed")


def environment(**overrides: str) -> dict[str, str]:
    kept = {k: v for k, v in os.environ.items() if k not in OUTER and not k.startswith(("LC_", "UEC_HELPER_"))}
    # pexpect does not answer prompt_toolkit's cursor-position requests as a real terminal
    # would, and each prompt would then wait 1 s for the answer before it ends.
    no_cpr = {"PROMPT_TOOLKIT_NO_CPR": "1"}
    return {**kept, **no_cpr, "TERM": "xterm", "UEC_HELPER_LANG": "en", "UEC_HELPER_TREES": str(GOOD), **overrides}


def spawn(*args: str, columns: int = 80, **env: str) -> pexpect.spawn:
    return pexpect.spawn(
        str(EXE), list(args), env=environment(**env), dimensions=(24, columns), encoding="utf-8", timeout=TIMEOUT
    )


def finish(terminal: pexpect.spawn) -> tuple[int, str]:
    """Waits for the end; returns the exit status and what was printed since the last expect."""
    terminal.expect(pexpect.EOF)
    terminal.close()
    assert terminal.signalstatus is None
    return terminal.exitstatus, terminal.before


def plain(text: str) -> str:
    return ANSI_ESCAPE.sub("", text)


def panel_lines(screen: str) -> list[str]:
    lines = plain(screen).splitlines()
    top = next(i for i, line in enumerate(lines) if line.startswith("╭"))
    bottom = next(i for i, line in enumerate(lines) if line.startswith("╰"))
    return lines[top : bottom + 1]


def cell_text(lines: list[str], start: str) -> str:
    """The text of the table cell that begins with `start`, unfolded across its rows."""
    row = next(i for i, line in enumerate(lines) if start in line)
    left = lines[row].rindex("│", 0, lines[row].index(start)) + 1
    right = lines[row].index("│", left)
    pieces = []
    for line in lines[row:]:
        piece = line[left:right].strip()
        if not piece or "─" in line:
            break
        pieces.append(piece)
    return "".join(pieces)


def test_keyboard_walk_with_back_shows_the_outcome_and_exits_0() -> None:
    terminal = spawn("diagnose")
    terminal.expect_exact("What is your problem?")
    terminal.expect_exact("Mini tree")
    terminal.send(DOWN + ENTER)  # below "Describe your problem in your own words"
    terminal.expect_exact("First question?")
    terminal.send(ENTER)  # Tell me more
    terminal.expect_exact("Second question?")
    terminal.expect_exact("← Back")
    terminal.send(DOWN + DOWN + ENTER)  # Left, Right, Back
    terminal.expect_exact("First question?")
    terminal.send(ENTER)  # Tell me more
    terminal.expect_exact("Second question?")
    terminal.send(DOWN + ENTER)  # Right
    terminal.expect_exact("Call the desk")
    status, rest = finish(terminal)
    assert status == 0
    screen = plain(rest)
    assert "desk@example.org" in screen
    # Back removed the first answer, so the path holds each question once.
    assert screen.count("• First question? → Tell me more") == 1
    assert screen.count("• Second question? → Right") == 1
    assert f"uec-helper --trees {GOOD} diagnose mini --answer first=more --answer second=right" in screen


def test_japanese_keyboard_walk_from_the_tree_menu() -> None:
    terminal = spawn("diagnose", UEC_HELPER_LANG="ja")
    terminal.expect_exact("どのようなお困りごとですか?")
    terminal.expect_exact("ミニツリー")
    terminal.send(DOWN + ENTER)  # below 「自分の言葉で問題を説明する」
    terminal.expect_exact("最初の質問?")
    terminal.expect_exact("完了")
    terminal.send(DOWN + ENTER)  # 完了
    terminal.expect_exact("すぐ直る")
    status, rest = finish(terminal)
    assert status == 0
    assert "1. 手順1." in plain(rest)


def test_ctrl_c_at_a_prompt_exits_130_without_a_traceback() -> None:
    terminal = spawn("diagnose", "mini")
    terminal.expect_exact("First question?")
    terminal.send(CTRL_C)
    status, rest = finish(terminal)
    assert status == 130
    assert "Traceback" not in rest and "Aborted" not in rest
    assert plain(rest).strip().splitlines()[-1] == "uec-helper: interrupted"


def test_closed_stdin_is_a_one_line_missing_answer_error() -> None:
    result = subprocess.run(
        [str(EXE), "diagnose", "mini"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=environment(),
        timeout=TIMEOUT,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "uec-helper: error: no answer for question 'first' (First question?); "
        "pass --answer first=CHOICE with CHOICE one of: more, done\n"
    )


def test_stdin_from_dev_null_in_a_terminal_does_not_prompt() -> None:
    terminal = pexpect.spawn(
        "/bin/sh",
        ["-c", f'exec "{EXE}" diagnose mini < /dev/null'],
        env=environment(),
        dimensions=(24, 80),
        encoding="utf-8",
        timeout=TIMEOUT,
    )
    status, screen = finish(terminal)
    assert status == 2
    assert plain(screen).startswith("uec-helper: error: no answer for question 'first'")


def test_forty_columns_keep_the_outcome_inside_the_terminal() -> None:
    terminal = spawn("diagnose", "mini", columns=40)
    terminal.expect_exact("First question?")
    terminal.send(ENTER)
    terminal.expect_exact("Second question?")
    terminal.send(DOWN + ENTER)
    status, rest = finish(terminal)
    assert status == 0
    assert "Traceback" not in rest
    panel = panel_lines(rest)
    assert panel[0].startswith("╭─ Call the desk ")
    assert all(len(line) <= 40 for line in panel)
    screen = "\n".join(panel)
    assert "desk@example.org" in screen or cell_text(panel, "desk@") == "desk@example.org"


def scripted_run(**env: str) -> str:
    terminal = spawn("diagnose", "mini", "-a", "first=more", "-a", "second=right", **env)
    status, screen = finish(terminal)
    assert status == 0
    return screen


@pytest.mark.parametrize("env", [{"TERM": "dumb"}, {"TERM": "dumb", "NO_COLOR": "1"}], ids=["dumb", "dumb+no-color"])
def test_dumb_terminal_gets_no_escape_sequences(env: dict[str, str]) -> None:
    screen = scripted_run(**env)
    assert "\x1b[" not in screen
    assert screen.startswith("Call the desk\r\n")  # the plain mode: plain text, no frame
    assert "desk@example.org" in screen


SGR = re.compile(r"\x1b\[([0-9;]*)m")


def colour_codes(screen: str) -> set[str]:
    """SGR parameters that set a colour (30-49, 90-107); bold, dim and reset are not colours."""
    codes = {code for params in SGR.findall(screen) for code in params.split(";") if code}
    return {c for c in codes if 30 <= int(c) <= 49 or 90 <= int(c) <= 107}


def test_a_terminal_gets_colour_by_default() -> None:
    assert colour_codes(scripted_run()) != set()


def test_no_color_removes_every_colour() -> None:
    # no-color.org asks for no colour; rich still draws bold and dim.
    screen = scripted_run(NO_COLOR="1")
    assert colour_codes(screen) == set()
    assert "desk@example.org" in screen


@pytest.mark.parametrize("columns", [1, 2, 3, 4, 5])
def test_every_width_down_to_one_column_ends(columns: int) -> None:
    answers = ["-a", "first=more", "-a", "second=right"]
    for args in (
        ["diagnose", "mini", *answers],
        ["diagnose", "mini", *answers, "--agent", "--resolution", "yes", "--agent-note", ""],
    ):
        terminal = spawn(*args, columns=columns, COLUMNS=str(columns))
        status, screen = finish(terminal)  # a loop would hit pexpect's timeout here
        assert status == 0
        assert "desk@example.org" in plain(screen).replace("\r\n", "").replace("│", "").replace(" ", "")
