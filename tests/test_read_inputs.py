"""Files given to read (`--answers-file`, `stats` logs) follow one rule:
`-` is standard input (a pipe, a socket or a redirected file, read with the
same cap), while a FIFO or a device named as a file, /dev/stdin included,
is refused in one line before anything could block.

Real processes with a timeout: the program reads its own file descriptor 0,
and a FIFO opened by mistake would hang the tests."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import IO

import pytest

from uec_helper.walk.answers import MAX_ANSWERS_BYTES

from .conftest import GOOD
from .test_stats import line

HANG_S = 60
ANSWERS = "first: done\n"
LOG = line("mini", "quick-fix", 12.0, "yes") + "\n" + line("mini", None, 3.0, stopped_at="first") + "\n"
READ_STDIN = "name a regular file, or pass - and pipe it into standard input"

# Each reader: its arguments before the file, and how its error names what it reads.
READERS = {
    "--answers-file": (["diagnose", "mini", "--json", "--answers-file"], "the answers file", ANSWERS),
    "stats": (["stats", "--json"], "the session log", LOG),
}


def run(
    *args: str, stdin: int | IO[bytes] | None = subprocess.DEVNULL, data: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "uec_helper", "--trees", str(GOOD), *args],
        cwd=cwd,
        input=data,
        stdin=None if data is not None else stdin,
        capture_output=True,
        text=True,
        timeout=HANG_S,
        env={**os.environ, "UEC_HELPER_LANG": "en"},
        check=False,
    )


def succeeded(reader: str, result: subprocess.CompletedProcess[str]) -> bool:
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    return output["outcome"]["id"] == "quick-fix" if reader == "--answers-file" else output["sessions"] == 2


@pytest.mark.parametrize("reader", READERS)
def test_a_fifo_without_a_writer_is_refused_at_once(tmp_path: Path, reader: str) -> None:
    args, what, _ = READERS[reader]
    fifo = tmp_path / "input"
    os.mkfifo(fifo)
    result = run(*args, str(fifo))
    assert result.returncode == 2
    assert result.stderr == (
        f"uec-helper: error: {fifo}: cannot read {what}: a FIFO (named pipe), not a regular file; {READ_STDIN}\n"
    )
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize("reader", READERS)
def test_dash_reads_a_pipe_on_standard_input(reader: str) -> None:
    args, _, text = READERS[reader]
    assert succeeded(reader, run(*args, "-", data=text))


@pytest.mark.parametrize("reader", READERS)
def test_dash_reads_a_file_redirected_to_standard_input(tmp_path: Path, reader: str) -> None:
    args, _, text = READERS[reader]
    given = tmp_path / "input"
    given.write_text(text, encoding="utf-8")
    with given.open("rb") as redirected:
        assert succeeded(reader, run(*args, "-", stdin=redirected))


@pytest.mark.parametrize("reader", READERS)
def test_dev_stdin_of_a_pipe_is_a_fifo_by_name_and_says_to_pass_dash(reader: str) -> None:
    args, what, text = READERS[reader]
    result = run(*args, "/dev/stdin", data=text)
    assert result.returncode == 2
    assert f"/dev/stdin: cannot read {what}: a FIFO (named pipe), not a regular file; {READ_STDIN}" in result.stderr


@pytest.mark.parametrize("reader", READERS)
def test_dash_on_a_terminal_is_refused_not_waited_on(reader: str) -> None:
    args, what, _ = READERS[reader]
    controller, terminal = os.openpty()
    try:
        result = run(*args, "-", stdin=terminal)
    finally:
        os.close(terminal)
        os.close(controller)
    assert result.returncode == 2
    assert result.stderr == (
        f"uec-helper: error: -: cannot read {what}: standard input is a terminal; "
        "pipe the file into it (`… | uec-helper …` or `< FILE`)\n"
    )


@pytest.mark.skipif(os.geteuid() != 0, reason="mknod needs root")
@pytest.mark.parametrize("reader", READERS)
def test_dash_on_a_device_is_refused_not_read_for_ever(tmp_path: Path, reader: str) -> None:
    args, what, _ = READERS[reader]
    zero = tmp_path / "zero"
    os.mknod(zero, stat.S_IFCHR | 0o444, os.makedev(1, 5))  # /dev/zero's numbers, made here
    with zero.open("rb") as endless:
        result = run(*args, "-", stdin=endless)
    assert result.returncode == 2
    assert f"-: cannot read {what}: standard input is a device; pipe the file into it" in result.stderr


def test_dash_is_read_with_the_answers_files_cap() -> None:
    result = run(*READERS["--answers-file"][0], "-", data="first: done\n" + "#" * MAX_ANSWERS_BYTES)
    assert result.returncode == 2
    assert "-: cannot read the answers file: file is too large" in result.stderr


def test_stats_reads_standard_input_once_however_often_it_is_named() -> None:
    result = run("stats", "--json", "-", "-", data=LOG)
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert (output["sessions"], output["files"], output["duplicates"]) == (2, ["-"], [{"file": "-", "same_as": "-"}])


@pytest.mark.parametrize("reader", READERS)
def test_a_file_named_dash_is_read_as_dot_slash_dash(tmp_path: Path, reader: str) -> None:
    args, _, text = READERS[reader]
    (tmp_path / "-").write_text(text, encoding="utf-8")
    assert succeeded(reader, run(*args, "./-", cwd=tmp_path))  # standard input is /dev/null: refused if read
