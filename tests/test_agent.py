"""Helpdesk mode: the agent's prompts (keys through a pipe), the ticket note,
the say-this script, privacy masking and scripted agent runs."""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import PipeInput
from prompt_toolkit.output import DummyOutput
from prompt_toolkit.output.vt100 import Vt100_Output
from typer.testing import CliRunner

from uec_helper.cli import app
from uec_helper.errors import Quit
from uec_helper.helpdesk.agent import AgentAnswerer, BackToWalk, SwitchTree, ask_resolution, clock
from uec_helper.helpdesk.callscript import say_this
from uec_helper.helpdesk.request import AgentRequest
from uec_helper.helpdesk.ticket import Call, ticket_note
from uec_helper.knowledge.loader import load_folder
from uec_helper.knowledge.model import KnowledgeBase
from uec_helper.search.index import SearchIndex
from uec_helper.terminal import choosers
from uec_helper.terminal.menus import Menu, ProblemMenu, choose_hit
from uec_helper.terminal.prompts import QuestionaryChooser
from uec_helper.views import walk_view
from uec_helper.walk.engine import Walk, run
from uec_helper.walk.session import DiagnoseRequest, diagnose

from .conftest import GOOD, SHIPPED_TREES
from .keys import ANSI_ESCAPE, DOWN, ENTER

WHEN = datetime(2025, 4, 1, 9, 30, tzinfo=UTC)

runner = CliRunner()


def agent(keys: PipeInput, typed: str, lang: str = "en", caller: str = "en", **options: object) -> AgentAnswerer:
    keys.send_text(typed)
    output = options.pop("output", DummyOutput())
    chooser = QuestionaryChooser(100, input=keys, output=output)
    return AgentAnswerer(lang, caller, lambda: 65.0, ProblemMenu(["mini"]), chooser)  # type: ignore[arg-type]


def test_clock_shows_minutes_and_seconds() -> None:
    assert clock(0) == "⏱ 00:00"
    assert clock(125.9) == "⏱ 02:05"


def test_agent_walk_with_back_reaches_the_outcome(keys: PipeInput, start: Walk) -> None:
    typed = (
        ENTER  # first: Tell me more
        + DOWN
        + DOWN
        + ENTER  # second: Left, Right, (separator), Back
        + DOWN
        + ENTER  # first again: Done
    )
    walk = run(start, agent(keys, typed))
    assert walk.answers == {"first": "done"}
    assert walk.outcome is not None and walk.outcome.id == "quick-fix"


def test_switch_tree_is_offered_at_the_first_question(keys: PipeInput, start: Walk) -> None:
    # more, done, (separator), Switch tree; then the tree menu: Describe the problem, (separator), mini.
    with pytest.raises(SwitchTree) as switched:
        agent(keys, DOWN + DOWN + ENTER + DOWN + ENTER)(start)
    assert (switched.value.tree_id, switched.value.answers) == ("mini", {})


def test_switching_to_a_search_match_applies_its_answers(start: Walk) -> None:
    switched = SwitchTree("mini", {"first": "more", "second": "left"}).walk(start)
    assert switched.answers == {"first": "more", "second": "left"}
    assert SwitchTree("mini", {"second": "left"}).walk(start).answers == {}


