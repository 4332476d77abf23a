from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from uec_helper.authoring.review import mark_file
from uec_helper.cli import app
from uec_helper.errors import UecError
from uec_helper.knowledge.translations import fingerprint

from .conftest import FIXTURES, GOOD

runner = CliRunner()
STALE = FIXTURES / "stale"
STALE_LINE = (
    "password.yaml:11:9: warning: Japanese text may be stale: the English changed since it was reviewed "
    "(check the 'ja' text against the English, then run `uec-helper translations mark-reviewed`) "
    "[stale-translation]"
)


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), env={"UEC_HELPER_LANG": "en"})


@pytest.fixture
def stale_copy(tmp_path: Path) -> Path:
    shutil.copy(STALE / "password.yaml", tmp_path / "password.yaml")
    return tmp_path


def test_fingerprint_ignores_rewrapping() -> None:
    assert fingerprint("Type it slowly,\n  then press Enter.") == fingerprint("Type it slowly, then press Enter.")
    assert fingerprint("Type it slowly, then press Enter.") == "7f2c69f6"
    assert fingerprint("Type it quickly, then press Enter.") != "7f2c69f6"


def test_changed_english_is_reported_as_a_stale_translation() -> None:
    result = invoke("validate", str(STALE))
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [f"{STALE}/{STALE_LINE}", "0 errors, 1 warning in 1 file"]


def test_strict_turns_the_stale_warning_into_an_error() -> None:
    result = invoke("validate", "--strict", str(STALE))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{STALE}/{STALE_LINE}".replace(": warning: ", ": error: "),
        "1 error, 0 warnings in 1 file",
    ]


def test_texts_without_a_fingerprint_are_reported_only_when_strict() -> None:
    assert invoke("validate", str(GOOD)).stdout == "no problems found\n"
    result = invoke("validate", "--strict", str(GOOD))
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    assert first == (
        f"{GOOD}/mini.yaml:4:10: error: Japanese text has never been marked as reviewed (no 'ja_source') "
        "(check the 'ja' text against the English, then run `uec-helper translations mark-reviewed`) "
        "[unreviewed-translation]"
    )
    assert result.stdout.splitlines()[-1] == "19 errors, 0 warnings in 1 file"


def test_mark_reviewed_updates_the_stale_fingerprint_only_and_keeps_the_file(stale_copy: Path) -> None:
    before = (stale_copy / "password.yaml").read_text(encoding="utf-8")
    result = invoke("--trees", str(stale_copy), "translations", "mark-reviewed")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"{stale_copy}/password.yaml: 1",
        f"Marked 1 Japanese text(s) as reviewed in 1 file(s) of {stale_copy}.",
    ]
    after = (stale_copy / "password.yaml").read_text(encoding="utf-8")
    assert after == before.replace('ja_source: "00a51779"', 'ja_source: "2f650725"')
    assert invoke("validate", "--strict", str(stale_copy)).stdout == "no problems found\n"


def test_mark_reviewed_round_trip_keeps_comments_and_validates_clean(tmp_path: Path) -> None:
    source = GOOD / "mini.yaml"
    shutil.copy(source, tmp_path / "mini.yaml")
    result = invoke("translations", "mark-reviewed", "--file", str(tmp_path / "mini.yaml"))
    assert result.exit_code == 0, result.stderr
    assert (
        result.stdout.splitlines()[-1]
        == f"Marked 19 Japanese text(s) as reviewed in 1 file(s) of {tmp_path}/mini.yaml."
    )
    old = source.read_text(encoding="utf-8").splitlines()
    new = (tmp_path / "mini.yaml").read_text(encoding="utf-8").splitlines()
    assert new[0] == "# A small valid tree used by the engine and CLI tests."
    assert new[3] == '  title: {en: Mini tree, ja: ミニツリー, ja_source: "9433d9a9"}'
    # Flow mappings gain ", ja_source: ..." before the brace; nothing else moves.
    assert [line.split(", ja_source:")[0] + ("}" if ", ja_source:" in line else "") for line in new] == old
    validated = invoke("validate", "--strict", str(tmp_path))
    assert (validated.exit_code, validated.stdout) == (0, "no problems found\n")
    again = invoke("translations", "mark-reviewed", str(tmp_path))
    assert again.stdout == f"Marked 0 Japanese text(s) as reviewed in 0 file(s) of {tmp_path}.\n"


