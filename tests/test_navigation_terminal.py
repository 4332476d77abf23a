"""A walk that never traps anyone, in a real pseudo-terminal (pexpect): Back
and Start over to the menu, the cursor after Back, number keys, the language
switch, long labels at 40 columns, the plain mode."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest
from rich.cells import cell_len

from .conftest import FIXTURES, GOOD, SHIPPED_TREES
from .keys import ANSI_ESCAPE, ENTER, EXE, TIMEOUT
from .test_startup_imports import PROBE
from .test_terminal import environment, finish, spawn

pytestmark = pytest.mark.skipif(not EXE.exists(), reason="the uec-helper console script is not installed")
CURSOR_FORWARD = re.compile(r"\x1b\[(\d*)C")


def screen_text(drawn: str) -> str:
    """What a drawing shows: prompt_toolkit moves the cursor right instead of writing spaces."""
    spaced = CURSOR_FORWARD.sub(lambda m: " " * int(m.group(1) or 1), drawn)
    return ANSI_ESCAPE.sub("", spaced).replace("\r", "")


def test_back_on_the_first_question_returns_to_the_menu() -> None:
    terminal = spawn("diagnose")
    terminal.expect_exact("What is your problem?")
    terminal.send("2" + ENTER)  # number key: Mini tree
    terminal.expect_exact("First question?")
    terminal.send("b" + ENTER)
    terminal.expect_exact("What is your problem?")
    terminal.send("2" + ENTER)
    terminal.expect_exact("First question?")
    terminal.send("2" + ENTER)  # Done
    status, rest = finish(terminal)
    assert status == 0 and "Quick fix" in rest


def test_start_over_returns_to_the_menu_or_to_a_given_trees_start() -> None:
    terminal = spawn("diagnose")
    terminal.send("2" + ENTER)
    terminal.expect_exact("First question?")
    terminal.send("1" + ENTER)
    terminal.expect_exact("Second question?")
    terminal.send("s" + ENTER)
    terminal.expect_exact("What is your problem?")
    terminal.sendcontrol("c")
    assert finish(terminal)[0] == 130

    terminal = spawn("diagnose", "mini")
    terminal.expect_exact("First question?")
    terminal.send("1" + ENTER)
    terminal.expect_exact("Second question?")
    terminal.send("s" + ENTER)
    terminal.expect_exact("First question?")
    terminal.send("2" + ENTER)
    status, rest = finish(terminal)
    assert status == 0 and "Quick fix" in rest


def test_after_back_the_cursor_rests_on_the_answer_given_before(tmp_path: Path) -> None:
    # receive-account asks "who" first; its second choice (staff) leads on to another question.
    log = tmp_path / "sessions.jsonl"
    terminal = spawn("diagnose", "receive-account", "--log", str(log), UEC_HELPER_TREES=str(SHIPPED_TREES))
    terminal.expect_exact("Which of these describes you?")
    terminal.send("2" + ENTER)
    terminal.expect_exact("What is your situation?")
    terminal.send("b" + ENTER)
    terminal.expect_exact("Which of these describes you?")
    terminal.send(ENTER)  # Enter alone: the cursor rests on the second choice, not the first
    terminal.expect_exact("What is your situation?")
    terminal.sendcontrol("c")
    assert finish(terminal)[0] == 130
    record = json.loads(log.read_text(encoding="utf-8"))
    assert record["path"] == [{"question": "who", "choice": "staff"}]


def test_language_switch_keeps_the_path_and_the_outcome_log_and_replay_follow(tmp_path: Path) -> None:
    log = tmp_path / "sessions.jsonl"
    terminal = spawn("diagnose", "mini", "--log", str(log))
    terminal.expect_exact("First question?")
    terminal.send("1" + ENTER)
    terminal.expect_exact("Second question?")
    terminal.send("l" + ENTER)  # 日本語 / English
    terminal.expect_exact("二番目の質問?")
    terminal.expect_exact("b) ← 戻る")
    terminal.send("2" + ENTER)  # 右
    status, rest = finish(terminal)
    assert status == 0
    screen = screen_text(rest)
    assert "窓口へ" in screen and "最初の質問? → 詳しく" in screen  # the path, in the language at the end
    assert f"uec-helper --trees {GOOD} diagnose mini --lang ja --answer first=more --answer second=right" in screen
    record = json.loads(log.read_text(encoding="utf-8"))
    assert (record["lang"], record["outcome"]) == ("ja", "call-desk")


def test_query_without_a_match_falls_back_to_the_menu() -> None:
    terminal = spawn("diagnose", "--query", "zzzz qqqq")
    terminal.expect_exact("Nothing matched “zzzz qqqq”. What is your problem?")
    terminal.send("2" + ENTER)
    terminal.expect_exact("First question?")
    terminal.sendcontrol("c")
    assert finish(terminal)[0] == 130


def test_a_query_in_the_other_language_walks_in_its_language_after_a_line_saying_so() -> None:
    for plain in ([], ["--plain"]):
        terminal = spawn("diagnose", "--query", "アカウント", *plain, UEC_HELPER_TREES=str(FIXTURES / "search"))
        terminal.expect_exact("uec-helper: 検索語が日本語なので、日本語で質問します(英語は --lang en)。")
        terminal.expect_exact("何についてですか?")
        terminal.send("2" + ENTER)  # 休学している
        status, rest = finish(terminal)
        assert status == 0
        screen = screen_text(rest)
        assert "休学中も使えます" in screen and "diagnose account --lang ja --answer topic=leave" in screen


def described_in_japanese(log: Path, *options: str) -> pexpect.spawn:
    """A walk begun at the English menu's "Describe your problem" with a
    Japanese description, at its first question."""
    terminal = spawn("diagnose", "--log", str(log), *options, UEC_HELPER_TREES=str(FIXTURES / "search"))
    terminal.expect_exact("What is your problem?")
    terminal.send("1" + ENTER)  # Describe your problem in your own words
    terminal.expect_exact("Describe your problem (Enter alone to go back):")
    terminal.send("アカウント" + ENTER)
    terminal.expect_exact("検索語が日本語なので、日本語で質問します(英語は「日本語 / English」)。")
    terminal.expect_exact("どれがお困りごとに近いですか?")
    terminal.send("1" + ENTER)  # アカウントのトラブル
    terminal.expect_exact("何についてですか?")
    return terminal


def test_a_description_in_the_other_language_walks_in_its_language_and_the_log_records_it(tmp_path: Path) -> None:
    for plain in ([], ["--plain"]):
        log = tmp_path / f"sessions{len(plain)}.jsonl"
        terminal = described_in_japanese(log, *plain)
        terminal.send("2" + ENTER)  # 休学している
        status, rest = finish(terminal)
        assert status == 0
        screen = screen_text(rest)
        assert "休学中も使えます" in screen and "diagnose account --lang ja --answer topic=leave" in screen
        record = json.loads(log.read_text(encoding="utf-8"))
        assert (record["lang"], record["outcome"]) == ("ja", "use-on-leave")
        assert record["searches"] == [{"query": "アカウント", "top": "account", "chosen": True}]


def test_the_log_records_the_language_a_described_walk_ended_in(tmp_path: Path) -> None:
    log = tmp_path / "sessions.jsonl"
    terminal = described_in_japanese(log)
    terminal.send("l" + ENTER)  # 日本語 / English: back to English for the rest of the walk
    terminal.expect_exact("What is it about?")
    terminal.send("2" + ENTER)
    status, rest = finish(terminal)
    assert status == 0 and "You can use it while on leave" in screen_text(rest)
    assert json.loads(log.read_text(encoding="utf-8"))["lang"] == "en"


def tmux(session: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """A tmux command to the test's own server: its socket is named like its
    one session, and no ~/.tmux.conf changes what it shows."""
    command = ["tmux", "-L", session, "-f", "/dev/null", *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=TIMEOUT)


@pytest.fixture
def tmux_session() -> Iterator[str]:
    """A tmux server and session name of this test's own, killed after the
    test whatever happened: the process id and a random part keep two test
    runs at once (two worktrees, CI and a developer) from sharing a session,
    and a server of its own from inheriting another run's environment."""
    name = f"uec-test-{os.getpid()}-{uuid.uuid4().hex}"
    yield name
    socket = tmux(name, "display-message", "-p", "-t", f"={name}:", "#{socket_path}").stdout.strip()
    tmux(name, "kill-server")
    if socket:  # tmux leaves it behind
        Path(socket).unlink(missing_ok=True)


