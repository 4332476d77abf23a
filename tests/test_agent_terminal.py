"""Helpdesk mode in a real pseudo-terminal (pexpect makes its own pty, so this
runs in CI without a TTY on stdin): a call from the first question to the
ticket note, through Back and Switch tree; and Ctrl-C logging an abandoned call."""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path

import pexpect
import pytest

from .conftest import GOOD
from .keys import ANSI_ESCAPE, CTRL_C, CTRL_D, DOWN, ENTER, EXE, TIMEOUT

pytestmark = pytest.mark.skipif(not EXE.exists(), reason="the uec-helper console script is not installed")


def spawn(*args: str) -> tuple[pexpect.spawn, io.StringIO]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("UEC_HELPER_", "LC_", "COLUMNS", "LINES"))}
    # PROMPT_TOOLKIT_NO_CPR: pexpect does not answer cursor-position requests; each prompt would wait 1 s.
    env |= {"TERM": "xterm", "UEC_HELPER_LANG": "en", "PROMPT_TOOLKIT_NO_CPR": "1", "LANG": "C.UTF-8"}
    terminal = pexpect.spawn(
        str(EXE),
        ["--trees", str(GOOD), "diagnose", *args],
        env=env,
        dimensions=(40, 100),
        encoding="utf-8",
        timeout=TIMEOUT,
    )
    transcript = io.StringIO()
    terminal.logfile_read = transcript
    return terminal, transcript


def ask(terminal: pexpect.spawn, text: str, keys: str) -> None:
    terminal.expect(re.escape(text))
    terminal.send(keys)


def test_agent_takes_a_call_through_back_and_switch_tree_to_the_ticket_note(tmp_path: Path) -> None:
    log = tmp_path / "sessions.jsonl"
    terminal, transcript = spawn("--agent", "--caller-lang", "en", "--log", str(log))
    terminal.expect(r"⏱ 00:\d\d  Which problem does the caller have\?")  # the first menu, for the agent
    ask(terminal, "Mini tree", DOWN + ENTER)  # the menu: Describe the problem, Mini tree
    terminal.expect(r"⏱ 00:\d\d  Ask the caller: First question\?")
    terminal.send(ENTER)  # Tell me more
    ask(terminal, "Ask the caller: Second question?", DOWN + DOWN + ENTER)  # Left, Right, Back
    ask(terminal, "Ask the caller: First question?", DOWN + DOWN + ENTER)  # more, done, Switch tree
    ask(terminal, "Which problem does the caller have?", "b" + ENTER)  # Back: to where it was
    ask(terminal, "Ask the caller: First question?", "t" + ENTER)  # Switch tree, this time for real
    ask(terminal, "Mini tree", DOWN + ENTER)
    ask(terminal, "Ask the caller: First question?", ENTER)
    ask(terminal, "Ask the caller: Second question?", "1" + ENTER)  # Left
    terminal.expect("Say this to the caller \\(English\\)")
    ask(terminal, "Did this solve it?", "b" + ENTER)  # Back from the outcome, before anything is recorded
    ask(terminal, "Ask the caller: Second question?", DOWN + ENTER)  # the cursor rests on Left: Right
    terminal.expect("Say this to the caller \\(English\\)")
    ask(terminal, "Did this solve it?", "3" + ENTER)  # yes, no, escalated
    ask(terminal, "Escalated to:", "2" + ENTER)  # Help desk, Someone else
    ask(terminal, "Escalated to (name or office; Enter alone to go back):", "Network team" + ENTER)
    ask(terminal, "Agent note", "Caller will e-mail the desk" + ENTER)
    terminal.expect(pexpect.EOF)
    terminal.close()
    assert terminal.exitstatus == 0

    screen = [line.rstrip() for line in ANSI_ESCAPE.sub("", transcript.getvalue()).replace("\r", "").splitlines()]
    start = screen.index("UEC account helpdesk call")
    assert re.fullmatch(r"Date: \d{4}-\d\d-\d\d \d\d:\d\d.*", screen[start + 1])
    assert re.fullmatch(r"Duration: \d+ min \d+ s", screen[start + 4])
    assert screen[start + 2 : start + 4] == ["Tree: Mini tree [mini]", "Caller's language: English"]
    assert screen[start + 5 : start + 14] == [
        "Questions and answers:",
        "  1. First question? → Tell me more",
        "  2. Second question? → Right",
        "Outcome: Call the desk [call-desk]",
        "Contacts given:",
        "  - Help desk: desk@example.org, Ext. 1234, Room 1",
        "Resolution: Escalated (to Network team)",
        "Agent note: Caller will e-mail the desk",
        f"Replay: uec-helper --trees {GOOD} diagnose mini --answer first=more --answer second=right",
    ]
    record = json.loads(log.read_text(encoding="utf-8"))
    assert (record["mode"], record["outcome"], record["resolution"]) == ("agent", "call-desk", "escalated")
    assert record["escalated_to"] == "Network team"


