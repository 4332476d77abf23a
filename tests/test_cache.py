from __future__ import annotations

import os
import pickle
import stat
import time
from pathlib import Path

import pytest

from uec_helper.knowledge import cache
from uec_helper.knowledge.loader import load_folder


def test_second_load_comes_from_the_cache(trees: Path, private_cache: Path) -> None:
    first = load_folder(trees)
    entries = set(private_cache.glob("*.pickle"))
    second = load_folder(trees)
    assert second == first and second is not first
    assert set(private_cache.glob("*.pickle")) == entries and entries


def test_an_edit_that_keeps_size_and_mtime_is_never_served_stale(trees: Path) -> None:
    path = trees / "mini.yaml"
    load_folder(trees)
    stat = path.stat()
    text = path.read_text("utf-8")
    path.write_text(text.replace("Mini tree", "Mini trie"), "utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    assert load_folder(trees).knowledge.trees["mini"].title.en == "Mini trie"


def test_a_damaged_cache_entry_is_a_miss(trees: Path, private_cache: Path) -> None:
    expected = load_folder(trees)
    for entry in private_cache.glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert load_folder(trees) == expected


def test_cache_can_be_turned_off(trees: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("UEC_HELPER_CACHE", "off")
    assert cache.cache_folder() is None
    assert "mini" in load_folder(trees).knowledge.trees


def test_unwritable_cache_folder_does_not_fail_the_load(trees: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = trees.parent / "file-not-folder"
    blocker.write_text("x")
    monkeypatch.setenv("UEC_HELPER_CACHE", str(blocker / "sub"))
    assert "mini" in load_folder(trees).knowledge.trees


def test_entries_unused_for_a_month_are_pruned_on_the_next_write(
    trees: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    private_cache = tmp_path / "own-cache"
    monkeypatch.setenv("UEC_HELPER_CACHE", str(private_cache))
    load_folder(trees)
    in_use = set(private_cache.glob("*.pickle"))
    stale = private_cache / ("0" * 64 + ".pickle")
    stale.write_bytes(b"old")
    month_ago = time.time() - 31 * 24 * 3600
    os.utime(stale, (month_ago, month_ago))
    for entry in in_use:  # used just now by a hit, which refreshes them
        os.utime(entry, (month_ago, month_ago))
    load_folder(trees)  # a hit: refreshes its entry
    (trees / "mini.yaml").write_text((trees / "mini.yaml").read_text("utf-8") + "\n", "utf-8")
    load_folder(trees)  # a miss: writes, then prunes
    left = set(private_cache.glob("*.pickle"))
    assert not stale.exists()
    assert in_use <= left and len(left) == len(in_use) + 1


def test_a_value_that_cannot_be_pickled_is_only_not_cached(private_cache: Path) -> None:
    cache.store("f" * 64, lambda: None)
    assert cache.fetch("f" * 64) is None
    assert not list(private_cache.glob("*.tmp"))


class Planted:
    """A pickle that runs code when loaded: it creates the file `marker`."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[Path]]:
        return (Path.touch, (self.marker,))


def plant(folder: Path, trees: Path, marker: Path) -> None:
    """Replaces every entry of `folder` by a pickle that touches `marker`."""
    payload = pickle.dumps(Planted(marker))
    for entry in folder.glob("*.pickle"):
        entry.chmod(0o600)
        entry.write_bytes(payload)


@pytest.mark.parametrize("folder_mode", [0o777, 0o770, 0o1777])
def test_nothing_is_loaded_from_a_folder_others_can_write(
    trees: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder_mode: int
) -> None:
    shared = tmp_path / "shared-cache"
    monkeypatch.setenv("UEC_HELPER_CACHE", str(shared))
    expected = load_folder(trees)
    marker = tmp_path / "code-ran"
    plant(shared, trees, marker)
    shared.chmod(folder_mode)
    assert load_folder(trees) == expected
    assert not marker.exists()


def test_an_entry_others_can_write_is_not_loaded(trees: Path, tmp_path: Path, private_cache: Path) -> None:
    expected = load_folder(trees)
    marker = tmp_path / "code-ran"
    plant(private_cache, trees, marker)
    for entry in private_cache.glob("*.pickle"):
        entry.chmod(0o666)
    assert load_folder(trees) == expected
    assert not marker.exists()


def test_a_symlinked_entry_is_not_followed(trees: Path, tmp_path: Path, private_cache: Path) -> None:
    expected = load_folder(trees)
    marker = tmp_path / "code-ran"
    elsewhere = tmp_path / "planted.pickle"
    elsewhere.write_bytes(pickle.dumps(Planted(marker)))
    elsewhere.chmod(0o600)
    for entry in private_cache.glob("*.pickle"):
        entry.unlink()
        entry.symlink_to(elsewhere)
    assert load_folder(trees) == expected
    assert not marker.exists()


@pytest.mark.skipif(os.getuid() != 0, reason="giving a file to another user needs root")
def test_an_entry_owned_by_someone_else_is_not_loaded(trees: Path, tmp_path: Path, private_cache: Path) -> None:
    expected = load_folder(trees)
    marker = tmp_path / "code-ran"
    plant(private_cache, trees, marker)
    for entry in private_cache.glob("*.pickle"):
        os.chown(entry, 65534, 65534)
    assert load_folder(trees) == expected
    assert not marker.exists()


def test_folder_and_entries_are_private_whatever_the_umask(
    trees: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "new" / "cache"
    monkeypatch.setenv("UEC_HELPER_CACHE", str(folder))
    old = os.umask(0)
    try:
        load_folder(trees)
    finally:
        os.umask(old)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    entries = list(folder.iterdir())
    assert entries and all(stat.S_IMODE(e.stat().st_mode) == 0o600 for e in entries)


def test_pruning_removes_only_the_tools_own_entries(trees: Path, private_cache: Path) -> None:
    load_folder(trees)
    month_ago = time.time() - 31 * 24 * 3600
    strangers = [private_cache / name for name in ("notes.pickle", "backup.tmp", "0" * 63 + ".pickle", "x.pickle.tmp")]
    for path in strangers:
        path.write_bytes(b"someone's")
        os.utime(path, (month_ago, month_ago))
    ours = private_cache / ("a" * 64 + ".abcd_123.tmp")
    ours.write_bytes(b"left by a crash")
    os.utime(ours, (month_ago, month_ago))
    cache.prune(private_cache)
    assert all(path.exists() for path in strangers)
    assert not ours.exists()


def test_an_empty_cache_variable_is_unset_never_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("UEC_HELPER_CACHE", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_folder() == tmp_path / "xdg" / "uec-helper"