BLOCK = """\
outcomes:
  - id: fix  # trailing comment
    title:
      en: Fix it
      ja: 直してください  # keep me
    body:
      ja: |
        一行目
        二行目

      en: >-
        Folded
        English.


    # a comment before the steps
    steps:
      - {en: "Quoted, with a comma", ja: 'single' }
      - en: Placeholder text
        ja: TODO 翻訳
"""

BLOCK_MARKED = f"""\
outcomes:
  - id: fix  # trailing comment
    title:
      en: Fix it
      ja: 直してください  # keep me
      ja_source: "{fingerprint("Fix it")}"
    body:
      ja: |
        一行目
        二行目

      en: >-
        Folded
        English.
      ja_source: "{fingerprint("Folded English.")}"


    # a comment before the steps
    steps:
      - {{en: "Quoted, with a comma", ja: 'single', ja_source: "{fingerprint("Quoted, with a comma")}" }}
      - en: Placeholder text
        ja: TODO 翻訳
"""


def test_mark_file_handles_block_scalars_comments_and_skips_placeholders(tmp_path: Path) -> None:
    path = tmp_path / "block.yaml"
    path.write_text(BLOCK, encoding="utf-8")
    reviewed = mark_file(path)
    assert reviewed.count == 3
    assert reviewed.source == BLOCK_MARKED


def test_mark_file_keeps_windows_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "crlf.yaml"
    path.write_bytes(BLOCK.replace("\n", "\r\n").encode("utf-8"))
    assert mark_file(path).source == BLOCK_MARKED.replace("\n", "\r\n")


def test_mark_reviewed_refuses_a_broken_file_and_writes_nothing(tmp_path: Path) -> None:
    shutil.copy(GOOD / "mini.yaml", tmp_path / "a.yaml")
    (tmp_path / "b.yaml").write_text("outcomes:\n  - id: x\n    title: {en: X}\n", encoding="utf-8")
    result = invoke("translations", "mark-reviewed", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"uec-helper: error: {tmp_path}/b.yaml: fix its errors before marking it reviewed")
    assert (tmp_path / "a.yaml").read_bytes() == (GOOD / "mini.yaml").read_bytes()


def test_mark_file_reports_unreadable_yaml(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("outcomes: [\n", encoding="utf-8")
    with pytest.raises(UecError) as caught:
        mark_file(path)
    assert caught.value.message == f"{path}: invalid YAML; run `uec-helper validate {path.parent}`"


def test_mark_reviewed_keeps_the_files_permissions_and_a_linked_file_stays_linked(tmp_path: Path) -> None:
    (tmp_path / "trees").mkdir()
    real = tmp_path / "password.yaml"
    shutil.copy(STALE / "password.yaml", real)
    real.chmod(0o640)
    (tmp_path / "trees" / "password.yaml").symlink_to(real)
    result = invoke("--trees", str(tmp_path / "trees"), "translations", "mark-reviewed")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "trees" / "password.yaml").is_symlink()
    assert 'ja_source: "2f650725"' in real.read_text(encoding="utf-8")
    assert real.stat().st_mode & 0o777 == 0o640


def test_mark_reviewed_that_cannot_finish_writing_leaves_the_file_whole(
    stale_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = (stale_copy / "password.yaml").read_bytes()

    def disk_full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", disk_full)
    result = invoke("--trees", str(stale_copy), "translations", "mark-reviewed")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"uec-helper: error: {stale_copy}/password.yaml: cannot write: No space left on device; the file is as it was"
    )
    assert (stale_copy / "password.yaml").read_bytes() == before
    assert [p.name for p in stale_copy.iterdir()] == ["password.yaml"]  # no temporary file left
