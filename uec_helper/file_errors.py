"""Why a file could not be read or written, in both languages.

The one source of a reason inside an error about a file: a refusal of this
tool's own (a FIFO named as a file, a missing folder) carries its words in
both languages; the system's reason (an OSError's strerror) stays the
system's text in English and is translated by its errno into Japanese, or
shown as it is where no translation is kept.
"""

from __future__ import annotations

import os

from uec_helper.errors import Message
from uec_helper.ui_text import SYSTEM_REASONS_JA


class Refusal(OSError):
    """A file (or standard input) this tool will not read or write, and why:
    `reason`; the OSError's text is its English (scripts match it), with the
    system's errno and file name where it has them."""

    def __init__(self, reason: Message, code: int | None = None, filename: str | None = None) -> None:
        if code is None:
            super().__init__(reason.en)
        else:
            super().__init__(code, reason.en, filename)
        self.reason = reason


def reason_of(error: OSError) -> Message:
    """Why `error` happened, for an error line: a refusal's own words, else
    the system's text (or the error's, with none), in Japanese where its errno is one a user meets."""
    if isinstance(error, Refusal):
        return error.reason
    english = error.strerror or str(error)
    if error.errno is None or error.strerror != os.strerror(error.errno):  # words of the raiser's own
        return Message(english)
    return Message(english, SYSTEM_REASONS_JA.get(error.errno))
