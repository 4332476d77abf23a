"""To whom a helpdesk call was escalated: `--escalated-to` says in a script
what the agent picks or types at the terminal, with the same treatment."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from prompt_toolkit.input import PipeInput
from prompt_toolkit.output import DummyOutput
from typer.testing import CliRunner

from uec_helper.cli import app
from uec_helper.helpdesk.agent import (
    MAX_ESCALATED_TO_CHARS,
    BackToResolution,
    BackToWalk,
    ask_escalated_to,
    close_call,
)
from uec_helper.helpdesk.recorder import Recorder
from uec_helper.helpdesk.request import AgentRequest, Resolution
from uec_helper.knowledge.model import KnowledgeBase, Lang
from uec_helper.terminal.prompts import QuestionaryChooser
from uec_helper.views import WalkView, walk_view
from uec_helper.walk.engine import Walk

from .conftest import GOOD
from .keys import CTRL_D, DOWN, ENTER

runner = CliRunner()
WALK = ("-a", "first=more", "-a", "second=right")


def call(*args: str, log: Path | None = None) -> object:
    logged = ("--log", str(log)) if log is not None else ()
    return runner.invoke(
        app,
        ["--trees", str(GOOD), "diagnose", "mini", *WALK, *logged, *args],
        env={"UEC_HELPER_LANG": "en", "COLUMNS": "100"},
    )


def escalated(whom: str, *args: str, log: Path | None = None) -> object:
    return call("--agent", "--resolution", "escalated", "--escalated-to", whom, *args, log=log)


def logged(log: Path) -> dict[str, object]:
    [record] = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    return record  # type: ignore[no-any-return]


@pytest.mark.parametrize(("lang", "name"), [("en", "Help desk"), ("ja", "ヘルプデスク")])
def test_a_contact_id_is_recorded_as_the_contacts_name_in_the_tickets_language(
    lang: str, name: str, tmp_path: Path
) -> None:
    log = tmp_path / "sessions.jsonl"
    result = escalated("desk", "--lang", lang, "--caller-lang", "en", "--json", log=log)
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    agent = json.loads(result.stdout)["agent"]  # type: ignore[attr-defined]
    assert (agent["resolution"], agent["escalated_to"]) == ("escalated", name)
    whom = "(to Help desk)" if lang == "en" else "(ヘルプデスク へ)"
    assert whom in agent["ticket"]
    assert (logged(log)["resolution"], logged(log)["escalated_to"]) == ("escalated", name)


def test_a_name_is_recorded_as_typed_on_the_ticket_and_in_the_log(tmp_path: Path) -> None:
    log = tmp_path / "sessions.jsonl"
    result = escalated("  Network team ", log=log)
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    assert "Resolution: Escalated (to Network team)\n" in result.stdout  # type: ignore[attr-defined]
    assert logged(log)["escalated_to"] == "Network team"


def test_escalated_to_without_agent_is_refused_with_the_agent_flags() -> None:
    result = call("--resolution", "escalated", "--escalated-to", "desk")
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert result.stderr == (  # type: ignore[attr-defined]
        "uec-helper: error: --resolution, --escalated-to: only in helpdesk mode; add --agent\n"
    )


@pytest.mark.parametrize("resolution", [None, "yes", "no"])
def test_escalated_to_without_an_escalated_resolution_is_refused(resolution: str | None) -> None:
    given = ("--resolution", resolution) if resolution else ()
    result = call("--agent", *given, "--escalated-to", "desk", "--json")
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert json.loads(result.stdout) == {  # type: ignore[attr-defined]
        "error": {
            "code": "escalated-only",
            "message": "--escalated-to: only for an escalated call; add --resolution escalated",
        }
    }
    assert result.stderr == (  # type: ignore[attr-defined]
        "uec-helper: error: --escalated-to: only for an escalated call; add --resolution escalated\n"
    )


HOSTILE = "\x1b[31m Ops \x1b]2;t\x07 [red]x[/red] [link=https://evil.example]here[/link] \u202eevil\x9b2J"


@pytest.mark.parametrize("as_json", [False, True], ids=["terminal", "json"])
def test_a_hostile_name_never_steers_the_terminal_nor_is_read_as_markup(as_json: bool, tmp_path: Path) -> None:
    log = tmp_path / "sessions.jsonl"
    result = escalated(HOSTILE, *(["--json"] if as_json else []), log=log)
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    kept = "[31m Ops ]2;t [red]x[/red] [link=https://evil.example]here[/link] evil2J"
    output = result.stdout  # type: ignore[attr-defined]
    for steering in ("\x1b", "\x07", "\u202e", "\x9b"):
        assert steering not in output
    if as_json:
        assert json.loads(output)["agent"]["escalated_to"] == kept
    else:
        assert f"Resolution: Escalated (to {kept})\n" in output  # the markup printed literally
    assert logged(log)["escalated_to"] == kept


def test_a_name_over_several_lines_cannot_forge_a_ticket_field() -> None:
    result = escalated("ITC\nResolution: Yes, solved", "--json")
    ticket = json.loads(result.stdout)["agent"]["ticket"]  # type: ignore[attr-defined]
    assert "Resolution: Escalated (to ITC Resolution: Yes, solved)\n" in ticket
    assert "\nResolution: Yes" not in ticket


def test_a_long_name_is_cut_after_masking(tmp_path: Path) -> None:
    log = tmp_path / "sessions.jsonl"
    result = escalated("A" * 10_000, "--json", log=log)
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    assert json.loads(result.stdout)["agent"]["escalated_to"] == "A" * MAX_ESCALATED_TO_CHARS  # type: ignore[attr-defined]
    assert logged(log)["escalated_to"] == "A" * MAX_ESCALATED_TO_CHARS
    # Masked before it is cut: a number across the cut shows none of its digits.
    cut = escalated("B" * (MAX_ESCALATED_TO_CHARS - 5) + " 1234567890", "--json")
    assert json.loads(cut.stdout)["agent"]["escalated_to"] == "B" * (MAX_ESCALATED_TO_CHARS - 5) + " [mas"  # type: ignore[attr-defined]


def test_a_secret_in_the_name_is_masked_with_its_own_warning(tmp_path: Path) -> None:
    log = tmp_path / "sessions.jsonl"
    result = escalated("Suzuki, password: hunter2", "--agent-note", "code 123456", "--json", log=log)
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    agent = json.loads(result.stdout)["agent"]  # type: ignore[attr-defined]
    assert agent["escalated_to"] == "Suzuki, password: [masked]"
    assert agent["privacy_warnings"] == ["one-time-code", "password"]
    assert logged(log)["escalated_to"] == "Suzuki, password: [masked]"
    stderr = " ".join(result.stderr.split())  # type: ignore[attr-defined]
    assert "The note looks like it holds an authentication code; it is masked." in stderr
    assert "The name escalated to looks like it holds a password; it is masked." in stderr


@pytest.mark.parametrize("whom", ["", "  ", "\x1b"])
def test_an_empty_name_records_nobody(whom: str, tmp_path: Path) -> None:
    log = tmp_path / "sessions.jsonl"
    result = escalated(whom, "--json", log=log)
    agent = json.loads(result.stdout)["agent"]  # type: ignore[attr-defined]
    assert agent["escalated_to"] is None and "Resolution: Escalated\n" in agent["ticket"]
    assert logged(log)["escalated_to"] is None


def test_the_terminal_menu_gives_the_contacts_id(keys: PipeInput, mini_kb: KnowledgeBase) -> None:
    keys.send_text(ENTER)  # Help desk, Someone else
    chooser = QuestionaryChooser(80, input=keys, output=DummyOutput())  # type: ignore[arg-type]
    assert ask_escalated_to(mini_kb, "ja", chooser) == "desk"


def test_someone_else_gives_what_was_typed(keys: PipeInput, mini_kb: KnowledgeBase) -> None:
    keys.send_text(DOWN + ENTER + "Network team" + ENTER)
    chooser = QuestionaryChooser(80, input=keys, output=DummyOutput())  # type: ignore[arg-type]
    assert ask_escalated_to(mini_kb, "en", chooser) == "Network team"


def test_back_at_escalated_to_leaves_the_menu(keys: PipeInput, mini_kb: KnowledgeBase) -> None:
    keys.send_text(DOWN + DOWN + ENTER)  # Help desk, Someone else, (separator), Back
    chooser = QuestionaryChooser(80, input=keys, output=DummyOutput())  # type: ignore[arg-type]
    with pytest.raises(BackToResolution):
        ask_escalated_to(mini_kb, "en", chooser)


@pytest.mark.parametrize("nothing", ["  " + ENTER, CTRL_D], ids=["enter", "ctrl-d"])
def test_enter_alone_or_ctrl_d_at_the_typed_name_returns_to_the_contacts(
    keys: PipeInput, mini_kb: KnowledgeBase, nothing: str
) -> None:
    keys.send_text(DOWN + ENTER + nothing + ENTER)  # Someone else, nothing typed; then Help desk
    chooser = QuestionaryChooser(80, input=keys, output=DummyOutput())  # type: ignore[arg-type]
    assert ask_escalated_to(mini_kb, "en", chooser) == "desk"


class AtTheTerminal:
    """A call screen whose agent answers "escalated", to `whom`, with no note."""

    def __init__(self, whom: str) -> None:
        self.whom = whom
        self.asked: list[str] = []

    def show_outcome(self, view: WalkView, script: list[str], caller_lang: Lang) -> None:
        pass

    def ask_resolution(self) -> Resolution | None:
        self.asked.append("resolution")
        return "escalated"

    def ask_escalated_to(self, kb: KnowledgeBase) -> str | None:
        self.asked.append("escalated-to")
        return self.whom

    def ask_note(self) -> str | None:
        return ""

    def show_ticket(self, ticket: str, note_file: Path | None) -> None:
        pass


def close(request: AgentRequest, screen: AtTheTerminal, start: Walk) -> str | None:
    walk = start.answer("more").answer("right")
    return close_call(request, walk, walk_view(walk, "en"), Recorder(), screen).call.escalated_to


def test_the_terminal_and_the_flag_record_the_same(start: Walk) -> None:
    picked = AtTheTerminal("desk")
    assert close(AgentRequest("en"), picked, start) == "Help desk"
    assert picked.asked == ["resolution", "escalated-to"]
    assert close(AgentRequest("en", "escalated", escalated_to="desk"), AtTheTerminal("x"), start) == "Help desk"


def test_at_the_terminal_an_escalated_resolution_flag_still_asks_to_whom(start: Walk) -> None:
    screen = AtTheTerminal("Network team")
    assert close(AgentRequest("en", "escalated"), screen, start) == "Network team"
    assert screen.asked == ["escalated-to"]
    given = AtTheTerminal("Network team")
    assert close(AgentRequest("en", "escalated", escalated_to="ITC"), given, start) == "ITC"
    assert given.asked == []


class EscalatedByMistake(AtTheTerminal):
    """Picks Escalated, goes Back from "Escalated to:", then answers "no"."""

    def ask_resolution(self) -> Resolution | None:
        self.asked.append("resolution")
        return "no" if "escalated-to" in self.asked else "escalated"

    def ask_escalated_to(self, kb: KnowledgeBase) -> str | None:
        self.asked.append("escalated-to")
        raise BackToResolution


def test_back_at_escalated_to_asks_did_this_solve_it_again(start: Walk) -> None:
    screen = EscalatedByMistake("")
    walk = start.answer("more").answer("right")
    call = close_call(AgentRequest("en"), walk, walk_view(walk, "en"), Recorder(), screen).call
    assert screen.asked == ["resolution", "escalated-to", "resolution"]
    assert (call.resolution, call.escalated_to) == ("no", None)


def test_back_at_escalated_to_after_the_resolution_flag_returns_to_the_walk(start: Walk) -> None:
    # --resolution escalated: no "Did this solve it?" was shown, so Back goes where its Back would.
    screen = EscalatedByMistake("")
    walk = start.answer("more").answer("right")
    with pytest.raises(BackToWalk):
        close_call(AgentRequest("en", "escalated"), walk, walk_view(walk, "en"), Recorder(), screen)
    assert screen.asked == ["escalated-to"]


@pytest.mark.parametrize("typo", ["dsk", "desk-x"])
def test_a_contact_id_mistyped_is_refused_with_the_id_it_is_close_to(typo: str, tmp_path: Path) -> None:
    log = tmp_path / "sessions.jsonl"
    result = escalated(typo, "--json", log=log)
    assert result.exit_code == 2  # type: ignore[attr-defined]
    error = json.loads(result.stdout)["error"]  # type: ignore[attr-defined]
    assert (error["code"], error["contacts"]) == ("unknown-contact", ["desk"])
    assert f"no contact '{typo}'; did you mean 'desk'?" in error["message"]
    assert not log.exists() or log.read_text() == ""  # refused before the call: nothing recorded


@pytest.mark.parametrize(("given", "recorded"), [("it-support", "it-support"), ("Desk", "Desk"), ("de sk", "de sk")])
def test_a_value_far_from_every_id_or_written_as_a_name_is_a_name(given: str, recorded: str) -> None:
    result = escalated(given, "--json")
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    assert json.loads(result.stdout)["agent"]["escalated_to"] == recorded  # type: ignore[attr-defined]
