from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from uec_helper.cli import app

from .conftest import GOOD, SHIPPED_TREES

runner = CliRunner()


def invoke(trees: Path, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["--trees", str(trees), *args], env={"UEC_HELPER_LANG": "en"})


def problem_codes(trees: Path) -> dict[str, set[str]]:
    result = invoke(trees, "validate", "--json")
    codes: dict[str, set[str]] = {}
    for d in json.loads(result.stdout)["diagnostics"]:
        codes.setdefault(Path(d["file"]).name, set()).add(d["code"])
    return codes


def test_new_tree_writes_a_scaffold_that_validate_flags_until_filled(tmp_path: Path) -> None:
    result = invoke(tmp_path, "new", "tree", "printer-jam")
    assert result.exit_code == 0, result.stderr
    path = tmp_path / "printer-jam.yaml"
    assert result.stdout == f"Wrote {path}: replace every TODO, then run `uec-helper validate {tmp_path}`.\n"
    text = path.read_text(encoding="utf-8")
    assert "  id: printer-jam\n" in text and "outcome: printer-jam-remedy\n" in text
    assert "    en: TODO the symptom, as a caller says it\n    ja: TODO 問い合わせ者の言葉で症状を\n" in text
    validated = invoke(tmp_path, "validate")
    assert validated.exit_code == 1
    # The placeholder url is refused like any other, so the outcome has no way to act yet.
    assert problem_codes(tmp_path) == {"printer-jam.yaml": {"placeholder", "no-way-to-act"}}
    assert "error: 'url' is still a placeholder (replace 'TODO its verified address' with the real address)" in (
        validated.stdout
    )
    assert validated.stdout.splitlines()[-1] == "19 errors, 1 warning in 1 file"


def test_filled_scaffold_validates_clean(tmp_path: Path) -> None:
    invoke(tmp_path, "new", "tree", "printer-jam")
    path = tmp_path / "printer-jam.yaml"
    filled = path.read_text(encoding="utf-8").replace("TODO its verified address", "https://example.org/guide")
    path.write_text(filled.replace("TODO", "Done"), encoding="utf-8")
    assert invoke(tmp_path, "validate").stdout == "no problems found\n"


def test_new_tree_refuses_to_overwrite_a_file(tmp_path: Path) -> None:
    (tmp_path / "printer-jam.yaml").write_text("# mine\n", encoding="utf-8")
    result = invoke(tmp_path, "new", "tree", "printer-jam")
    assert result.exit_code == 2
    assert result.stderr == (
        f"uec-helper: error: {tmp_path}/printer-jam.yaml: already exists; choose another id or edit that file\n"
    )
    assert (tmp_path / "printer-jam.yaml").read_text(encoding="utf-8") == "# mine\n"


def test_new_tree_refuses_a_taken_or_malformed_id() -> None:
    taken = invoke(GOOD, "new", "tree", "mini", "--print")
    assert (taken.exit_code, taken.stderr) == (2, "uec-helper: error: tree id 'mini' is already used; choose another\n")
    bad = invoke(GOOD, "new", "tree", "Printer Jam", "--print")
    assert bad.exit_code == 2
    assert bad.stderr == "uec-helper: error: tree id 'Printer Jam' must use lower-case letters, digits and '-'\n"


def test_new_tree_print_writes_nothing(tmp_path: Path) -> None:
    result = invoke(tmp_path, "new", "tree", "printer-jam", "--print")
    assert result.exit_code == 0
    assert result.stdout.startswith("# A new tree: replace every TODO in both languages")
    assert list(tmp_path.iterdir()) == []


def test_new_outcome_is_added_at_the_end_of_a_files_outcomes(tmp_path: Path) -> None:
    shutil.copy(GOOD / "mini.yaml", tmp_path / "mini.yaml")
    before = (tmp_path / "mini.yaml").read_text(encoding="utf-8")
    result = invoke(tmp_path, "new", "outcome", "extra-help", "--file", str(tmp_path / "mini.yaml"), "--lang", "ja")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"{tmp_path}/mini.yaml に書き込みました。")
    after = (tmp_path / "mini.yaml").read_text(encoding="utf-8")
    head, tail = before.split("\ncontacts:\n")
    added = after.removeprefix(head.rstrip("\n") + "\n").split("\ncontacts:\n")[0]
    assert added.startswith("  - id: extra-help\n    title:\n      en: TODO the remedy, in a few words\n")
    assert after.endswith("\ncontacts:\n" + tail)
    assert problem_codes(tmp_path) == {"mini.yaml": {"placeholder", "unreachable"}}


def test_new_outcome_without_file_writes_its_own_file(tmp_path: Path) -> None:
    result = invoke(tmp_path, "new", "outcome", "extra-help")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "extra-help.yaml").read_text(encoding="utf-8").startswith("outcomes:\n  - id: extra-help\n")


def test_new_outcome_refuses_a_taken_id() -> None:
    result = invoke(GOOD, "new", "outcome", "quick-fix")
    assert result.exit_code == 2
    assert result.stderr == "uec-helper: error: outcome id 'quick-fix' is already used; choose another\n"


def test_editor_commands_never_write_into_the_installed_trees(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no ./trees here, no --trees, no UEC_HELPER_TREES
    monkeypatch.delenv("UEC_HELPER_TREES", raising=False)
    shipped = sorted(SHIPPED_TREES.iterdir())
    for args in (["new", "tree", "x"], ["new", "outcome", "x"], ["translations", "mark-reviewed"]):
        result = runner.invoke(app, args, env={"UEC_HELPER_LANG": "en"})
        assert result.exit_code == 2, args
        assert "no trees folder to write to: pass --trees DIR, set UEC_HELPER_TREES" in result.stderr
    assert sorted(SHIPPED_TREES.iterdir()) == shipped
    assert list(tmp_path.iterdir()) == []


def test_editor_commands_use_a_local_trees_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("UEC_HELPER_TREES", raising=False)
    (tmp_path / "trees").mkdir()
    result = runner.invoke(app, ["new", "tree", "printer-jam"], env={"UEC_HELPER_LANG": "en"})
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "Wrote trees/printer-jam.yaml: replace every TODO, then run `uec-helper validate trees`.\n"
    )
    assert (tmp_path / "trees" / "printer-jam.yaml").is_file()


def test_the_validate_hint_quotes_a_folder_for_the_shell(tmp_path: Path) -> None:
    folder = tmp_path / "my trees"
    folder.mkdir()
    result = invoke(folder, "new", "outcome", "extra-help")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.endswith(f"run `uec-helper validate '{folder}'`.\n")