def tmux_start(session: str, *args: str, columns: int, lang: str, trees: Path = SHIPPED_TREES) -> None:
    """`uec-helper ARGS` in the test's tmux session (a real terminal emulator);
    the pane says `exit N` when it ends, and stays for a look."""
    # An explicit environment: the inherited one may hold COLUMNS=80 and LINES=24,
    # which importing readline puts there for child processes but not in os.environ.
    env = environment(UEC_HELPER_TREES=str(trees), UEC_HELPER_LANG=lang, LANG="C.UTF-8")
    command = " ".join(f"'{a}'" for a in [str(EXE), *args])
    started = tmux(
        session,
        *("new-session", "-d", "-s", session, "-x", str(columns), "-y", "40"),
        f"{command}; echo exit $?; sleep 30",
        env=env,
    )
    assert started.returncode == 0, started.stderr


def tmux_wait(session: str, wait_for: str, after: str = "") -> list[str]:
    """The screen's lines once `wait_for` is on it (below the last `after`, if given)."""
    for _ in range(100):
        shown = tmux(session, "capture-pane", "-p", "-t", f"={session}:").stdout
        below = shown.rpartition(after)[2] if after else shown
        if wait_for in below:
            time.sleep(0.3)  # the drawing may still be on its way: look again once it settled
            return tmux(session, "capture-pane", "-p", "-t", f"={session}:").stdout.splitlines()
        time.sleep(0.1)
    raise AssertionError(f"never shown: {wait_for}" + (f" after {after}" if after else "") + f"\n{shown}")


