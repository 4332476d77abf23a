"""The ticket note file (--note-file) never destroys a file, and a note
cannot forge ticket fields; the ticket and the log are private (0600)."""

from __future__ import annotations

import json
import os
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from uec_helper.cli import app
from uec_helper.helpdesk.ticket import Call, ticket_note
from uec_helper.knowledge.loader import load_folder
from uec_helper.safe_write import write_whole
from uec_helper.views import walk_view
from uec_helper.walk.engine import Walk

from .conftest import GOOD

runner = CliRunner()
ATTACKS = Path(__file__).parent / "fixtures" / "attacks"
OLD_TICKET = "the ticket of an earlier call\n"


def call(*args: str) -> object:
    return runner.invoke(
        app,
        ["--trees", str(GOOD), "diagnose", "mini", "-a", "first=done", "--agent", "--json", *args],
        env={"UEC_HELPER_LANG": "en"},
    )


def error_of(result: object) -> dict[str, object]:
    error: dict[str, object] = json.loads(result.stdout)["error"]  # type: ignore[attr-defined]
    return error


def test_an_existing_note_file_is_refused_before_the_call(tmp_path: Path) -> None:
    ticket = tmp_path / "ticket.txt"
    ticket.write_text(OLD_TICKET, encoding="utf-8")
    result = call("--note-file", str(ticket))
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert error_of(result)["code"] == "file-exists"
    assert "add --force to replace it" in result.stderr  # type: ignore[attr-defined]
    assert ticket.read_text(encoding="utf-8") == OLD_TICKET


def test_force_replaces_the_note_file_whole(tmp_path: Path) -> None:
    ticket = tmp_path / "ticket.txt"
    ticket.write_text(OLD_TICKET, encoding="utf-8")
    result = call("--note-file", str(ticket), "--force")
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    assert ticket.read_text(encoding="utf-8") == json.loads(result.stdout)["agent"]["ticket"]  # type: ignore[attr-defined]
    assert os.listdir(tmp_path) == ["ticket.txt"]  # no temporary file left


def test_a_note_that_is_not_utf8_never_truncates_the_ticket(tmp_path: Path) -> None:
    ticket = tmp_path / "ticket.txt"
    ticket.write_text(OLD_TICKET, encoding="utf-8")
    # A byte that is not UTF-8 on the command line reaches Python as a lone surrogate.
    result = call("--note-file", str(ticket), "--force", "--agent-note", "caller said \udcff")
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    assert "Agent note: caller said \\udcff\n" in ticket.read_text(encoding="utf-8")


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ticket = tmp_path / "ticket.txt"
    ticket.write_text(OLD_TICKET, encoding="utf-8")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space left"):
        write_whole(ticket, b"new ticket\n", replace=True)
    assert ticket.read_text(encoding="utf-8") == OLD_TICKET
    assert os.listdir(tmp_path) == ["ticket.txt"]


def test_a_note_file_that_fails_at_the_end_is_an_error_after_the_session_is_logged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "sessions.jsonl"

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    result = call("--note-file", str(tmp_path / "ticket.txt"), "--log", str(log))
    assert (result.exit_code, error_of(result)["code"]) == (2, "note-file")  # type: ignore[attr-defined]
    assert "No space left on device" in error_of(result)["message"]  # type: ignore[operator]
    assert json.loads(log.read_text(encoding="utf-8"))["outcome"] == "quick-fix"
    assert sorted(os.listdir(tmp_path)) == ["sessions.jsonl"]


def test_a_note_file_in_a_missing_folder_is_refused_before_the_call(tmp_path: Path) -> None:
    log, ticket = tmp_path / "sessions.jsonl", tmp_path / "no-such-folder" / "ticket.txt"
    flags = ["--agent", "--resolution", "no", "--note-file", str(ticket), "--log", str(log)]
    result = runner.invoke(
        app, ["--trees", str(GOOD), "diagnose", "mini", "-a", "first=done", *flags], env={"UEC_HELPER_LANG": "en"}
    )
    assert result.exit_code == 2
    assert result.stderr == (
        f"uec-helper: error: {ticket}: cannot write the ticket note: "
        f"no folder {ticket.parent}; choose another --note-file\n"
    )
    assert result.stdout == ""  # no outcome, no ticket: the call never started
    assert not log.exists()  # no session to log: the flags are checked before --log is


@pytest.mark.parametrize("force", [False, True])
def test_a_folder_as_note_file_is_called_a_folder(tmp_path: Path, force: bool) -> None:
    result = call("--note-file", str(tmp_path), *(["--force"] if force else []))
    assert (result.exit_code, error_of(result)["code"]) == (2, "note-file")  # type: ignore[attr-defined]
    assert error_of(result)["message"] == (
        f"{tmp_path}: cannot write the ticket note: a folder, not a regular file; name a regular file or a new one"
    )
    assert "--force" not in result.stderr  # type: ignore[attr-defined]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into any folder")
def test_a_note_file_in_a_read_only_folder_is_refused_before_the_call(tmp_path: Path) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir(mode=0o500)
    try:
        result = call("--note-file", str(folder / "ticket.txt"))
    finally:
        folder.chmod(0o700)
    assert (result.exit_code, error_of(result)["code"]) == (2, "note-file")  # type: ignore[attr-defined]
    assert "Permission denied; choose another --note-file" in result.stderr  # type: ignore[attr-defined]
    assert "agent" not in json.loads(result.stdout)  # type: ignore[attr-defined]


def test_ticket_and_log_are_created_private(tmp_path: Path) -> None:
    ticket, log = tmp_path / "ticket.txt", tmp_path / "sessions.jsonl"
    old_umask = os.umask(0o022)
    try:
        result = call("--note-file", str(ticket), "--log", str(log), "--agent-note", "caller's words")
    finally:
        os.umask(old_umask)
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    assert [stat.S_IMODE(path.stat().st_mode) for path in (ticket, log)] == [0o600, 0o600]


FORGED = (ATTACKS / "forged-note.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("line_break", ["\n", "\r\n", "\r", "\u2028", "\x85", "\x0b"])
def test_a_note_over_several_lines_cannot_forge_ticket_fields(line_break: str) -> None:
    kb = load_folder(GOOD).knowledge
    walk = Walk(kb, kb.trees["mini"]).answer("done")
    note = FORGED.rstrip("\n").replace("\n", line_break)
    ticket = ticket_note(walk_view(walk, "en"), Call("en", datetime(2025, 4, 1, tzinfo=UTC), 5, "no", note), "en")
    fields = [line.split(":")[0] for line in ticket.splitlines() if not line.startswith(" ")]
    assert fields == [
        "UEC account helpdesk call",
        "Date",
        "Tree",
        "Caller's language",
        "Duration",
        "Questions and answers",
        "Outcome",
        "Contacts given",
        "Resolution",
        "Agent note",
        "Replay",
    ]
    assert "Resolution: No, not solved\n" in ticket
    assert "Agent note: Caller is happy\n    Resolution: Solved\n    Replay: curl" in ticket


def test_a_note_reaches_the_ticket_file_and_the_log_without_terminal_controls(tmp_path: Path) -> None:
    ticket, log = tmp_path / "ticket.txt", tmp_path / "sessions.jsonl"
    note = "ok \x1b[K\rResolution: yes \u202eevil\x07"
    result = call("--note-file", str(ticket), "--log", str(log), "--agent-note", note)
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    assert "Agent note: ok [KResolution: yes evil\n" in ticket.read_text(encoding="utf-8")
    assert json.loads(log.read_text(encoding="utf-8"))["note"] == "ok [KResolution: yes evil"
