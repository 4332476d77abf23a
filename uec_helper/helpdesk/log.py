"""The session log: one JSON line per finished or abandoned diagnose session.

Several agents may write the same file at once: each record is one line
written by a single ``os.write`` on a descriptor opened with ``O_APPEND``, so
records never interleave. A reader skips a malformed line (say, the half line
a crash left behind) with a warning instead of failing.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from uec_helper.knowledge.diagnostics import Diagnostic, warning
from uec_helper.knowledge.model import Lang, Location
from uec_helper.walk.engine import Answerer, Move, Walk

Mode = Literal["agent", "user", "scripted"]
REQUIRED = ("tree", "path", "outcome", "duration_s", "mode")


class Recorder:
    """Where a session is: the clock since it started and the walk it last
    showed (a question, or the outcome once finished)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.started = clock()
        self.walk: Walk | None = None

    def elapsed(self) -> float:
        return self.clock() - self.started

    def track(self, answerer: Answerer) -> Answerer:
        def ask(walk: Walk) -> str | Move:
            self.walk = walk
            return answerer(walk)

        return ask

    def finished(self, walk: Walk) -> Walk:
        self.walk = walk
        return walk


@dataclass(frozen=True)
class Ending:
    """How a session ended, beyond its walk."""

    mode: Mode
    lang: Lang
    resolution: str | None = None
    note: str | None = None  # already screened by privacy.screen_note


def session_record(recorder: Recorder, ending: Ending, now: datetime | None = None) -> dict[str, Any]:
    walk = recorder.walk
    outcome = walk.outcome if walk else None
    question = walk.question if walk else None
    return {
        "time": (now or datetime.now()).astimezone().isoformat(timespec="seconds"),
        "tree": walk.tree.id if walk else None,
        "lang": ending.lang,
        "path": [{"question": q, "choice": c} for q, c in walk.answers.items()] if walk else [],
        "outcome": outcome.id if outcome else None,
        "stopped_at": question.id if question else None,
        "resolution": ending.resolution,
        "note": ending.note,
        "duration_s": round(recorder.elapsed(), 1),
        "mode": ending.mode,
    }


def append_record(path: Path, record: dict[str, Any]) -> None:
    """Appends one line; raises OSError when the file cannot take it whole."""
    line = (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        written = os.write(fd, line)
    finally:
        os.close(fd)
    if written != len(line):
        raise OSError(f"only {written} of {len(line)} bytes written")


def log_session(path: Path | None, recorder: Recorder, ending: Ending) -> str | None:
    """Logs the session when a log is set; returns a warning if it could not."""
    if path is None:
        return None
    try:
        append_record(path, session_record(recorder, ending))
    except OSError as exc:
        return f"{path}: cannot write the session log: {exc.strerror or exc}"
    return None


def read_records(path: Path) -> tuple[list[dict[str, Any]], list[Diagnostic]]:
    """Every intact record, and a warning for each line skipped."""
    records: list[dict[str, Any]] = []
    skipped: list[Diagnostic] = []
    with path.open("rb") as log:
        for number, raw in enumerate(log, 1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw)
            except (ValueError, UnicodeDecodeError):
                record = None
            if isinstance(record, dict) and all(key in record for key in REQUIRED):
                records.append(record)
            else:
                skipped.append(
                    warning(
                        Location(str(path), number, 1),
                        "malformed-record",
                        "skipped a line that is not a whole session record",
                        "a crash or a full disk may have cut it short",
                    )
                )
    return records, skipped