def tmux_keys(session: str, *keys: str) -> None:
    """Types `keys` (tmux key names: Enter, C-d) into the session, one at a time."""
    for key in keys:
        assert tmux(session, "send-keys", "-t", f"={session}:", key).returncode == 0


def tmux_screen(session: str, *args: str, columns: int, lang: str, wait_for: str) -> list[str]:
    """The screen as tmux shows it, once `wait_for` is on it."""
    tmux_start(session, *args, columns=columns, lang=lang)
    return tmux_wait(session, wait_for)


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_word_of_every_menu_title_is_on_a_40_column_screen(lang: str, tmux_session: str) -> None:
    from uec_helper.knowledge.loader import load_folder

    kb = load_folder(SHIPPED_TREES).knowledge
    lines = tmux_screen(tmux_session, "diagnose", columns=40, lang=lang, wait_for="l) 日本語 / English")
    assert [line for line in lines if cell_len(line.rstrip()) > 40] == []
    # A label's continuation lines are indented under its first letter: join them back.
    joined = re.sub(r"\n {6}", " " if lang == "en" else "", "\n".join(line.rstrip() for line in lines))
    for tree in kb.trees.values():
        assert tree.title.get(lang) in joined


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
@pytest.mark.parametrize("columns", [40, 100])
def test_l_in_the_matches_shows_the_same_querys_matches_in_the_other_language(columns: int, tmux_session: str) -> None:
    from uec_helper.knowledge.loader import load_folder
    from uec_helper.search.index import SearchIndex
    from uec_helper.search.views import hit_view
    from uec_helper.terminal.menus import MATCHES

    kb = load_folder(SHIPPED_TREES).knowledge
    query = "パスワードを忘れた"
    english = [hit_view(kb, hit, "en") for hit in SearchIndex(kb).search(query, "en", MATCHES)]
    tmux_screen(tmux_session, "diagnose", columns=columns, lang="en", wait_for="l) 日本語 / English")
    tmux_keys(tmux_session, "1", "Enter")  # Describe your problem
    tmux_wait(tmux_session, "Describe your problem (Enter alone")
    tmux_keys(tmux_session, query, "Enter")
    tmux_wait(tmux_session, "どれがお困りごとに近いですか?")  # followed to Japanese, the line naming the switch
    tmux_keys(tmux_session, "l", "Enter")
    lines = tmux_wait(tmux_session, "← Back")
    assert [line for line in lines if cell_len(line.rstrip()) > columns] == []
    joined = re.sub(r"\n {6}", " ", "\n".join(line.rstrip() for line in lines))
    assert "Which of these matches your problem?" in joined and "l) 日本語 / English" in joined
    for view in english:  # every match, in English, each whole on the screen
        assert view.title in joined and view.tree_title in joined


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_search_at_40_columns_wraps_as_japanese_does_and_its_replay_is_one_line(tmux_session: str) -> None:
    replay = "uec-helper diagnose account-lifetime --lang ja --answer situation=leave"  # romaji: results in Japanese
    lines = tmux_screen(tmux_session, "search", "kyugaku", "-n", "1", columns=40, lang="en", wait_for="exit 0")
    assert [line for line in lines if cell_len(line.rstrip()) > 40] == []
    assert [line for line in lines if line.strip()[:1] in tuple("、。）」")] == []
    # -J joins what the terminal wrapped, as a copy from the screen does; what was written with a newline stays apart.
    joined = tmux(tmux_session, "capture-pane", "-p", "-J", "-t", f"={tmux_session}:").stdout.splitlines()
    assert f"   {replay}" in [line.rstrip() for line in joined]