def test_prompt_asks_in_the_agents_language_and_gives_the_words_to_read_out(keys: PipeInput, start: Walk) -> None:
    drawn = io.StringIO()
    output = Vt100_Output(drawn, lambda: Size(rows=24, columns=100), term="xterm")
    assert agent(keys, ENTER, lang="en", caller="ja", output=output)(start) == "more"
    first = re.split(r"\x1b\[[0-9]*A", drawn.getvalue())[0]
    lines = [line.strip() for line in ANSI_ESCAPE.sub("", first).splitlines() if line.strip()]
    assert lines[:2] == ["? ⏱ 01:05  Ask the caller: First question?", "Read out: 最初の質問?"]
    assert lines[3:] == [
        "» 1) Tell me more (詳しく)",
        "2) Done (完了)",
        "---------------",
        "t) ⇄ Switch tree",
        "q) Quit",
    ]


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "en",
            [
                "1) Describe the caller's problem in your own words",
                "? Describe the caller's problem (Enter alone to go back):",
                "? Which of these matches the caller's problem?",
            ],
        ),
        (
            "ja",
            [
                "1) 問い合わせ者のお困りごとを自分の言葉で説明する",
                "? 問い合わせ者のお困りごとを入力してください (Enter だけで戻る):",
                "? どれが問い合わせ者のお困りごとに近いですか?",
            ],
        ),
    ],
)
def test_the_agents_problem_menu_speaks_of_the_callers_problem(
    keys: PipeInput, lang: str, words: list[str], start: Walk
) -> None:
    drawn = io.StringIO()
    output = Vt100_Output(drawn, lambda: Size(rows=24, columns=100), term="xterm")
    # Describe the problem; "mini"; Enter on the best match: the tree.
    answerer = agent(keys, ENTER + "mini" + ENTER + ENTER, lang=lang, output=output)
    assert answerer.choose_tree(start.kb, back=False) == ("mini", {})
    screen = ANSI_ESCAPE.sub("", drawn.getvalue())
    assert all(line in screen for line in words)
    person = ["your problem", "自分の言葉で問題を説明する", "どれがお困りごとに近い", "? お困りごとを入力"]
    assert [words for words in person if words in screen] == []


@pytest.mark.parametrize("agent", [True, False])
def test_the_close_matches_of_a_query_speak_to_the_agent_or_the_person(
    keys: PipeInput, mini_kb: KnowledgeBase, agent: bool
) -> None:
    hits = SearchIndex(mini_kb).search("quick fix", "en", 5)
    drawn = io.StringIO()
    output = Vt100_Output(drawn, lambda: Size(rows=24, columns=100), term="xterm")
    keys.send_text(ENTER)
    chooser = QuestionaryChooser(100, input=keys, output=output)
    assert choose_hit(mini_kb, hits, "en", chooser, agent=agent) == hits[0]  # type: ignore[arg-type]
    question = "the caller's problem" if agent else "your problem"
    assert f"? Which of these matches {question}?" in ANSI_ESCAPE.sub("", drawn.getvalue())


def test_resolution_prompt_offers_yes_no_escalated(keys: PipeInput) -> None:
    keys.send_text(DOWN + DOWN + ENTER)
    assert ask_resolution("en", QuestionaryChooser(80, input=keys, output=DummyOutput())) == "escalated"  # type: ignore[arg-type]


def test_back_from_the_resolution_prompt_returns_to_the_walk(keys: PipeInput) -> None:
    keys.send_text("b" + ENTER)
    with pytest.raises(BackToWalk):
        ask_resolution("en", QuestionaryChooser(80, input=keys, output=DummyOutput()))  # type: ignore[arg-type]


def test_ticket_note_text(start: Walk) -> None:
    walk = start.answer("more").answer("right")
    call = Call("ja", WHEN, 125, "escalated", "Sent to the ITC desk")
    assert ticket_note(walk_view(walk, "en"), call, "en") == (
        "UEC account helpdesk call\n"
        "Date: 2025-04-01 09:30 UTC\n"
        "Tree: mini\n"
        "Caller's language: Japanese\n"
        "Duration: 2 min 5 s\n"
        "Questions and answers:\n"
        "  1. First question? → Tell me more\n"
        "  2. Second question? → Right\n"
        "Outcome: Call the desk [call-desk]\n"
        "Contacts given:\n"
        "  - Help desk: desk@example.org, Ext. 1234, Room 1\n"
        "Resolution: Escalated\n"
        "Agent note: Sent to the ITC desk\n"
        "Replay: uec-helper diagnose mini --answer first=more --answer second=right\n"
    )


