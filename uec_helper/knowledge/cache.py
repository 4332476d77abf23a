"""A cache of parsed tree folders, keyed by the files' content.

Parsing YAML dominates start-up once a folder grows (libyaml's composer
takes ~0.4 s for 10,000 nodes); unpickling the parsed model takes a fraction
of that. The key hashes every file's path and bytes (not mtimes), so an
edited file can never be served stale. Any trouble with the cache (missing,
corrupt, read-only) just means parsing again.

Unpickling runs code named in the file, so an entry is only loaded from a
folder and a file that nobody but the current user could have written: both
owned by them, neither writable by group or others. The folder is created
0700 and entries 0600 whatever the umask. Pruning removes only entries this
module names (a kind, a SHA-256 key and `.pickle`, or its temporary files).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import os
import pickle
import re
import stat
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from uec_helper import __version__

FORMAT = 2
MAX_AGE_S = 30 * 24 * 3600
# Entries kept per kind (trees, validation, walk checks, search index), the
# most recently used first. One state of the trees and the code needs one of
# each (≈ 1.1 MB for the shipped trees); 8 lets an editor switch between a
# few branches, folders and edits without parsing again, and caps the folder
# at 8 such states. A cap in bytes would instead depend on the trees' size:
# one state of a large knowledge base could exceed it and evict itself.
KEEP_PER_KIND = 8
PACKAGE = Path(__file__).resolve().parent.parent
T = TypeVar("T")
OFF = {"0", "off", "no", "false"}
KIND = r"[a-z]+(?:-[a-z]+)*"
# "<kind>-<sha256>"; entries written before kinds were named have no kind.
KEY = rf"(?:(?P<kind>{KIND})-)?[0-9a-f]{{64}}"
ENTRY = re.compile(rf"{KEY}\.pickle")
# A temporary file while an entry is written: the key, tempfile's 8 random characters, ".tmp".
TEMPORARY = re.compile(rf"{KEY}\.[a-z0-9_]{{8}}\.tmp")
WRITABLE_BY_OTHERS = stat.S_IWGRP | stat.S_IWOTH


def cache_folder() -> Path | None:
    """UEC_HELPER_CACHE (a folder, or 'off'), else the user's cache folder.
    An empty UEC_HELPER_CACHE counts as unset, never as the current folder."""
    chosen = os.environ.get("UEC_HELPER_CACHE")
    if chosen:
        return None if chosen.lower() in OFF else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "uec-helper"


@functools.cache
def code_version() -> bytes:
    """Changes whenever a module of the package changes, so a developer's
    edit to the loader or the validator never meets results of the old code."""
    digest = hashlib.sha256(f"{FORMAT}:{__version__}".encode())
    for module in _modules(str(PACKAGE), ""):
        info = os.stat(os.path.join(PACKAGE, module))
        digest.update(f"{module}:{info.st_size}:{info.st_mtime_ns};".encode())
    return digest.digest()


def _modules(folder: str, relative: str) -> list[str]:
    """The package's .py files, relative and sorted. Every command runs this:
    os.scandir, not Path.rglob, which costs four times as much for 60 modules."""
    found: list[str] = []
    with os.scandir(folder) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.name.endswith(".py"):
                found.append(relative + entry.name)
            elif entry.is_dir() and entry.name != "__pycache__":
                found += _modules(entry.path, f"{relative}{entry.name}/")
    return found


def cache_key(kind: str, entries: Iterable[tuple[str, bytes | None]]) -> str:
    """`kind` ("trees", "search-index") starts the entry's file name, so that
    pruning keeps a few entries of each kind rather than of all together."""
    if not re.fullmatch(KIND, kind):
        raise ValueError(f"cache kind {kind!r} is not lowercase words joined by '-'")
    digest = hashlib.sha256(code_version())
    digest.update(kind.encode() + b"\0")
    for name, data in entries:
        digest.update(name.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(b"-" if data is None else len(data).to_bytes(8, "big") + data)
    return f"{kind}-{digest.hexdigest()}"


def is_private(info: os.stat_result) -> bool:
    """Owned by the current user and writable by nobody else."""
    owner = os.getuid() if hasattr(os, "getuid") else info.st_uid
    return info.st_uid == owner and not info.st_mode & WRITABLE_BY_OTHERS


def trusted(folder: Path) -> bool:
    """A folder only the current user can have put entries into."""
    try:
        info = folder.stat()
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and is_private(info)


def _open_entry(path: Path) -> int:
    """A descriptor of the entry, checked after opening so it cannot be swapped in between."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    info = os.fstat(fd)
    if not (stat.S_ISREG(info.st_mode) and is_private(info)):
        os.close(fd)
        raise PermissionError(f"{path}: not a private cache entry")
    return fd


