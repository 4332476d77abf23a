"""A cache of parsed tree folders, keyed by the files' content.

Parsing YAML dominates start-up once a folder grows (libyaml's composer
takes ~0.4 s for 10,000 nodes); unpickling the parsed model takes a fraction
of that. The key hashes every file's path and bytes (not mtimes), so an
edited file can never be served stale. Any trouble with the cache (missing,
corrupt, read-only) just means parsing again.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import os
import pickle
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from uec_helper import __version__

FORMAT = 2
MAX_AGE_S = 30 * 24 * 3600
PACKAGE = Path(__file__).resolve().parent.parent
T = TypeVar("T")
OFF = {"0", "off", "no", "false"}


def cache_folder() -> Path | None:
    """UEC_HELPER_CACHE (a folder, or 'off'), else the user's cache folder."""
    chosen = os.environ.get("UEC_HELPER_CACHE")
    if chosen is not None:
        return None if chosen.lower() in OFF else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "uec-helper"


@functools.cache
def code_version() -> bytes:
    """Changes whenever a module of the package changes, so a developer's
    edit to the loader or the validator never meets results of the old code."""
    digest = hashlib.sha256(f"{FORMAT}:{__version__}".encode())
    for module in sorted(PACKAGE.rglob("*.py")):
        stat = module.stat()
        digest.update(f"{module.relative_to(PACKAGE)}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return digest.digest()


def cache_key(entries: Iterable[tuple[str, bytes | None]]) -> str:
    digest = hashlib.sha256(code_version())
    for name, data in entries:
        digest.update(name.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(b"-" if data is None else len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def fetch(key: str) -> Any | None:
    folder = cache_folder()
    if folder is None:
        return None
    # The collector would run over and over while ~10^5 objects appear, and
    # later sweep them all again: pause it while loading (about three times
    # faster), then freeze what was loaded, which lives as long as the process.
    path = folder / f"{key}.pickle"
    gc.disable()
    try:
        with open(path, "rb") as cached:
            value = pickle.load(cached)
    except Exception:  # a missing or damaged cache entry is only a miss
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
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".tmp") as out:
            written = out.name
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(written, folder / f"{key}.pickle")  # atomic: readers see all or nothing
    except Exception:  # a full disk, a read-only folder: the next run parses again
        if written is not None:
            with contextlib.suppress(OSError):
                os.unlink(written)
        return
    prune(folder)


def prune(folder: Path, max_age_s: float = MAX_AGE_S) -> None:
    """Removes entries nobody used for a while: every edit of a tree file
    leaves the entry of the old content behind."""
    cutoff = time.time() - max_age_s
    for entry in [*folder.glob("*.pickle"), *folder.glob("*.tmp")]:
        with contextlib.suppress(OSError):
            if entry.stat().st_mtime < cutoff:
                entry.unlink()
