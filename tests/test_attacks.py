"""Regression tests for the adversarial pass (issue 10): hostile trees
folders, answers files, ids, empty paths and queries. The inputs live in
fixtures/attacks/ where a file can hold them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from uec_helper.cli import app
from uec_helper.knowledge.loader import load_folder
from uec_helper.search import lookup

from .conftest import FIXTURES, GOOD

ATTACKS = FIXTURES / "attacks"
runner = CliRunner()
HANG_S = 30  # far above any honest run; a hang fails instead of blocking the suite


def uec_helper(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The real command in its own process, so a blocking read cannot hang pytest."""
    return subprocess.run(
        [sys.executable, "-m", "uec_helper.cli", *args],
        capture_output=True,
        text=True,
        timeout=HANG_S,
        cwd=cwd,
        env={**os.environ, "UEC_HELPER_LANG": "en"},
        check=False,
    )


def codes(folder: Path) -> list[tuple[str, str]]:
    return [(Path(d.location.file).name, d.code) for d in load_folder(folder).diagnostics]


def test_a_fifo_named_yaml_is_reported_not_read(trees: Path) -> None:
    os.mkfifo(trees / "pipe.yaml")
    result = uec_helper("validate", str(trees))
    assert result.returncode == 1
    assert f"{trees / 'pipe.yaml'}: error: this is a FIFO (named pipe), not a tree file; skipped" in result.stdout
    assert "[not-a-file]" in result.stdout
    listed = uec_helper("--trees", str(trees), "list", "--json")
    assert listed.returncode == 0 and '"mini"' in listed.stdout


def test_a_symlink_to_a_device_is_reported_not_read(trees: Path) -> None:
    (trees / "zero.yaml").symlink_to("/dev/zero")
    result = uec_helper("validate", str(trees))
    assert result.returncode == 1
    assert f"{trees / 'zero.yaml'}: error: this is a device, not a tree file; skipped" in result.stdout