def fetch(key: str) -> Any | None:
    folder = cache_folder()
    if folder is None or not trusted(folder):
        return None
    # The collector would run over and over while ~10^5 objects appear, and
    # later sweep them all again: pause it while loading (about three times
    # faster), then freeze what was loaded, which lives as long as the process.
    path = folder / f"{key}.pickle"
    gc.disable()
    try:
        with os.fdopen(_open_entry(path), "rb") as cached:
            value = pickle.load(cached)
    except Exception:  # a missing, damaged or untrusted cache entry is only a miss
        return None
    finally:
        gc.freeze()
        gc.enable()
    with contextlib.suppress(OSError):
        os.utime(path)  # in use: not pruned
    return value


def cached(key: str, kind: type[T], compute: Callable[[], T]) -> T:
    """The cached value of `compute()` under `key`, computing and storing it on a miss."""
    value = fetch(key)
    if isinstance(value, kind):
        return value
    value = compute()
    store(key, value)
    return value


def store(key: str, value: Any) -> None:
    folder = cache_folder()
    if folder is None:
        return
    import tempfile  # only a cache miss writes

    written = None
    try:
        if not folder.exists():
            folder.mkdir(mode=0o700, parents=True)
            os.chmod(folder, 0o700)  # mkdir's mode is cut by the umask; this is not
        if not trusted(folder):  # someone else's, or open to others: never write there
            return
        # mkstemp creates the file 0600 whatever the umask.
        fd, written = tempfile.mkstemp(dir=folder, prefix=f"{key}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(written, folder / f"{key}.pickle")  # atomic: readers see all or nothing
    except Exception:  # a full disk, a read-only folder: the next run parses again
        if written is not None:
            with contextlib.suppress(OSError):
                os.unlink(written)
        return
    prune(folder, key)


def prune(folder: Path, written: str | None = None, max_age_s: float = MAX_AGE_S) -> None:
    """Every edit of a tree file and every change of the package leaves
    entries nobody will ask for again: removes those unused for `max_age_s`
    and, of each kind, all but the KEEP_PER_KIND most recently used (a hit
    refreshes an entry's time). `written`, the key just stored, always stays.
    Only regular files this module names and the current user owns, directly
    in a trusted folder, are touched; a read-only folder or a file another
    process removed first only leaves something unpruned."""
    if not trusted(folder):
        return
    cutoff = time.time() - max_age_s
    by_kind: dict[str | None, list[tuple[bool, int, str]]] = {}
    for path, name, info in _own_files(folder):
        if info.st_mtime < cutoff:
            _remove(path)
        elif entry := ENTRY.fullmatch(name):  # not a temporary file: it may be another process's write
            by_kind.setdefault(entry["kind"], []).append((name == f"{written}.pickle", info.st_mtime_ns, path))
    for entries in by_kind.values():
        for _, _, path in sorted(entries, reverse=True)[KEEP_PER_KIND:]:
            _remove(path)


def _own_files(folder: Path) -> list[tuple[str, str, os.stat_result]]:
    """Path, name and status of this module's regular, private files in `folder`;
    as many as could be read when the folder cannot be read to the end."""
    found: list[tuple[str, str, os.stat_result]] = []
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if not (ENTRY.fullmatch(entry.name) or TEMPORARY.fullmatch(entry.name)):
                continue
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:  # removed meanwhile
                continue
            if stat.S_ISREG(info.st_mode) and is_private(info):
                found.append((entry.path, entry.name, info))
    return found


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):  # read-only, or already removed by another process
        os.unlink(path)
