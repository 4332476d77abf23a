"""The logs `stats` reads: files and folders of them, each counted once.

A helpdesk team keeps one log per machine (appends to a file on a network
share are not atomic, so agents sharing one file can interleave or lose
records) and gives `stats` all of them: `stats logs/` or `stats a.jsonl
b.jsonl`. A file named twice, through a symlink or a second path, or a copy
with the same content (a log collected twice) is read once.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from uec_helper.knowledge.files import is_stdin

HASH_CHUNK = 1024 * 1024


@dataclass
class LogFiles:
    """The files to read, and the ones left out as copies of another."""

    files: list[Path] = field(default_factory=list)
    duplicates: list[tuple[Path, Path]] = field(default_factory=list)  # (left out, same as)


def _content_id(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as log:
        for chunk in iter(lambda: log.read(HASH_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _expanded(path: Path) -> list[Path]:
    """A folder's visible regular files, sorted; any other path, and `-`
    (standard input), as given (reading it reports what is wrong with it)."""
    if is_stdin(path) or not path.is_dir():
        return [path]
    return sorted(p for p in path.iterdir() if not p.name.startswith(".") and p.is_file())


def log_files(paths: list[Path]) -> LogFiles:
    """Every log named or inside a named folder, once. Raises OSError when a
    file cannot be read."""
    found = LogFiles()
    seen_files: dict[tuple[int, int], Path] = {}
    seen_contents: dict[str, Path] = {}
    for path in (p for given in paths for p in _expanded(given)):
        if is_stdin(path):  # read once: a second `-` would find it at its end
            if path in found.files:
                found.duplicates.append((path, path))
            else:
                found.files.append(path)
            continue
        status = os.stat(path)
        if not stat.S_ISREG(status.st_mode):
            found.files.append(path)  # the reader refuses it with its own message
            continue
        same = seen_files.get((status.st_dev, status.st_ino))
        content = _content_id(path) if same is None else ""
        same = same or seen_contents.get(content)
        if same is not None:
            found.duplicates.append((path, same))
            continue
        seen_files[status.st_dev, status.st_ino] = path
        seen_contents[content] = path
        found.files.append(path)
    return found