def plain_run(*args: str, typed: list[str], **env: str) -> tuple[int, str]:
    """Types each line at a prompt; returns the exit status and everything the terminal showed."""
    terminal = spawn(*args, **env)
    transcript = io.StringIO()
    terminal.logfile_read = transcript
    for line in typed:
        terminal.expect(r": $")
        terminal.sendline(line)
    status, _ = finish(terminal)
    return status, transcript.getvalue()


def test_plain_mode_end_to_end_without_a_single_escape_byte(tmp_path: Path) -> None:
    log = tmp_path / "sessions.jsonl"
    # menu: 2 Mini tree; first: 1 more; second: b; first: more; second: l (日本語); 右
    status, screen = plain_run("diagnose", "--log", str(log), typed=["2", "1", "b", "more", "l", "2"], TERM="dumb")
    assert status == 0
    assert "\x1b" not in screen
    assert "  1. Tell me more\r\n  2. Done\r\n  b. ← Back" in screen  # Back to the menu from the first question
    assert "二番目の質問?\r\n  1. 左\r\n  2. 右\r\n  b. ← 戻る\r\n  s. ↺ 最初からやり直す" in screen
    assert "窓口へ\r\n\r\n窓口に聞いてください。" in screen or "窓口へ\r\n" in screen
    assert "--lang ja --answer first=more --answer second=right" in screen
    record = json.loads(log.read_text(encoding="utf-8"))
    assert (record["lang"], record["outcome"], record["mode"]) == ("ja", "call-desk", "user")


def test_plain_flag_in_an_xterm_writes_no_escape_byte_either() -> None:
    status, screen = plain_run("diagnose", "mini", "--plain", typed=["x", "2"])
    assert status == 0
    assert "\x1b" not in screen
    assert "Please type a number from 1 to 2, or one of the letters shown." in screen
    assert screen.rstrip().splitlines()[0].strip() == ""  # a blank line, then the question
    assert "Quick fix" in screen