def test_a_file_swapped_for_a_fifo_after_listing_is_not_read(trees: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from uec_helper.knowledge import loader

    os.mkfifo(trees / "late.yaml")
    real = loader.tree_files
    listed_before = loader.Found([*real(trees).files, trees / "late.yaml"], [])
    monkeypatch.setattr(loader, "tree_files", lambda folder: listed_before)
    assert codes(trees) == [("late.yaml", "not-a-file")]


def test_an_unreadable_sub_folder_is_reported(trees: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hidden = trees / "team"
    hidden.mkdir()
    shutil.copy(GOOD / "mini.yaml", hidden / "other.yaml")
    real_scandir = os.scandir

    def scandir(path: object) -> object:  # root reads any folder: refuse this one as for other users
        if Path(str(path)) == hidden:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", scandir)
    diagnostics = load_folder(trees).diagnostics
    assert [str(d) for d in diagnostics] == [
        f"{hidden}: error: cannot read the folder: Permission denied (check its permissions) [unreadable]"
    ]


@pytest.mark.skipif(os.getuid() == 0, reason="root reads any folder")
def test_an_unreadable_sub_folder_is_reported_for_real(trees: Path) -> None:
    hidden = trees / "team"
    hidden.mkdir()
    hidden.chmod(0)
    try:
        assert codes(trees) == [("team", "unreadable")]
    finally:
        hidden.chmod(0o700)


@pytest.mark.parametrize("make", ["fifo", "zero"])
def test_an_answers_file_that_never_ends_is_an_error(tmp_path: Path, make: str) -> None:
    answers = tmp_path / "answers.yaml"
    if make == "fifo":
        os.mkfifo(answers)
    else:
        answers.symlink_to("/dev/zero")
    result = uec_helper("--trees", str(GOOD), "diagnose", "mini", "--answers-file", str(answers), "--json")
    assert result.returncode == 2
    assert f"uec-helper: error: {answers}: cannot read the answers file: " in result.stderr


def test_a_huge_answers_file_is_refused(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("first: more\n" * 200_000)
    result = runner.invoke(app, ["--trees", str(GOOD), "diagnose", "mini", "--answers-file", str(answers)])
    assert result.exit_code == 2
    assert "file is too large" in result.stderr


def test_a_pasted_query_is_cut_before_features_are_built(monkeypatch: pytest.MonkeyPatch) -> None:
    from uec_helper.search import index

    seen: list[int] = []
    real = index.features
    monkeypatch.setattr(index, "features", lambda text: seen.append(len(text)) or real(text))
    paste = ("パスワードを忘れました password reset webclass " * 3000)[:114_000]
    result = runner.invoke(app, ["--trees", str(GOOD), "search", paste, "--json"])
    assert result.exit_code == 0, result.stderr
    assert seen and max(seen) <= lookup.MAX_QUERY_CHARS


def test_an_id_ending_in_a_newline_is_refused(tmp_path: Path) -> None:
    shutil.copy(ATTACKS / "id-newline.yaml", tmp_path)
    assert ("id-newline.yaml", "id") in codes(tmp_path)


def test_new_outcome_with_a_newline_in_its_id_writes_nothing(trees: Path) -> None:
    before = sorted(trees.iterdir())
    result = runner.invoke(app, ["--trees", str(trees), "new", "outcome", "evil\n"])
    assert result.exit_code == 2
    assert "outcome id 'evil\n' must use lower-case letters" in result.stderr
    assert sorted(trees.iterdir()) == before


@pytest.mark.parametrize(
    "args",
    [
        ["--trees", "", "list"],
        ["diagnose", "mini", "--answers-file", ""],
        ["diagnose", "mini", "-a", "first=less", "--log", ""],
        ["validate", ""],
        ["stats", ""],
        ["translations", "mark-reviewed", ""],
    ],
)
def test_an_empty_path_is_a_usage_error_never_the_current_folder(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(GOOD / "mini.yaml", tmp_path)  # what "the current folder" would have found
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, args if args[0] == "--trees" else ["--trees", str(GOOD), *args])
    assert result.exit_code == 2
    assert "an empty path is not allowed" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mini.yaml"]


def test_an_empty_environment_variable_is_unset(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    shutil.copy(GOOD / "mini.yaml", tmp_path)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["list", "--json"], env={"UEC_HELPER_TREES": "", "UEC_HELPER_LOG": ""})
    assert result.exit_code == 0
    assert '"mini"' not in result.stdout and '"webclass-login"' in result.stdout


@pytest.mark.parametrize(
    ("case", "tree", "answers"),
    [
        ("linked-cycle", "ping", ["ping-q=on", "pong-q=on"]),
        ("shared-question", "first", ["cause=more"]),
        ("broken-contact", "calls", ["q=a"]),
        ("broken-outcome", "ends", ["q=a"]),
    ],
)
def test_diagnose_refuses_what_validate_rejects(case: str, tree: str, answers: list[str]) -> None:
    flags = [part for answer in answers for part in ("-a", answer)]
    result = uec_helper("--trees", str(ATTACKS / case), "diagnose", tree, *flags, "--json")
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout)["error"]["code"] == "broken-tree"
    assert result.stderr.startswith(f"uec-helper: error: tree '{tree}' has errors and cannot be used")
    assert "Traceback" not in result.stderr
    assert uec_helper("validate", str(ATTACKS / case)).returncode == 1


ADDRESSES = ATTACKS / "addresses"
WRITTEN_ADDRESSES = ["javascript:alert(document.domain)", 'x@y" onmouseover="alert(1)']


@pytest.mark.parametrize("answer", ["q=read", "q=write"])
@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
def test_diagnose_never_offers_a_script_link_or_a_forged_address(answer: str, as_json: bool) -> None:
    result = uec_helper("--trees", str(ADDRESSES), "diagnose", "links", "-a", answer, *(["--json"] if as_json else []))
    assert result.returncode == 1
    assert result.stderr == (
        "uec-helper: error: tree 'links' has errors and cannot be used; "
        f"run `uec-helper validate {ADDRESSES}` (first: {ADDRESSES / 'contacts.yaml'}:4:12: "
        "'email' contains a double quote)\n"
    )
    if as_json:
        assert json.loads(result.stdout)["error"]["code"] == "broken-tree"
    assert not [written for written in WRITTEN_ADDRESSES if written in result.stdout + result.stderr]


def test_validate_locates_each_forged_address() -> None:
    result = uec_helper("validate", str(ADDRESSES))
    assert result.returncode == 1
    assert f"{ADDRESSES / 'contacts.yaml'}:4:12: error: 'email' contains a double quote (" in result.stdout
    assert (
        f"{ADDRESSES / 'tree.yaml'}:24:14: error: 'url' must be a web address starting with https:// or http://, "
        "not a 'javascript:' address (" in result.stdout
    )


def test_search_shows_no_address_the_loader_refused() -> None:
    """The loader leaves the refused values out, and search offers no tree a walk refuses."""
    kb = load_folder(ADDRESSES).knowledge
    assert [doc.url for doc in kb.outcomes["read-the-guide"].see_also] == [None]
    assert kb.contacts[kb.outcomes["write-to-us"].contacts[0]].email is None
    result = uec_helper("--trees", str(ADDRESSES), "search", "guide write", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["results"] == []
    assert not [written for written in WRITTEN_ADDRESSES if written in result.stdout]


def test_the_menu_offers_only_trees_without_errors(tmp_path: Path) -> None:
    from uec_helper.knowledge.usability import Usability

    for source in [GOOD / "mini.yaml", *(ATTACKS / "broken-outcome").iterdir(), *(ATTACKS / "linked-cycle").iterdir()]:
        shutil.copy(source, tmp_path)
    assert Usability(load_folder(tmp_path)).usable() == ["mini"]