def test_ticket_note_in_japanese_without_resolution_or_note(start: Walk) -> None:
    walk = start.answer("done")
    call = Call("en", WHEN, 59.6, None, None)
    assert ticket_note(walk_view(walk, "ja"), call, "ja") == (
        "UEC アカウント ヘルプデスク対応記録\n"
        "日時: 2025-04-01 09:30 UTC\n"
        "ツリー: mini\n"
        "問い合わせ者の言語: 英語\n"
        "所要時間: 1分0秒\n"
        "質問と回答:\n"
        "  1. 最初の質問? → 完了\n"
        "結果: すぐ直る [quick-fix]\n"
        "案内した窓口:\n"
        "  (なし)\n"
        "解決状況: (未記録)\n"
        "担当者メモ: (なし)\n"
        "再現コマンド: uec-helper diagnose mini --answer first=done\n"
    )


def test_say_this_reads_the_outcome_in_the_callers_language(start: Walk) -> None:
    assert say_this(walk_view(start.answer("done"), "ja"), "ja") == [
        "すぐ直る",
        "すぐ直してください.",
        "次の手順をお試しください。",
        "1. 手順1.",
        "2. 手順2.",
        "ご注意ください。",
        "- 足元注意.",
        "詳しくは次の資料をご覧ください。",
        "- ガイド (https://example.org/guide)",
    ]


def invoke(*args: str) -> object:
    return runner.invoke(app, ["--trees", str(GOOD), "diagnose", "mini", *args], env={"UEC_HELPER_LANG": "en"})


def test_scripted_agent_run_prints_json_with_ticket_and_logs_a_masked_note(tmp_path: Path) -> None:
    log = tmp_path / "sessions.jsonl"
    note_file = tmp_path / "ticket.txt"
    result = invoke(
        "--agent",
        "-a",
        "first=more",
        "-a",
        "second=right",
        "--caller-lang",
        "ja",
        "--resolution",
        "no",
        "--agent-note",
        "caller read 654321 aloud",
        "--note-file",
        str(note_file),
        "--log",
        str(log),
        "--json",
    )
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    data = json.loads(result.stdout)  # type: ignore[attr-defined]
    assert data["outcome"]["id"] == "call-desk"
    agent_part = data["agent"]
    assert agent_part["caller_lang"] == "ja" and agent_part["resolution"] == "no"
    assert agent_part["note"] == "caller read [masked] aloud"
    assert agent_part["privacy_warnings"] == ["one-time-code"]
    assert agent_part["say_this"][-1] == "- ヘルプデスク: desk@example.org, 内線 1234, 1号室"
    assert note_file.read_text(encoding="utf-8") == agent_part["ticket"]
    assert "Agent note: caller read [masked] aloud\n" in agent_part["ticket"]
    assert "looks like it holds an authentication code; it is masked" in " ".join(result.stderr.split())  # type: ignore[attr-defined]
    [record] = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert {k: v for k, v in record.items() if k not in ("time", "duration_s")} == {
        "tree": "mini",
        "lang": "en",
        "path": [{"question": "first", "choice": "more"}, {"question": "second", "choice": "right"}],
        "outcome": "call-desk",
        "stopped_at": None,
        "resolution": "no",
        "note": "caller read [masked] aloud",
        "escalated_to": None,
        "mode": "agent",
        "searches": [],
        "caller_lang": "ja",
    }


def test_plain_scripted_run_is_logged_as_scripted(tmp_path: Path) -> None:
    log = tmp_path / "sessions.jsonl"
    result = runner.invoke(
        app,
        ["--trees", str(GOOD), "diagnose", "mini", "-a", "first=done"],
        env={"UEC_HELPER_LANG": "en", "UEC_HELPER_LOG": str(log)},
    )
    assert result.exit_code == 0
    record = json.loads(log.read_text(encoding="utf-8"))
    assert (record["mode"], record["outcome"], record["resolution"]) == ("scripted", "quick-fix", None)


