"""The session log: whole records under concurrent appends, torn lines skipped."""

from __future__ import annotations

import json
import multiprocessing
from datetime import UTC, datetime
from pathlib import Path

from uec_helper.helpdesk.log import Ending, Recorder, Skipped, append_record, json_lines, read_sessions, session_record
from uec_helper.knowledge.model import KnowledgeBase
from uec_helper.walk.engine import Walk

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
        "duration_s": 12.3,
        "mode": "user",
    }


def test_session_before_any_tree_is_logged_without_one() -> None:
    recorder = Recorder(clock=lambda: 5.0)
    now = datetime(2025, 4, 1, 9, 30, tzinfo=UTC)
    record = session_record(recorder, Ending("agent", "en"), now)
    assert (record["tree"], record["path"], record["outcome"], record["stopped_at"]) == (None, [], None, None)
