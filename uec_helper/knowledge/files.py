"""Reading a file named by someone else, safely: regular files only, size-capped.

A FIFO named `*.yaml` would block `open()` for ever, and a symlink to
`/dev/zero` never ends; both are refused before a byte is read. A pipe is
read as standard input, named `-` (open_input). A file a command writes
passes the same check (`require_regular`): writing must not replace a device
or a FIFO with a file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from uec_helper.errors import Message
from uec_helper.file_errors import Refusal
from uec_helper.ui_text import ui_message


class NotAFile(Refusal):
    """The path is a FIFO, a device, a socket or a folder, not a regular file;
    `kind` says which, in words for a message, and `hint` what to do."""

    def __init__(self, kind: Message, hint: Message | None = None) -> None:
        reason = ui_message("reason-not-a-file", kind=kind)
        super().__init__(reason + ui_message("err-hint", hint=hint) if hint else reason)
        self.kind = kind


# What to do when the file a command is to write is not a regular file.
NAME_A_FILE = ui_message("hint-name-a-file")
# Where a command reads a file, `-` is standard input (is_stdin).
STDIN = "-"
# What to do when a file given to read is not a regular file: a pipe is read through `-`.
READ_STDIN = ui_message("hint-read-stdin")


class TooLarge(Refusal):
    """The file is larger than the caller allows."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(ui_message("reason-too-large", size=f"{size / 1e6:.1f} MB", limit=_rounded(limit)))
        self.size = size
        self.limit = limit


def _rounded(size: int) -> str:
    return f"{size / 1e6:.0f} MB" if size >= 1e6 else f"{size / 1e3:.0f} KB"


def kind_of(mode: int) -> Message:
    """What a non-regular file is, in words for a message."""
    if stat.S_ISDIR(mode):
        return ui_message("kind-folder")
    if stat.S_ISFIFO(mode):
        return ui_message("kind-fifo")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return ui_message("kind-device")
    if stat.S_ISSOCK(mode):
        return ui_message("kind-socket")
    return ui_message("kind-special")


def require_regular(mode: int, hint: Message | None = None) -> None:
    """The one check of every file read or written by name: NotAFile unless
    `mode` (a stat's) is a regular file's."""
    if not stat.S_ISREG(mode):
        raise NotAFile(kind_of(mode), hint)


def open_regular(path: Path, hint: Message | None = None, flags: int = os.O_RDONLY, mode: int = 0o600) -> int:
    """A descriptor of `path` opened with `flags` (reading by default; `mode`
    for a file O_CREAT makes), a regular file; NotAFile (with `hint`) or
    another OSError otherwise. Opened without blocking: opening a FIFO would
    otherwise wait for the other end."""
    fd = os.open(path, flags | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0), mode)
    try:
        require_regular(os.fstat(fd).st_mode, hint)
    except OSError:
        os.close(fd)
        raise
    return fd


def is_stdin(path: Path) -> bool:
    """`-` names standard input where a command reads a file (the command
    line keeps a file named `-` apart as ./-)."""
    return str(path) == STDIN


def open_input(path: Path) -> int:
    """A descriptor reading a file given to read: standard input for `-`,
    when it is a pipe, a socket or a redirected file (a terminal would wait
    for typing, a device may never end); otherwise a regular file, never a
    FIFO or a device (open_regular)."""
    if not is_stdin(path):
        return open_regular(path, READ_STDIN)
    mode = os.fstat(0).st_mode
    if os.isatty(0) or not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)):
        kind = ui_message("kind-terminal") if os.isatty(0) else kind_of(mode)
        raise Refusal(ui_message("reason-stdin", kind=kind))
    return os.dup(0)


def read_capped(path: Path, limit: int) -> bytes:
    """The file's bytes; NotAFile, TooLarge or another OSError otherwise."""
    return _read_capped(open_regular(path), limit)


def read_input(path: Path, limit: int) -> bytes:
    """The bytes of a file given to read, or of standard input for `-` (open_input), at most `limit`."""
    return _read_capped(open_input(path), limit)


def _read_capped(fd: int, limit: int) -> bytes:
    """Reads `fd` to its end and closes it; TooLarge past `limit` bytes."""
    try:
        size = os.fstat(fd).st_size
        if size > limit:  # a regular file's size: a pipe's is 0
            raise TooLarge(size, limit)
        chunks = []
        left = limit + 1  # one byte more than allowed tells a file that grew while read
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:
            raise TooLarge(len(data), limit)
        return data
    finally:
        os.close(fd)