def test_plain_mode_at_40_columns_breaks_lines_between_words_under_each_label() -> None:
    terminal = spawn("diagnose", "uec-cloud-account", "--plain", columns=40, UEC_HELPER_TREES=str(SHIPPED_TREES))
    transcript = io.StringIO()
    terminal.logfile_read = transcript
    terminal.expect(r": $")
    terminal.sendline("1")  # Google does not accept my UEC account name or password, or I don't know which ID to use
    status, _ = finish(terminal)
    assert status == 0
    lines = transcript.getvalue().replace("\r", "").splitlines()
    assert "\x1b" not in transcript.getvalue()
    replay = "Reproduce this answer with: uec-helper diagnose uec-cloud-account --answer cloud-problem=which-id"
    wide = [line for line in lines if cell_len(line) > 40]
    assert [line for line in wide if " " in line.strip() and line != replay] == []  # else a URL, alone and whole
    assert "Google account (UEC Cloud Account)?" in lines  # broken at a space: "(UEC C" / "loud Account)" before
    choice = lines.index("  1. Google does not accept my UEC")
    assert lines[choice + 1].startswith("     account name or password")
    assert replay in lines


def test_plain_mode_q_quits_with_0_quietly_and_eof_is_exit_2() -> None:
    status, screen = plain_run("diagnose", "mini", "--plain", typed=["q"])
    assert status == 0
    assert screen.endswith(
        "  q. Quit\r\nType 1-2 or a letter, then Enter: q\r\n"
    )  # nothing after: no error, no "interrupted"
    terminal = spawn("diagnose", "mini", "--plain")
    terminal.expect(r": $")
    terminal.sendeof()
    status, screen = finish(terminal)
    assert status == 2
    assert screen == "\r\nuec-helper: error: the terminal closed before an answer was given\r\n"


@pytest.mark.parametrize("plain", [[], ["--plain"]], ids=["arrow-keys", "plain"])
def test_ctrl_d_at_the_description_returns_to_the_menu_and_at_a_menu_ends_in_the_uis_language(
    plain: list[str],
) -> None:
    terminal = spawn("diagnose", "--lang", "ja", *plain)
    terminal.expect_exact("どのようなお困りごとですか?")
    terminal.send("1" + ENTER)  # 自分の言葉で問題を説明する
    terminal.expect_exact("お困りごとを入力してください (Enter だけで戻る):")
    terminal.sendeof()  # as Enter alone: back to the menu
    terminal.expect_exact("どのようなお困りごとですか?")
    terminal.expect_exact("日本語 / English")  # the menu's last entry: drawn whole
    if plain:  # a menu cannot take an empty answer: the end of input ends the walk, on a line of its own
        terminal.sendeof()
        status, screen = finish(terminal)
        assert status == 2
        assert screen.endswith(": \r\nuec-helper: error: 回答を選ぶ前に端末の入力が終わりました\r\n")
    else:
        terminal.send("2" + ENTER)  # ミニツリー
        terminal.expect_exact("最初の質問?")
        terminal.sendcontrol("c")
        assert finish(terminal)[0] == 130


def test_plain_mode_loads_no_prompt_library() -> None:
    terminal = pexpect.spawn(
        sys.executable,
        ["-c", PROBE, "diagnose", "mini", "--plain"],
        env=environment(),
        dimensions=(24, 80),
        encoding="utf-8",
        timeout=TIMEOUT,
    )
    terminal.expect(r": $")
    terminal.sendline("2")
    status, screen = finish(terminal)
    assert status == 0
    assert screen.rstrip().splitlines()[-2:] == ["LOADED:", "HELPDESK:False"]


