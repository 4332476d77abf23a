"""The session log: one JSON line per finished or abandoned diagnose session.

Several agents may write the same file at once: each record is one line
written by a single ``os.write`` on a descriptor opened with ``O_APPEND``
under an exclusive ``flock``, so records never interleave. A reader streams the file a bounded line at a time
and skips a malformed line (say, the half line a full disk left behind, or a
field of the wrong type) with a warning instead of failing.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from uec_helper.errors import Message, UsageError
from uec_helper.file_errors import Refusal, reason_of
from uec_helper.helpdesk.recorder import MAX_QUERY_CHARS, Ending, Recorder, Search
from uec_helper.helpdesk.request import RESOLUTIONS, Resolution
from uec_helper.knowledge.diagnostics import Diagnostic, warning
from uec_helper.knowledge.files import NAME_A_FILE, open_input, open_regular, require_regular
from uec_helper.knowledge.model import Lang, Location
from uec_helper.ui_text import ui, ui_message

REQUIRED = ("tree", "path", "outcome", "duration_s", "mode")
LOG_MODE = 0o600
# A session record is a few hundred bytes (a long note a few KB): a longer line is damage, never read whole.
MAX_LINE_BYTES = 1024 * 1024
MAX_DURATION_S = 7 * 24 * 3600  # no call lasts a week
MAX_WARNINGS = 20
MAX_ID_CHARS = 200  # tree, outcome and question ids; longer ones are damage (and would swell the counts)
MAX_SEARCHES = 100  # searches of one session kept by a reader, and written
# A note past this is cut in the log (the ticket keeps it whole): with the
# searches, a record then always fits in MAX_LINE_BYTES, which `stats` reads.
MAX_LOG_NOTE_CHARS = 20_000
CUT_MARK = " …"


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
        "note": _cut(ending.note, MAX_LOG_NOTE_CHARS),
        "escalated_to": ending.escalated_to,
        "duration_s": round(recorder.elapsed(), 1),
        "mode": ending.mode,
        "searches": [search.to_json() for search in recorder.searches[:MAX_SEARCHES]],
        "caller_lang": ending.caller_lang,
    }


def _cut(text: str | None, limit: int) -> str | None:
    return text if text is None or len(text) <= limit else text[:limit] + CUT_MARK


def _dumped(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _line(record: dict[str, Any]) -> bytes:
    """The record as one JSON line of at most MAX_LINE_BYTES, which `stats`
    reads: if searches whose queries are escapes (six bytes a control
    character) make it longer, the last of them are left out."""
    line = _dumped(record) + b"\n"
    if len(line) <= MAX_LINE_BYTES:
        return line
    room = MAX_LINE_BYTES - len(_dumped({**record, "searches": []})) - 1
    kept = []
    for search in record["searches"]:
        size = len(_dumped(search)) + 1  # and a comma
        if size > room:
            break
        room -= size
        kept.append(search)
    return _dumped({**record, "searches": kept}) + b"\n"


def _cannot_write(path: Path, exc: OSError) -> Message:
    return ui_message("err-log-write", path=path, reason=reason_of(exc))


def _open_for_append(path: Path) -> int:
    """A descriptor appending to `path`, a regular file (created 0600: notes
    are callers' words). A FIFO, device or folder is refused before opening,
    and O_NONBLOCK keeps a FIFO swapped in meanwhile from hanging the open."""
    try:
        kind = os.stat(path).st_mode
    except FileNotFoundError:
        kind = stat.S_IFREG  # created below
    require_regular(kind, NAME_A_FILE)
    return open_regular(path, NAME_A_FILE, os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, LOG_MODE)


def check_log(path: Path) -> None:
    """Raises UsageError `log-file` unless `path` can take records (creating it):
    checked before a session starts, so a bad --log is known at once."""
    try:
        os.close(_open_for_append(path))
    except OSError as exc:
        raise UsageError("log-file", _cannot_write(path, exc), log=str(path)) from exc


def append_record(path: Path, record: dict[str, Any]) -> None:
    """Appends one line; raises OSError when the file cannot take it whole.

    Under an exclusive lock (other writers of this tool wait): a record cut
    short (a full disk) is taken back, and a part of a line left by anything
    else (a crash, another program) is ended first, so the record is never
    glued onto it."""
    import fcntl

    line = _line(record)
    fd = _open_for_append(path)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # released by close
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            line = b"\n" + line
        written = os.write(fd, line)
        if written != len(line):
            with contextlib.suppress(OSError):
                os.ftruncate(fd, size)
            raise Refusal(ui_message("reason-cut-short", written=written, total=len(line)), errno.ENOSPC)
    finally:
        os.close(fd)


def log_session(path: Path | None, recorder: Recorder, ending: Ending) -> Message | None:
    """Logs the session when a log is set; returns what went wrong if it could not."""
    if path is None:
        return None
    try:
        append_record(path, session_record(recorder, ending))
    except OSError as exc:
        return _cannot_write(path, exc)
    return None


@dataclass(frozen=True)
class LoggedSession:
    """What `stats` reads of a session record, its types checked."""

    tree: str | None
    outcome: str | None
    stopped_at: str | None
    resolution: Resolution | None
    duration_s: float
    mode: str
    time: datetime | None = None  # None: missing or not an ISO time
    searches: tuple[Search, ...] = ()
    caller_lang: Lang | None = None


def _time(value: object) -> datetime | None:
    if not isinstance(value, str) or len(value) > MAX_ID_CHARS:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _searches(value: object) -> tuple[Search, ...] | None:
    """The searches of a record (none in records older than them); None when damaged."""
    if value is None:
        return ()
    if not isinstance(value, list):
        return None
    found: list[Search] = []
    for item in value[:MAX_SEARCHES]:
        if not isinstance(item, dict):
            return None
        query, top, chosen = item.get("query"), item.get("top"), item.get("chosen")
        if not isinstance(query, str) or len(query) > MAX_QUERY_CHARS or not _text_or_none(top):
            return None
        if not isinstance(chosen, bool):
            return None
        found.append(Search(query, top, chosen))
    return tuple(found)


def _text_or_none(value: object) -> bool:
    return value is None or (isinstance(value, str) and len(value) <= MAX_ID_CHARS)


def logged_session(value: object) -> LoggedSession | None:
    """The session a JSON value records, or None when it is not one: a key
    missing, a wrong type ("tree": ["x"]), an infinite or NaN duration."""
    if not isinstance(value, dict) or not all(key in value for key in REQUIRED):
        return None
    duration = value["duration_s"]
    texts = (value["tree"], value["outcome"], value.get("stopped_at"))
    resolution = value.get("resolution")
    if (
        not all(_text_or_none(text) for text in texts)
        or not (resolution is None or resolution in RESOLUTIONS)
        or isinstance(duration, bool)
        or not isinstance(duration, int | float)
        or not 0 <= duration <= MAX_DURATION_S  # NaN compares false; no int too large for a float passes
        or not isinstance(value["mode"], str)
        or not isinstance(value["path"], list)
    ):
        return None
    searches = _searches(value.get("searches"))
    caller_lang = value.get("caller_lang")
    if searches is None or caller_lang not in (None, "en", "ja"):
        return None
    return LoggedSession(
        value["tree"],
        value["outcome"],
        value.get("stopped_at"),
        resolution,
        float(duration),
        value["mode"],
        _time(value.get("time")),
        searches,
        caller_lang,
    )


@dataclass
class Skipped:
    """The lines a reader skipped: how many, and the warnings for the first
    MAX_WARNINGS (a damaged log of millions of lines must not fill memory),
    worded in `lang`."""

    lang: Lang = "en"
    count: int = 0
    shown: list[Diagnostic] = field(default_factory=list)

    def add(self, path: Path, number: int, message: str, hint: str) -> None:
        """Counts line `number` of `path` as skipped; `message` and `hint`: ui keys."""
        self.count += 1
        if len(self.shown) < MAX_WARNINGS:
            words = ui(message, self.lang).format(limit=MAX_LINE_BYTES)
            self.shown.append(warning(Location(str(path), number, 1), "malformed-record", words, ui(hint, self.lang)))


def json_lines(path: Path, skipped: Skipped) -> Iterator[tuple[int, object]]:
    """Each line's number and JSON value, one line in memory at a time; a line
    longer than MAX_LINE_BYTES or not JSON is skipped with a warning added to
    `skipped`. `-` reads standard input (a pipe: `zcat old.jsonl.gz | uec-helper
    stats -`). Raises OSError if the file cannot be read (a folder, a device, a
    FIFO: one with no writer would block for ever, /dev/zero never ends)."""
    with os.fdopen(open_input(path), "rb") as log:
        for number, raw in enumerate(iter(lambda: log.readline(MAX_LINE_BYTES + 1), b""), 1):
            if len(raw) > MAX_LINE_BYTES:
                while raw and not raw.endswith(b"\n"):  # the rest of the line, a bounded piece at a time
                    raw = log.readline(MAX_LINE_BYTES)
                skipped.add(path, number, "log-line-too-long", "log-no-record-so-long")
                continue
            if not raw.strip():
                continue
            try:
                yield number, json.loads(raw)
            except (ValueError, UnicodeDecodeError, RecursionError):
                skipped.add(path, number, "log-not-a-record", "log-cut-short")


def read_sessions(path: Path, skipped: Skipped) -> Iterator[LoggedSession]:
    """Every intact session record of the log, streamed; each line skipped adds a warning to `skipped`."""
    for number, value in json_lines(path, skipped):
        session = logged_session(value)
        if session is None:
            skipped.add(path, number, "log-not-a-record", "log-cut-short")
        else:
            yield session
