from __future__ import annotations

import errno
import os
import pickle
import stat
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from uec_helper.authoring.validation import validate_folder
from uec_helper.cli import app
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


def kinds(folder: Path) -> dict[str, set[str]]:
    """The names of the entries in `folder`, by kind."""
    found: dict[str, set[str]] = {}
    for path in folder.glob("*.pickle"):
        found.setdefault(path.name[: -len("-" + "0" * 64 + ".pickle")], set()).add(path.name)
    return found


def edit(trees: Path, n: int) -> None:
    """A change of the mini tree's content, as an editor makes between two validations."""
    path = trees / "mini.yaml"
    path.write_text(path.read_text("utf-8") + f"# edit {n}\n", "utf-8")


def test_an_editor_validating_many_edits_keeps_only_a_few_entries_of_each_kind(
    trees: Path, private_cache: Path
) -> None:
    for n in range(cache.KEEP_PER_KIND + 5):
        edit(trees, n)
        validate_folder(trees)
    newest = set(kinds(private_cache)["trees"])
    assert {kind: len(names) for kind, names in kinds(private_cache).items()} == {
        "trees": cache.KEEP_PER_KIND,
        "validation": cache.KEEP_PER_KIND,
    }
    validate_folder(trees)  # the last edit's entries are among those kept: a hit
    assert kinds(private_cache)["trees"] == newest


def own_entry(folder: Path, kind: str, n: int, hours_ago: float) -> Path:
    """An entry as this module names it, last used `hours_ago`."""
    path = folder / f"{kind}-{n:064x}.pickle"
    path.write_bytes(b"entry")
    path.chmod(0o600)
    when = time.time() - hours_ago * 3600
    os.utime(path, (when, when))
    return path


def test_the_most_recently_used_of_a_kind_stay_the_others_go(trees: Path, private_cache: Path) -> None:
    load_folder(trees)
    (used,) = private_cache.glob("trees-*.pickle")
    two_days_ago = time.time() - 48 * 3600
    os.utime(used, (two_days_ago, two_days_ago))
    planted = [own_entry(private_cache, "trees", n, hours_ago=n) for n in range(1, 13)]
    other_kind = [own_entry(private_cache, "search-index", n, hours_ago=100 + n) for n in range(3)]
    load_folder(trees)  # a hit: `used` becomes the most recently used
    edit(trees, 1)
    load_folder(trees)  # a miss: writes, then prunes
    (written,) = set(private_cache.glob("trees-*.pickle")) - {used, *planted}
    kept = {written, used, *planted[: cache.KEEP_PER_KIND - 2]}
    assert set(private_cache.glob("trees-*.pickle")) == kept
    assert all(path.exists() for path in other_kind)


def test_the_entry_just_written_stays_even_when_its_time_is_oldest(private_cache: Path) -> None:
    private_cache.mkdir(mode=0o700)
    written = own_entry(private_cache, "trees", 0, hours_ago=20)  # a clock set back, a coarse file system
    newer = [own_entry(private_cache, "trees", n, hours_ago=n) for n in range(1, 11)]
    cache.prune(private_cache, written.name.removesuffix(".pickle"))
    assert written.exists()
    assert [path.exists() for path in newer] == [True] * (cache.KEEP_PER_KIND - 1) + [False] * 3


def test_pruning_by_count_touches_nothing_but_the_tools_own_files(tmp_path: Path, private_cache: Path) -> None:
    private_cache.mkdir(mode=0o700)
    own = [own_entry(private_cache, "trees", n, hours_ago=n) for n in range(1, 12)]
    look_alike = f"trees-{0:064x}.pickle"
    elsewhere = tmp_path / "elsewhere.pickle"
    elsewhere.write_bytes(b"someone's")
    strangers = [private_cache / name for name in (f"Trees-{0:064x}.pickle", look_alike + ".bak", "trees-.pickle")]
    for path in strangers:
        path.write_bytes(b"someone's")
    (private_cache / look_alike).symlink_to(elsewhere)
    folder = private_cache / f"trees-{1 << 200:064x}.pickle"
    folder.mkdir()
    inside = folder / f"trees-{2:064x}.pickle"
    inside.write_bytes(b"someone's")
    others_can_write = own_entry(private_cache, "trees", 99, hours_ago=99)
    others_can_write.chmod(0o666)
    old = time.time() - 365 * 24 * 3600
    for path in [elsewhere, *strangers, folder, inside]:
        os.utime(path, (old, old))
    os.utime(private_cache / look_alike, (old, old), follow_symlinks=False)
    cache.prune(private_cache)
    assert [path.exists() for path in own] == [True] * cache.KEEP_PER_KIND + [False] * 3
    assert all(path.exists() for path in [elsewhere, *strangers, folder, inside, others_can_write])
    assert (private_cache / look_alike).is_symlink()


def failing_unlink(error: int, really_remove: bool) -> Callable[[str], None]:
    """os.unlink as in a read-only folder (EROFS), or when another process
    removed the file first (ENOENT, after removing it as that process would)."""
    remove = os.unlink

    def unlink(path: str) -> None:
        if really_remove:
            remove(path)
        raise OSError(error, os.strerror(error), path)

    return unlink


@pytest.mark.parametrize(("error", "really_remove"), [(errno.EROFS, False), (errno.ENOENT, True)])
def test_pruning_that_cannot_remove_does_not_fail_the_command(
    trees: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch, error: int, really_remove: bool
) -> None:
    load_folder(trees)
    planted = [own_entry(private_cache, "trees", n, hours_ago=n) for n in range(1, 12)]
    edit(trees, 1)
    monkeypatch.setattr(os, "unlink", failing_unlink(error, really_remove))
    result = CliRunner().invoke(app, ["validate", str(trees)])
    assert result.exit_code == 0, result.output
    assert [path.exists() for path in planted[cache.KEEP_PER_KIND :]] == [not really_remove] * 3


@pytest.mark.skipif(os.getuid() == 0, reason="root may write into a read-only folder")
def test_a_read_only_cache_folder_does_not_fail_the_command(trees: Path, private_cache: Path) -> None:
    load_folder(trees)
    planted = [own_entry(private_cache, "trees", n, hours_ago=n) for n in range(1, 12)]
    private_cache.chmod(0o500)
    try:
        cache.prune(private_cache)
        edit(trees, 1)
        result = CliRunner().invoke(app, ["validate", str(trees)])
    finally:
        private_cache.chmod(0o700)
    assert result.exit_code == 0, result.output
    assert all(path.exists() for path in planted)


def test_a_cache_kind_must_be_a_name_pruning_recognises() -> None:
    with pytest.raises(ValueError, match="cache kind"):
        cache.cache_key("Trees/../x", [])
