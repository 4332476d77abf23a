"""One error model: every code is registered and documented, and every kind
of failure ends in one line, a JSON error under --json and its exit code."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from uec_helper.cli import app
from uec_helper.errors import BROKEN_TREE_CODES, DIAGNOSTIC_CODES, ERROR_CODES, BrokenTrees, UsageError

from .conftest import GOOD, ROOT

runner = CliRunner()


def documented_error_codes() -> dict[str, int]:
    """Code and exit code of each row of the docs' error-code table (in the
    README or a page of docs/)."""
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("**/*.md"))]
    rows = re.compile(r"^\| `([a-z-]+)` \| (\d+) \|", re.MULTILINE)
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if "| error code | exit |" in text:
            return {code: int(exit_code) for code, exit_code in rows.findall(text)}
    raise AssertionError("no page has the error-code table")


def test_the_error_code_table_lists_every_code_with_its_exit_code() -> None:
    expected = {
        code: BrokenTrees.exit_code if code in BROKEN_TREE_CODES else UsageError.exit_code for code in ERROR_CODES
    }
    assert documented_error_codes() == expected


def test_broken_tree_codes_are_raised_as_broken_trees_and_no_others() -> None:
    source = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "uec_helper").glob("**/*.py"))
    raised = re.findall(r"\b(BrokenTrees|UsageError)\(\s*\"([a-z-]+)\"", source)
    assert {code for kind, code in raised if kind == "BrokenTrees"} == BROKEN_TREE_CODES
    assert not {code for kind, code in raised if kind == "UsageError"} & BROKEN_TREE_CODES


def test_the_registries_have_no_twins() -> None:
    assert len(set(ERROR_CODES)) == len(ERROR_CODES)
    assert len(set(DIAGNOSTIC_CODES)) == len(DIAGNOSTIC_CODES)


@pytest.mark.parametrize(
    "args",
    [
        ["search", "password", "--limit", "0", "--json"],
        ["list", "--json", "--bogus"],
        ["diagnose", "--json", "--answer"],
    ],
    ids=["out of range", "unknown option", "missing value"],
)
def test_usage_errors_under_json_are_json_errors(args: list[str]) -> None:
    result = runner.invoke(app, ["--trees", str(GOOD), *args])
    assert result.exit_code == 2
    assert result.stdout.startswith('{\n  "error": {\n    "code": "usage",')
    assert "Usage:" not in result.output
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("uec-helper: error: ")


def test_usage_errors_without_json_keep_the_usage_hint() -> None:
    result = runner.invoke(app, ["--trees", str(GOOD), "search", "password", "--limit", "0"])
    assert result.exit_code == 2
    assert "Try 'uec-helper search --help' for help." in result.stderr


def test_a_write_error_in_an_editor_command_is_one_line(tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "more.yaml"
    result = runner.invoke(app, ["--trees", str(GOOD), "new", "outcome", "extra-fix", "--file", str(target)])
    assert result.exit_code == 2
    assert result.stderr == f"uec-helper: error: {target}: No such file or directory\n"


def run_cli(
    *args: str, env: dict[str, str] | None = None, stdout: int | None = subprocess.PIPE
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "uec_helper", "--trees", str(GOOD), *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env={"PATH": "/usr/bin:/bin", "UEC_HELPER_LANG": "en", **(env or {})},
        timeout=60,
    )


@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
def test_an_output_encoding_that_cannot_show_the_text_is_one_line(as_json: bool) -> None:
    result = run_cli("list", "--lang", "ja", *(["--json"] if as_json else []), env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 2
    assert result.stderr.startswith("uec-helper: error: cannot show the text in the output's encoding (ascii)")
    assert result.stderr.count("\n") == 1, result.stderr
    if as_json:
        assert '"code": "output"' in result.stdout


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize("command", [["list"], ["diagnose", "mini", "-a", "first=done", "--json"]])
def test_a_full_stdout_is_one_line(command: list[str]) -> None:
    with open("/dev/full", "w") as full:
        result = run_cli(*command, stdout=full.fileno())
    assert result.returncode == 2
    assert result.stderr == "uec-helper: error: cannot write the output: No space left on device\n"


def test_a_closed_pipe_is_one_line() -> None:
    with subprocess.Popen(
        [sys.executable, "-m", "uec_helper", "--trees", str(GOOD), "schema"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()  # the reader goes away before the output is written
        stderr = process.stderr.read().decode()
        assert process.wait(timeout=60) == 2
    assert stderr == "uec-helper: error: cannot write the output: Broken pipe\n"
