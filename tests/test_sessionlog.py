"""The session log: whole records under concurrent appends, torn lines skipped."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from uec_helper.cli import app
from uec_helper.errors import Quit, UsageError
from uec_helper.helpdesk import log as log_module
from uec_helper.helpdesk.log import Skipped, append_record, json_lines, read_sessions, session_record
from uec_helper.helpdesk.recorder import Ending, Recorder
from uec_helper.knowledge.model import KnowledgeBase
from uec_helper.terminal import choosers
from uec_helper.walk.engine import Walk
from uec_helper.walk.session import DiagnoseRequest, diagnose

from .conftest import GOOD

WORKERS = 8
SESSIONS = 200


def record(worker: int, number: int) -> dict[str, object]:
    return {
        "time": "2025-04-01T09:30:00+00:00",
        "tree": "mini",
        "lang": "en",
        "path": [{"question": "first", "choice": "done"}],
        "outcome": "quick-fix",
        "stopped_at": None,
        "resolution": "yes",
        # Long enough that records written piecemeal would interleave.
        "note": f"{worker}:{number}:" + "x" * 5000,
        "duration_s": 1.5,
        "mode": "agent",
    }


def write_sessions(path: str, worker: int) -> None:
    for number in range(SESSIONS):
        append_record(Path(path), record(worker, number))


def test_concurrent_appends_from_eight_processes_keep_every_record_whole(tmp_path: Path) -> None:
    log = tmp_path / "sessions.jsonl"
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=write_sessions, args=(str(log), w)) for w in range(WORKERS)]
    for process in workers:
        process.start()
    for process in workers:
        process.join()
    assert [p.exitcode for p in workers] == [0] * WORKERS
    lines = log.read_bytes().split(b"\n")
    assert lines[-1] == b"" and len(lines) == WORKERS * SESSIONS + 1
    skipped = Skipped()
    assert len(list(read_sessions(log, skipped))) == WORKERS * SESSIONS
    assert skipped.count == 0
    assert sorted(value["note"] for _, value in json_lines(log, skipped)) == sorted(  # type: ignore[index]
        f"{w}:{n}:" + "x" * 5000 for w in range(WORKERS) for n in range(SESSIONS)
    )


def test_a_truncated_last_line_is_skipped_with_a_warning(tmp_path: Path) -> None:
    log = tmp_path / "sessions.jsonl"
    append_record(log, record(0, 0))
    append_record(log, record(0, 1))
    whole = json.dumps(record(0, 2))
    with log.open("a", encoding="utf-8") as file:
        file.write(whole[: len(whole) // 2])
    skipped = Skipped()
    assert [value["note"][:4] for _, value in json_lines(log, skipped)] == ["0:0:", "0:1:"]  # type: ignore[index]
    assert [str(d) for d in skipped.shown] == [
        f"{log}:3:1: warning: skipped a line that is not a whole session record "
        "(a crash or a full disk may have cut it short) [malformed-record]"
    ]


def test_lines_that_are_not_session_records_are_skipped(tmp_path: Path) -> None:
    log = tmp_path / "sessions.jsonl"
    log.write_bytes(b'[1, 2]\n\n{"tree": "mini"}\n\xff\xfe\n')
    append_record(log, record(1, 1))
    skipped = Skipped()
    assert len(list(read_sessions(log, skipped))) == 1
    assert [d.location.line for d in skipped.shown] == [1, 3, 4]


def test_abandoned_session_record_names_the_question_it_stopped_at(mini_kb: KnowledgeBase) -> None:
    ticks = iter([100.0, 112.34])
    recorder = Recorder(clock=lambda: next(ticks))
    recorder.track(lambda walk: "more")(Walk(mini_kb, mini_kb.trees["mini"]).answer("more"))
    now = datetime(2025, 4, 1, 9, 30, tzinfo=UTC)
    assert session_record(recorder, Ending("user", "ja"), now) == {
        "time": "2025-04-01T09:30:00+00:00",
        "tree": "mini",
        "lang": "ja",
        "path": [{"question": "first", "choice": "more"}],
        "outcome": None,
        "stopped_at": "second",
        "resolution": None,
        "note": None,
        "escalated_to": None,
        "duration_s": 12.3,
        "mode": "user",
        "searches": [],
        "caller_lang": None,
    }


def test_session_before_any_tree_is_logged_without_one() -> None:
    recorder = Recorder(clock=lambda: 5.0)
    now = datetime(2025, 4, 1, 9, 30, tzinfo=UTC)
    record = session_record(recorder, Ending("agent", "en"), now)
    assert (record["tree"], record["path"], record["outcome"], record["stopped_at"]) == (None, [], None, None)


def test_a_record_cut_short_by_a_full_disk_is_taken_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "sessions.jsonl"
    append_record(log, record(0, 0))
    whole = log.read_bytes()
    real_write = os.write

    def half_write(fd: int, data: bytes) -> int:
        return real_write(fd, data[: len(data) // 2])

    monkeypatch.setattr(os, "write", half_write)
    with pytest.raises(OSError, match="bytes written"):
        append_record(log, record(0, 1))
    monkeypatch.setattr(os, "write", real_write)
    assert log.read_bytes() == whole
    append_record(log, record(0, 2))
    skipped = Skipped()
    assert [value["note"][:4] for _, value in json_lines(log, skipped)] == ["0:0:", "0:2:"]  # type: ignore[index]
    assert skipped.count == 0


def test_a_record_after_a_partial_line_starts_a_line_of_its_own(tmp_path: Path) -> None:
    log = tmp_path / "sessions.jsonl"
    log.write_text('{"tree": "mini", "outc', encoding="utf-8")  # a crash of some other writer
    append_record(log, record(0, 1))
    skipped = Skipped()
    assert [value["note"][:4] for _, value in json_lines(log, skipped)] == ["0:1:"]  # type: ignore[index]
    assert [d.location.line for d in skipped.shown] == [1]


def unwritable_logs(tmp_path: Path) -> dict[str, Path]:
    read_only = tmp_path / "read-only.jsonl"
    read_only.write_text("", encoding="utf-8")
    read_only.chmod(0o444)
    logs = {"a folder": tmp_path, "a missing folder": tmp_path / "none" / "log.jsonl", "/dev/full": Path("/dev/full")}
    if os.geteuid() != 0:  # root writes to a read-only file
        logs["a read-only file"] = read_only
    return logs


@pytest.mark.parametrize("kind", ["a folder", "a missing folder", "/dev/full", "a read-only file"])
def test_a_log_that_cannot_be_written_is_a_json_error_and_exit_2(tmp_path: Path, kind: str) -> None:
    logs = unwritable_logs(tmp_path)
    if kind not in logs:
        pytest.skip("running as root")
    result = CliRunner().invoke(
        app, ["--trees", str(GOOD), "diagnose", "mini", "-a", "first=done", "--json", "--log", str(logs[kind])]
    )
    assert result.exit_code == 2
    error = json.loads(result.stdout)["error"]
    assert error["code"] == "log-file" and error["message"].startswith(f"{logs[kind]}: cannot write the session log")


def test_a_log_that_fails_at_the_end_is_an_error_carrying_the_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(path: Path, record: dict[str, object]) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(log_module, "append_record", full_disk)
    result = CliRunner().invoke(
        app,
        ["--trees", str(GOOD), "diagnose", "mini", "-a", "first=done", "--json", "--log", str(tmp_path / "s.jsonl")],
    )
    assert result.exit_code == 2
    error = json.loads(result.stdout)["error"]
    assert (error["code"], error["session"]["outcome"]["id"]) == ("log-file", "quick-fix")
    assert "No space left on device" in error["message"]


def test_a_fifo_log_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "sessions.jsonl"
    os.mkfifo(fifo)
    command = [
        sys.executable,
        "-m",
        "uec_helper",
        "--trees",
        str(GOOD),
        "diagnose",
        "mini",
        "-a",
        "first=done",
        "--json",
        "--log",
        str(fifo),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert json.loads(done.stdout)["error"]["message"] == (
        f"{fifo}: cannot write the session log: a FIFO (named pipe), not a regular file; "
        "name a regular file or a new one"
    )


def test_a_record_always_fits_the_line_stats_reads(tmp_path: Path) -> None:
    # A 1 MiB note and a hundred searches of control characters (six bytes
    # each as JSON) once made a line that `stats` skipped as damage.
    recorder = Recorder(clock=lambda: 1.0)
    for _ in range(log_module.MAX_SEARCHES + 20):
        recorder.searched("\x01" * 2000, None, False)
    log = tmp_path / "sessions.jsonl"
    note = "n" * (1024 * 1024)
    append_record(log, session_record(recorder, Ending("agent", "en", "yes", note)))
    line = log.read_bytes()
    assert len(line) <= log_module.MAX_LINE_BYTES
    record = json.loads(line)
    assert record["note"] == "n" * log_module.MAX_LOG_NOTE_CHARS + log_module.CUT_MARK
    assert 0 < len(record["searches"]) < log_module.MAX_SEARCHES
    skipped = Skipped()
    assert len(list(read_sessions(log, skipped))) == 1 and skipped.count == 0


class QuitsAtOnce:
    """A person who picks Quit at the first menu."""

    def choose(self, menu: object) -> object:
        raise Quit

    def ask_text(self, message: str) -> str:
        return ""


def quit_at_the_first_question(log: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(choosers, "chooser_for", lambda plain: QuitsAtOnce())
    request = DiagnoseRequest(GOOD, "mini", [], None, "en", interactive=True, log=log)
    diagnose(request)


def test_quit_logs_the_session_as_stopped_where_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "s.jsonl"
    with pytest.raises(Quit):  # the CLI ends it with 0, saying nothing
        quit_at_the_first_question(log, monkeypatch)
    [session] = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert (session["tree"], session["outcome"], session["stopped_at"]) == ("mini", None, "first")


def test_quit_with_a_log_that_fails_is_the_log_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full_disk(path: Path, record: dict[str, object]) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(log_module, "append_record", full_disk)
    with pytest.raises(UsageError) as error:
        quit_at_the_first_question(tmp_path / "s.jsonl", monkeypatch)
    assert error.value.code == "log-file" and "No space left on device" in error.value.message
