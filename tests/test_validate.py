"""The validator on broken trees: one fixture per problem, next to its expected report."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from uec_helper.cli import app
from uec_helper.knowledge.addresses import AddressProblem, address_problem
from uec_helper.knowledge.diagnostics import Diagnostic, did_you_mean, summary
from uec_helper.knowledge.loader import MAX_FILE_BYTES, load_folder
from uec_helper.knowledge.model import AddressKind, Location

from .builders import DONE_OUTCOME, chain_tree
from .conftest import FIXTURES, GOOD

BROKEN = FIXTURES / "broken"
CASES = sorted(p.stem for p in BROKEN.glob("*.yaml"))
runner = CliRunner()


def validate_alone(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[str]]:
    shutil.copy(path, tmp_path / path.name)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["validate", "."])
    lines = result.stdout.splitlines()
    return result.exit_code, lines


@pytest.mark.parametrize("case", CASES)
def test_broken_fixture_reports_its_problem_exactly(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = [f"{case}.yaml{line}" for line in (BROKEN / f"{case}.expected").read_text("utf-8").splitlines()]
    exit_code, lines = validate_alone(BROKEN / f"{case}.yaml", tmp_path, monkeypatch)
    assert lines[:-1] == expected
    assert lines[-1].endswith("in 1 file")
    assert exit_code == (1 if any(": error: " in line for line in expected) else 0)
    assert "Traceback" not in "\n".join(lines)


def test_every_broken_fixture_has_an_expectation() -> None:
    assert CASES and {p.stem for p in BROKEN.glob("*.expected")} == set(CASES)


def test_good_fixture_is_clean() -> None:
    result = runner.invoke(app, ["validate", str(GOOD)])
    assert result.exit_code == 0
    assert result.stdout.strip() == "no problems found"


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "mini.yaml").write_bytes(b"\xef\xbb\xbf" + (GOOD / "mini.yaml").read_bytes())
    loaded = load_folder(tmp_path)
    assert loaded.diagnostics == []
    assert "mini" in loaded.knowledge.trees


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    with open(tmp_path / "huge.yaml", "wb") as huge:
        huge.truncate(50 * 1024 * 1024)
    loaded = load_folder(tmp_path)
    assert [str(d) for d in loaded.diagnostics] == [
        f"{tmp_path / 'huge.yaml'}: error: file is too large (52.4 MB; the limit is "
        f"{MAX_FILE_BYTES / 1e6:.0f} MB) (split it into several tree files) [too-large]"
    ]


def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    shutil.copy(GOOD / "mini.yaml", tmp_path)
    os.symlink(tmp_path / "gone.txt", tmp_path / "dangling.yaml")
    loaded = load_folder(tmp_path)
    assert [str(d) for d in loaded.diagnostics] == [
        f"{tmp_path / 'dangling.yaml'}: error: cannot read the file: No such file or directory "
        "(check its permissions) [unreadable]"
    ]


def test_validate_json_lists_every_diagnostic(tmp_path: Path) -> None:
    shutil.copy(BROKEN / "missing-outcome.yaml", tmp_path)
    shutil.copy(BROKEN / "yaml-syntax.yaml", tmp_path / "other.yaml")
    result = runner.invoke(app, ["validate", str(tmp_path), "--json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [(d["file"], d["line"], d["column"], d["code"]) for d in data["diagnostics"]] == [
        (str(tmp_path / "missing-outcome.yaml"), 15, 20, "missing-outcome"),
        (str(tmp_path / "other.yaml"), 28, 9, "yaml"),
    ]
    assert data["diagnostics"][0]["hint"] == "did you mean 'fixed'?"
    assert data["summary"] == "2 errors, 0 warnings in 2 files"


def test_validate_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"uec-helper: error: {tmp_path / 'nope'}: trees folder not found; pass --trees DIR or set UEC_HELPER_TREES"
    )


def test_diagnose_refuses_a_broken_tree_and_points_to_validate(tmp_path: Path) -> None:
    shutil.copy(BROKEN / "missing-outcome.yaml", tmp_path)
    result = runner.invoke(app, ["--trees", str(tmp_path), "diagnose", "broken", "-a", "first=no"])
    assert result.exit_code == 1
    assert f"tree 'broken' has errors and cannot be used; run `uec-helper validate {tmp_path}`" in result.stderr
    assert "Traceback" not in result.stderr


def test_diagnose_names_broken_files_for_an_unknown_tree(tmp_path: Path) -> None:
    shutil.copy(BROKEN / "yaml-syntax.yaml", tmp_path)
    shutil.copy(GOOD / "mini.yaml", tmp_path)
    result = runner.invoke(app, ["--trees", str(tmp_path), "diagnose", "broken"])
    assert result.exit_code == 2
    assert "unknown tree 'broken'" in result.stderr
    assert "1 tree file(s) have errors: run `uec-helper validate`" in result.stderr


def test_did_you_mean_lists_choices_when_nothing_is_close() -> None:
    assert did_you_mean("zzz", ["left", "right"]) == "expected one of: left, right"
    assert did_you_mean("rigth", ["left", "right"]) == "did you mean 'right'?"


def test_summary_counts_errors_warnings_and_files() -> None:
    here = Location("a.yaml", 1, 1)
    diagnostics = [
        Diagnostic(here, "error", "x", "m"),
        Diagnostic(Location("b.yaml", 2, 1), "warning", "y", "m"),
        Diagnostic(here, "error", "z", "m"),
    ]
    assert summary(diagnostics) == "2 errors, 1 warning in 2 files"
    assert summary([]) == "no problems found"


def test_a_very_long_chain_of_questions_is_a_depth_warning_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "chain.yaml").write_text(chain_tree("chain", 3000, "outcome: done") + DONE_OUTCOME, "utf-8")
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"{tmp_path / 'chain.yaml'}:5:10: warning: a path through tree 'chain' asks 3000 questions (more than 7) "
        "(callers give up on deep trees: ask less, or split a branch into a tree of its own) [too-deep]",
        "0 errors, 1 warning in 1 file",
    ]


def test_a_second_menu_is_an_error_naming_the_first(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(chain_tree("a", 1, "outcome: done") + DONE_OUTCOME, "utf-8")
    (tmp_path / "menu.yaml").write_text("menu:\n  trees: [a]\n", "utf-8")
    (tmp_path / "second-menu.yaml").write_text("menu:\n  trees: [a]\n", "utf-8")
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{tmp_path}/second-menu.yaml:2:3: error: a second menu; a trees folder has one "
        f"(the first is at {tmp_path}/menu.yaml:2:3) [duplicate-menu]"
    )


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("web", "https://www.cc.uec.ac.jp/ug/en/account/faq.html"),
        ("web", "http://kenkyo.office.uec.ac.jp/gakunai/"),  # a source gives this page as http:// only
        ("web", "https://example.org:8443/a/b?c=d&e=%20#top"),
        ("email", "soumusoumu-k@office.uec.ac.jp"),
        ("email", "first.last+tag@example.org"),
        ("phone", "+81 (0)42-443-5000"),
        ("extension", "5862"),
    ],
)
def test_addresses_of_every_kind_are_accepted_in_their_plain_shape(kind: AddressKind, value: str) -> None:
    assert address_problem(kind, kind, value) is None


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        (
            "web",
            "JavaScript:alert(1)",
            "'f' must be a web address starting with https:// or http://, not a 'JavaScript:' address",
        ),
        ("web", "vbscript:x", "'f' must be a web address starting with https:// or http://, not a 'vbscript:' address"),
        ("web", "HTTPS://example.org/", "'f' must be a web address starting with https:// or http://"),
        ("web", "https:example.org", "'f' must be a web address starting with https:// or http://"),
        ("web", "http://", "'f' has no valid host name after 'http://'"),
        ("web", "https://例え.jp/", "'f' has no valid host name after 'https://'"),
        ("web", "https://user:pw@example.org/", "'f' names a user before its host ('…@')"),
        ("web", "https://example.org/a b", "'f' contains a space"),
        ("web", "https://example.org/<script>", "'f' contains an angle bracket ('<')"),
        ("web", "https://example.org/\\\\evil", "'f' contains a backslash"),
        ("web", "https://example.org/\u3000", "'f' contains the character U+3000"),
        ("email", 'x@y" onmouseover="alert(1)', "'f' contains a double quote"),
        ("email", "<desk@example.org>", "'f' contains an angle bracket ('<')"),
        ("email", "desk@example.org, other@example.org", "'f' contains ','"),
        ("email", "MailTo:desk@example.org", "'f' must be the address alone, without 'mailto:'"),
        ("email", "desk@localhost", "'f' must be one e-mail address, name@domain"),
        ("email", "desk@@example.org", "'f' must be one e-mail address, name@domain"),
        ("phone", "tel:042", "'f' must be a number to dial: digits, spaces, '+', '-' and parentheses; found 't'"),
        ("extension", "ext. 5862", "'f' must be a number to dial: digits and '-'; found 'e'"),
    ],
)
def test_other_shapes_are_refused_naming_what_is_wrong(kind: AddressKind, value: str, message: str) -> None:
    problem = address_problem(kind, "f", value)
    assert problem is not None and (problem.code, problem.message) == ("address", message)
    assert problem.hint


def test_a_placeholder_address_is_reported_as_a_placeholder() -> None:
    problem = address_problem("web", "url", "TODO its verified address")
    assert problem == AddressProblem(
        "placeholder", "'url' is still a placeholder", "replace 'TODO its verified address' with the real address"
    )


def test_a_refused_address_is_left_out_of_the_knowledge(tmp_path: Path) -> None:
    shutil.copy(BROKEN / "address.yaml", tmp_path)
    kb = load_folder(tmp_path).knowledge
    assert [doc.url for doc in kb.outcomes["fixed"].see_also] == [None] * 5
    desk = kb.contacts["desk"]
    assert (desk.email, desk.phone, desk.extension, desk.url, kb.contacts["office"].email) == (None,) * 5


def test_a_control_character_in_an_address_is_reported_once(tmp_path: Path) -> None:
    (tmp_path / "c.yaml").write_text(
        'contacts: [{id: desk, name: {en: D, ja: D}, url: "https://example.org/\\e]8;;x"}]\n', encoding="utf-8"
    )
    assert [d.code for d in load_folder(tmp_path).diagnostics] == ["control-character"]
