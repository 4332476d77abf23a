"""Writing a file without ever destroying one.

The text goes to a temporary file (0600) in the target's folder, then takes
the target's name in one step: a crash, a full disk or a text that cannot be
encoded leaves the old file as it was. A new file is linked into place, which
fails if the name exists in any form (a dangling symlink too); a replacement
is renamed over the name, so only a regular file is ever replaced: a device,
a FIFO, a socket or a folder is refused, and so is a symlink, which renaming
would replace by a file instead of writing through it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from uec_helper.errors import Message
from uec_helper.file_errors import Refusal, reason_of
from uec_helper.knowledge.files import NAME_A_FILE, NotAFile, require_regular
from uec_helper.ui_text import ui_message


class SymbolicLink(NotAFile):
    """The target is a symlink: never replaced, never written through."""

    def __init__(self, path: Path) -> None:
        super().__init__(ui_message("kind-symlink", target=os.path.realpath(path)), ui_message("hint-symlink"))


class NoFolder(Refusal, FileNotFoundError):
    """The folder the file is to be written in is missing."""

    def __init__(self, path: Path) -> None:
        super().__init__(ui_message("reason-no-folder", folder=path.parent), errno.ENOENT, str(path))


def check_target(path: Path, replace: bool) -> None:
    """Raises NotAFile unless `path` is absent or, with `replace`, a regular
    file; FileExistsError when it is one and not `replace`."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISLNK(mode):
        raise SymbolicLink(path)
    require_regular(mode, NAME_A_FILE)
    if not replace:
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path))


def check_writable(path: Path, replace: bool = False) -> None:
    """What write_whole would refuse, found before the work that makes the
    text: the target (check_target), and a folder that is missing or that
    cannot take the temporary file (OSError)."""
    check_target(path, replace)
    try:
        fd, probe = _temporary(path)
    except FileNotFoundError as exc:
        raise NoFolder(path) from exc
    os.close(fd)
    os.unlink(probe)


def why_not_written(exc: OSError, option: str) -> Message:
    """Why a file cannot be written and what to do, for a one-line error:
    a target that is not a regular file says what to name instead."""
    if isinstance(exc, NotAFile):
        return exc.reason
    return reason_of(exc) + ui_message("hint-choose-another", option=option)


def write_whole(path: Path, data: bytes, replace: bool = False, private: bool = True) -> None:
    """Writes `data` to `path` whole or not at all. Raises FileExistsError
    when `path` exists and not `replace`, NotAFile when it is not a regular
    file, OSError when it cannot be written.
    A private file (a ticket) is 0600; another (a page to publish) gets the
    usual permissions under the umask."""
    check_target(path, replace)
    _place(path, data, None if private else 0o666 & ~_umask(), replace)


def rewrite_whole(path: Path, data: bytes) -> None:
    """Gives an existing regular file new contents whole or not at all,
    keeping its permissions: an editor's tree file, rewritten in place. A
    symlink's target is the file rewritten, as writing to the link did, and
    the link stays a link. Raises NotAFile or OSError."""
    target = Path(os.path.realpath(path))
    mode = os.stat(target).st_mode
    require_regular(mode, NAME_A_FILE)
    _place(target, data, stat.S_IMODE(mode), replace=True)


def _place(path: Path, data: bytes, mode: int | None, replace: bool) -> None:
    """`data` into a temporary file of mode `mode` (None: 0600), then into place."""
    fd, temporary = _temporary(path)
    try:
        if mode is not None:
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if replace:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _temporary(path: Path) -> tuple[int, str]:
    """A new file (0600) in the target's folder, named after it; its descriptor and path."""
    return tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