def test_plain_mode_without_a_terminal_is_still_a_missing_answer_error() -> None:
    result = subprocess.run(
        [str(EXE), "diagnose", "mini", "--plain"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=environment(),
        timeout=TIMEOUT,
    )
    assert result.returncode == 2 and "no answer for question 'first'" in result.stderr


def test_plain_helpdesk_call_with_back_and_escalation_writes_no_escape_byte(tmp_path: Path) -> None:
    log = tmp_path / "sessions.jsonl"
    # first: more; second: Right; resolution: Back; second: Left; Escalated; Someone else; name; no note
    typed = ["1", "2", "b", "1", "3", "2", "Network team", ""]
    status, screen = plain_run(
        "diagnose", "mini", "--agent", "--caller-lang", "ja", "--log", str(log), typed=typed, TERM="dumb"
    )
    assert status == 0
    assert "\x1b" not in screen
    assert "Ask the caller: Second question?\r\nRead out: 二番目の質問?\r\n" in screen
    assert "Say this to the caller (Japanese):\r\nすぐ直る\r\n" in screen  # Left, after Back
    assert "Tree: Mini tree [mini]\r\n" in screen and "Resolution: Escalated (to Network team)\r\n" in screen
    record = json.loads(log.read_text(encoding="utf-8"))
    assert (record["outcome"], record["resolution"], record["escalated_to"]) == (
        "quick-fix",
        "escalated",
        "Network team",
    )


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_back_from_escalated_to_asks_did_this_solve_it_again_on_a_40_column_screen(
    tmux_session: str, tmp_path: Path
) -> None:
    log = tmp_path / "sessions.jsonl"
    tmux_start(tmux_session, "diagnose", "mini", "--agent", "--log", str(log), columns=40, lang="en", trees=GOOD)
    tmux_wait(tmux_session, "Pick one.")  # the first question's help
    tmux_keys(tmux_session, "2", "Enter")  # Done: the outcome
    tmux_wait(tmux_session, "Did this solve it?")
    tmux_keys(tmux_session, "3", "Enter")  # Escalated, by mistake
    lines = tmux_wait(tmux_session, "Escalated to:")
    assert [line.strip() for line in lines[-8:] if line.strip()][-3:] == ["---------------", "b) ← Back", "q) Quit"]
    tmux_keys(tmux_session, "b", "Enter")
    tmux_wait(tmux_session, "Did this solve it?", after="? Escalated to:")
    tmux_keys(tmux_session, "1", "Enter")  # Yes, solved
    tmux_wait(tmux_session, "Agent note")
    tmux_keys(tmux_session, "Enter")
    lines = tmux_wait(tmux_session, "exit 0")
    assert "Resolution: Yes, solved" in lines
    assert [line for line in lines if cell_len(line.rstrip()) > 40] == []
    record = json.loads(log.read_text(encoding="utf-8"))
    assert (record["resolution"], record["escalated_to"]) == ("yes", None)


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
@pytest.mark.parametrize(
    ("lang", "quit", "prompt"),
    [
        ("en", "q) Quit", ["? Describe your problem (Enter alone to", "  go back):"]),
        ("ja", "q) 終了", ["? お困りごとを入力してください (Enter だ", "  けで戻る):"]),
    ],
)
def test_every_menu_shows_quit_q_quits_with_0_and_the_description_says_enter_alone_goes_back(
    lang: str, quit: str, prompt: list[str], tmux_session: str, tmp_path: Path
) -> None:
    log = tmp_path / "sessions.jsonl"
    tmux_start(tmux_session, "diagnose", "--log", str(log), columns=40, lang=lang, trees=GOOD)
    lines = tmux_wait(tmux_session, quit)
    assert [line.strip() for line in lines if line.strip()][-3:] == ["---------------", "l) 日本語 / English", quit]
    tmux_keys(tmux_session, "1", "Enter")  # Describe your problem
    lines = [line.rstrip() for line in tmux_wait(tmux_session, prompt[1])]
    start = lines.index(prompt[0])
    assert lines[start : start + 2] == prompt  # broken at a space (English) or between characters
    tmux_keys(tmux_session, "Enter")  # nothing typed: back to the menu
    tmux_wait(tmux_session, quit, after=prompt[1])
    tmux_keys(tmux_session, "q", "Enter")
    lines = [line.rstrip() for line in tmux_wait(tmux_session, "exit 0") if line.strip()]
    assert lines[-3:] == [lines[0], "   " + quit[3:], "exit 0"]  # the menu's question, Quit: nothing more said
    assert [line for line in lines if cell_len(line) > 40] == []
    record = json.loads(log.read_text(encoding="utf-8"))
    assert (record["mode"], record["tree"], record["outcome"]) == ("user", None, None)
