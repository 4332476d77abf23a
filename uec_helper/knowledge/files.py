"""Reading a file named by someone else, safely: regular files only, size-capped.

A FIFO named `*.yaml` would block `open()` for ever, and a symlink to
`/dev/zero` never ends; both are refused before a byte is read. A file a
command writes passes the same check (`require_regular`): writing must not
replace a device or a FIFO with a file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class NotAFile(OSError):
    """The path is a FIFO, a device, a socket or a folder, not a regular file;
    `kind` says which, in words for a message, and `hint` what to do."""

    def __init__(self, kind: str, hint: str = "") -> None:
        super().__init__(f"{kind}, not a regular file" + (f"; {hint}" if hint else ""))
        self.kind = kind


# What to do when the file a command is to write is not a regular file.
NAME_A_FILE = "name a regular file or a new one"


class TooLarge(OSError):
    """The file is larger than the caller allows."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"file is too large ({size / 1e6:.1f} MB; the limit is {_rounded(limit)})")
        self.size = size
        self.limit = limit


def _rounded(size: int) -> str:
    return f"{size / 1e6:.0f} MB" if size >= 1e6 else f"{size / 1e3:.0f} KB"


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words for a message."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def require_regular(mode: int, hint: str = "") -> None:
    """The one check of every file read or written by name: NotAFile unless
    `mode` (a stat's) is a regular file's."""
    if not stat.S_ISREG(mode):
        raise NotAFile(kind_of(mode), hint)


def read_capped(path: Path, limit: int) -> bytes:
    """The file's bytes; NotAFile, TooLarge or another OSError otherwise."""
    # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(fd)
        require_regular(info.st_mode)
        if info.st_size > limit:
            raise TooLarge(info.st_size, limit)
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