def test_ctrl_c_logs_the_call_as_abandoned_at_its_question(tmp_path: Path) -> None:
    log = tmp_path / "sessions.jsonl"
    terminal, _ = spawn("mini", "--agent", "--log", str(log))
    ask(terminal, "Ask the caller: First question?", ENTER)
    ask(terminal, "Ask the caller: Second question?", CTRL_C)
    terminal.expect(pexpect.EOF)
    terminal.close()
    assert terminal.exitstatus == 130
    record = json.loads(log.read_text(encoding="utf-8"))
    assert {k: record[k] for k in ("tree", "path", "outcome", "stopped_at", "mode")} == {
        "tree": "mini",
        "path": [{"question": "first", "choice": "more"}],
        "outcome": None,
        "stopped_at": "second",
        "mode": "agent",
    }


@pytest.mark.parametrize(("key", "status"), [(CTRL_D, 0), (CTRL_C, 130)])
def test_ctrl_d_or_ctrl_c_at_the_note_prompt_keeps_the_resolution(tmp_path: Path, key: str, status: int) -> None:
    log = tmp_path / "sessions.jsonl"
    terminal, transcript = spawn("mini", "--agent", "--log", str(log))
    ask(terminal, "Ask the caller: First question?", DOWN + ENTER)  # done
    ask(terminal, "Did this solve it?", ENTER)  # yes
    ask(terminal, "Agent note", key)
    terminal.expect(pexpect.EOF)
    terminal.close()
    assert terminal.exitstatus == status
    screen = ANSI_ESCAPE.sub("", transcript.getvalue())
    assert "Aborted" not in screen and "Traceback" not in screen
    # Ctrl-D: no note, the call ends as usual; Ctrl-C: the call ends here, quietly.
    assert ("Agent note: (none)" in screen) == (key == CTRL_D)
    record = json.loads(log.read_text(encoding="utf-8"))
    assert (record["outcome"], record["resolution"], record["note"]) == ("quick-fix", "yes", None)


def test_searches_in_the_first_menu_and_in_switch_tree_are_logged(tmp_path: Path) -> None:
    log = tmp_path / "sessions.jsonl"
    terminal, _ = spawn("--agent", "--log", str(log))
    ask(terminal, "Which problem does the caller have?", ENTER)  # Describe the problem
    ask(terminal, "Describe the caller's problem (Enter alone to go back):", "zzzz" + ENTER)
    ask(terminal, "Nothing matched “zzzz”. Which problem does the caller have?", ENTER)  # the menu again: Describe
    ask(terminal, "Describe the caller's problem (Enter alone to go back):", "mini" + ENTER)
    ask(terminal, "Which of these matches the caller's problem?", ENTER)  # the best: the tree
    ask(terminal, "Ask the caller: First question?", "t" + ENTER)  # Switch tree
    ask(terminal, "Which problem does the caller have?", ENTER)
    ask(terminal, "Describe the caller's problem (Enter alone to go back):", "quick fix" + ENTER)
    ask(terminal, "Which of these matches the caller's problem?", ENTER)  # leads to the outcome at once
    ask(terminal, "Did this solve it?", ENTER)  # yes
    ask(terminal, "Agent note", ENTER)
    terminal.expect(pexpect.EOF)
    terminal.close()
    assert terminal.exitstatus == 0
    record = json.loads(log.read_text(encoding="utf-8"))
    assert (record["tree"], record["outcome"]) == ("mini", "quick-fix")
    assert record["searches"] == [
        {"query": "zzzz", "top": None, "chosen": False},
        {"query": "mini", "top": "mini", "chosen": True},
        {"query": "quick fix", "top": "quick-fix", "chosen": True},
    ]
