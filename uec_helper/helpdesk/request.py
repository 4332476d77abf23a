"""Helpdesk mode's flags, checked before the call starts.

A light module: every `diagnose` parses these flags, and a scripted run must
not pay for importing the helpdesk itself.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from uec_helper.errors import ErrorCode, UsageError
from uec_helper.knowledge.model import Lang
from uec_helper.ui_text import LanguageError, parse_lang, ui_message

Resolution = Literal["yes", "no", "escalated"]
RESOLUTIONS: tuple[Resolution, ...] = ("yes", "no", "escalated")


@dataclass(frozen=True)
class AgentRequest:
    """Helpdesk mode's flags; what is not given is asked at a terminal."""

    caller_lang: Lang
    resolution: Resolution | None = None
    note: str | None = None
    note_file: Path | None = None
    force: bool = False  # --force: --note-file may replace an existing file
    escalated_to: str | None = None  # --escalated-to: a contact id or a name, as typed (agent.escalation_name)


def parse_resolution(value: str | None) -> Resolution | None:
    if value is None:
        return None
    for resolution in RESOLUTIONS:
        if value == resolution:
            return resolution
    said = ui_message("err-invalid-resolution", value=value, choices=", ".join(RESOLUTIONS))
    raise UsageError("invalid-resolution", said, choices=list(RESOLUTIONS))


def agent_request(
    enabled: bool,
    caller_lang: str | None,
    screen_lang: Lang,
    resolution: str | None,
    note: str | None,
    note_file: Path | None,
    force: bool = False,
    escalated_to: str | None = None,
) -> AgentRequest | None:
    """Helpdesk mode's request from its flags, or None; its flags need --agent,
    and --escalated-to needs --resolution escalated. An existing --note-file is
    refused here, before the call, unless --force."""
    flags = {
        "--caller-lang": caller_lang,
        "--resolution": resolution,
        "--agent-note": note,
        "--note-file": note_file,
        "--force": force or None,
        "--escalated-to": escalated_to,
    }
    if not enabled:
        _refuse_given(flags, "agent-only", "err-agent-only")
        return None
    try:
        caller = parse_lang(caller_lang, "--caller-lang") if caller_lang is not None else screen_lang
    except LanguageError as exc:
        raise UsageError("invalid-lang", exc.text) from exc
    parsed = parse_resolution(resolution)
    if parsed != "escalated":
        _refuse_given({"--escalated-to": escalated_to}, "escalated-only", "err-escalated-only")
    if note_file is not None:
        check_note_file(note_file, force)
    return AgentRequest(caller, parsed, note, note_file, force, escalated_to)


# Shaped like a contact id (lower-case letters, digits, hyphens): a name to
# record is written with a space or a capital letter ("Network team").
_ID_SHAPED = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
CLOSE_ID = 0.8  # difflib's ratio at which an id-shaped value is a typo of a contact id


def check_escalated_to(given: str, contact_ids: Collection[str]) -> None:
    """Refuses an id-shaped `--escalated-to` that is no contact's id but close
    to one ("itc-ofice"): recorded as a name, the typo would reach the ticket."""
    if given in contact_ids or not _ID_SHAPED.match(given):
        return
    import difflib

    close = difflib.get_close_matches(given, sorted(contact_ids), n=1, cutoff=CLOSE_ID)
    if close:
        raise UsageError(
            "unknown-contact",
            ui_message("err-unknown-contact", given=given, close=close[0]),
            contacts=sorted(contact_ids),
        )


def _refuse_given(flags: Mapping[str, object | None], code: ErrorCode, why: str) -> None:
    """Refuses the flags given (not None) among `flags`, all in one line
    (`why`: its ui key)."""
    given = [flag for flag, value in flags.items() if value is not None]
    if given:
        raise UsageError(code, ui_message(why, flags=", ".join(given)))


def check_note_file(path: Path, force: bool) -> None:
    """Refuses, before the call, a --note-file the ticket could not be
    written to (as --log is checked): not a regular file, existing without
    --force, or in a folder that is missing or cannot be written."""
    from uec_helper.safe_write import check_writable

    try:
        check_writable(path, replace=force)
    except OSError as exc:
        raise note_file_error(path, exc) from exc


def note_file_error(path: Path, exc: OSError) -> UsageError:
    """Why the ticket cannot be written to `path`, as the one error the check before the call and the write share."""
    if isinstance(exc, FileExistsError):
        return UsageError("file-exists", ui_message("err-note-file-exists", path=path), file=str(path))
    from uec_helper.safe_write import why_not_written

    said = ui_message("err-note-file", path=path, reason=why_not_written(exc, "--note-file"))
    return UsageError("note-file", said, file=str(path))
