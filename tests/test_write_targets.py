"""A file a command writes by name (export -o, --note-file, --log) is never
destroyed: a device, a FIFO, a socket or a folder in its place is refused
with one line naming it, and a symlink is neither replaced by a file nor
(but for the log's appends) written through.

Each run is a real process with a timeout: a FIFO opened by mistake would
block, and must not hang the tests."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from uec_helper.knowledge.files import NotAFile
from uec_helper.safe_write import SymbolicLink, check_target, write_whole

from .conftest import GOOD

HANG_S = 60
OLD = "an earlier file\n"

# Each writer: the arguments that write to the target, and whether it replaces an existing file.
WRITERS: dict[str, list[str]] = {
    "export -o": ["export", "--all", "-f", "mermaid", "-o"],
    "--note-file": ["diagnose", "mini", "-a", "first=done", "--agent", "--resolution", "yes", "--note-file"],
    "--note-file --force": [
        "diagnose",
        "mini",
        "-a",
        "first=done",
        "--agent",
        "--resolution",
        "yes",
        "--force",
        "--note-file",
    ],
    "--log": ["diagnose", "mini", "-a", "first=done", "--log"],
}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "uec_helper", "--trees", str(GOOD), *args],
        capture_output=True,
        text=True,
        timeout=HANG_S,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "UEC_HELPER_LANG": "en"},
        check=False,
    )


def fifo(path: Path) -> None:
    os.mkfifo(path)


def folder(path: Path) -> None:
    path.mkdir()


def unix_socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()  # the socket file stays


MAKERS: dict[str, tuple[Callable[[Path], None], str]] = {
    "fifo": (fifo, "a FIFO (named pipe), not a regular file"),
    "folder": (folder, "a folder, not a regular file"),
    "socket": (unix_socket, "a socket, not a regular file"),
}


def kind(path: Path) -> int:
    return stat.S_IFMT(os.lstat(path).st_mode)


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("made", MAKERS)
def test_a_target_that_is_not_a_regular_file_is_refused_and_kept(tmp_path: Path, writer: str, made: str) -> None:
    make, says = MAKERS[made]
    target = tmp_path / "out.txt"
    make(target)
    before = kind(target)
    result = run(*WRITERS[writer], str(target))
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"uec-helper: error: {target}: cannot write")
    assert f"{says}; name a regular file or a new one" in result.stderr
    assert kind(target) == before
    assert "Resolution:" not in result.stdout  # refused before the call, not after it


@pytest.mark.skipif(os.geteuid() != 0, reason="mknod needs root")
@pytest.mark.parametrize("writer", WRITERS)
def test_a_device_is_refused_and_kept(tmp_path: Path, writer: str) -> None:
    device = tmp_path / "full"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 7))  # /dev/full's numbers, made here
    result = run(*WRITERS[writer], str(device))
    assert result.returncode == 2, result.stderr
    assert f"{device}: cannot write" in result.stderr and "a device, not a regular file" in result.stderr
    assert stat.S_ISCHR(os.lstat(device).st_mode)


@pytest.mark.parametrize("writer", ["export -o", "--note-file", "--note-file --force"])
@pytest.mark.parametrize("dangling", [False, True])
def test_a_symlink_is_neither_replaced_nor_written_through(tmp_path: Path, writer: str, dangling: bool) -> None:
    target, link = tmp_path / "precious.txt", tmp_path / "out.txt"
    if not dangling:
        target.write_text(OLD, encoding="utf-8")
    link.symlink_to(target.name)  # relative, as `ln -s` makes them
    result = run(*WRITERS[writer], str(link))
    assert result.returncode == 2, result.stderr
    assert result.stderr == (
        f"uec-helper: error: {link}: cannot write{' the ticket note' if 'note' in writer else ''}: "
        f"a symbolic link to {target}, not a regular file; name that file itself "
        "(a link is neither written through nor replaced), or remove the link\n"
    )
    assert link.is_symlink() and os.readlink(link) == target.name
    assert target.read_text(encoding="utf-8") == OLD if not dangling else not target.exists()


def test_the_log_appends_through_a_symlink_to_a_regular_file(tmp_path: Path) -> None:
    log, link = tmp_path / "sessions.jsonl", tmp_path / "today.jsonl"
    log.write_text("", encoding="utf-8")
    link.symlink_to(log)
    result = run(*WRITERS["--log"], str(link))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and json.loads(log.read_text(encoding="utf-8"))["outcome"] == "quick-fix"


def test_a_symlink_to_a_fifo_is_refused_as_a_log(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "log.jsonl").symlink_to(tmp_path / "pipe")
    result = run(*WRITERS["--log"], str(tmp_path / "log.jsonl"))
    assert result.returncode == 2 and "a FIFO (named pipe), not a regular file" in result.stderr


@pytest.mark.parametrize("replace", [False, True])
def test_write_whole_checks_before_it_makes_a_temporary_file(tmp_path: Path, replace: bool) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "link").symlink_to(tmp_path / "pipe")
    with pytest.raises(NotAFile, match="a FIFO"):
        write_whole(tmp_path / "pipe", b"x", replace=replace)
    with pytest.raises(SymbolicLink):
        write_whole(tmp_path / "link", b"x", replace=replace)
    assert sorted(os.listdir(tmp_path)) == ["link", "pipe"]


def test_a_regular_file_is_replaced_only_when_asked(tmp_path: Path) -> None:
    old = tmp_path / "old.txt"
    old.write_text(OLD, encoding="utf-8")
    with pytest.raises(FileExistsError):
        check_target(old, replace=False)
    check_target(old, replace=True)
    check_target(tmp_path / "new.txt", replace=False)
    write_whole(old, b"new\n", replace=True)
    assert old.read_text(encoding="utf-8") == "new\n"
