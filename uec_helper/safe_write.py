"""Writing a file without ever destroying one.

The text goes to a temporary file (0600) in the target's folder, then takes
the target's name in one step: a crash, a full disk or a text that cannot be
encoded leaves the old file as it was. A new file is linked into place, which
fails if the name exists in any form (a dangling symlink too); a replacement
is renamed over the name, which replaces a symlink instead of writing
through it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_whole(path: Path, data: bytes, replace: bool = False, private: bool = True) -> None:
    """Writes `data` to `path` whole or not at all. Raises FileExistsError
    when `path` exists and not `replace`, OSError when it cannot be written.
    A private file (a ticket) is 0600; another (a page to publish) gets the
    usual permissions under the umask."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        if not private:
            os.fchmod(fd, 0o666 & ~_umask())
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


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