def test_agent_flags_need_agent_mode() -> None:
    result = invoke("-a", "first=done", "--agent-note", "hi", "--resolution", "yes")
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert result.stderr == (  # type: ignore[attr-defined]
        "uec-helper: error: --resolution, --agent-note: only in helpdesk mode; add --agent\n"
    )


def test_unknown_resolution_is_a_usage_error() -> None:
    result = invoke("--agent", "-a", "first=done", "--resolution", "maybe")
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert "unknown value 'maybe'; use one of: yes, no, escalated" in result.stderr  # type: ignore[attr-defined]


def test_say_this_panel_prints_square_brackets_literally(tmp_path: Path) -> None:
    mini = (GOOD / "mini.yaml").read_text("utf-8")
    (tmp_path / "mini.yaml").write_text(
        mini.replace("body: {en: Do the quick fix.,", "body: {en: 'Click [bold]Apply[/bold] now.',"), "utf-8"
    )
    result = runner.invoke(
        app,
        ["--trees", str(tmp_path), "diagnose", "mini", "--agent", "-a", "first=done", "--resolution", "yes"],
        env={"UEC_HELPER_LANG": "en", "COLUMNS": "100"},
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("Click [bold]Apply[/bold] now.") == 2  # the agent's panel and the say-this script


def test_a_questions_own_agent_phrasing_is_shown_once(keys: PipeInput) -> None:
    kb = load_folder(SHIPPED_TREES).knowledge
    drawn = io.StringIO()
    output = Vt100_Output(drawn, lambda: Size(rows=24, columns=120), term="xterm")
    agent(keys, ENTER, lang="en", caller="en", output=output)(Walk(kb, kb.trees["webclass-login"]))
    first = ANSI_ESCAPE.sub("", re.split(r"\x1b\[[0-9]*A", drawn.getvalue())[0])
    assert first.splitlines()[0].startswith("? ⏱ 01:05  Ask the caller: which of these applies?")
    assert first.count("Ask the caller") == 1


def test_ticket_note_lines_are_never_broken_on_a_narrow_terminal() -> None:
    result = runner.invoke(
        app,
        [
            "--trees",
            str(GOOD),
            "diagnose",
            "mini",
            "--agent",
            "-a",
            "first=more",
            "-a",
            "second=right",
            "--resolution",
            "yes",
        ],
        env={"UEC_HELPER_LANG": "en", "COLUMNS": "40"},
    )
    assert result.exit_code == 0, result.stderr
    assert (
        f"Replay: uec-helper --trees {GOOD} diagnose mini --answer first=more --answer second=right\n" in result.stdout
    )


class QuitsAtTheMenu:
    """An agent who reads the first menu's message, then quits."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def choose(self, menu: Menu) -> object:
        self.messages.append(menu.message)
        raise Quit

    def ask_text(self, message: str) -> str:
        return ""


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "Nothing matched “zzzq xqzz”. Which problem does the caller have?"),
        ("ja", "「zzzq xqzz」に合うものがありませんでした。問い合わせ者のお困りごとはどれですか?"),
    ],
)
def test_an_agents_query_that_matches_nothing_says_so_above_the_problem_menu(
    monkeypatch: pytest.MonkeyPatch, lang: str, said: str
) -> None:
    agent = QuitsAtTheMenu()
    monkeypatch.setattr(choosers, "chooser_for", lambda plain: agent)
    request = DiagnoseRequest(
        GOOD,
        None,
        [],
        None,
        lang,
        interactive=True,
        agent=AgentRequest(lang),
        query="zzzq xqzz",  # type: ignore[arg-type]
    )
    with pytest.raises(Quit):
        diagnose(request)
    assert agent.messages[0].endswith(said)
    assert agent.messages[0].startswith("⏱ 00:")  # the call timer first
