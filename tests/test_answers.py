"""Answers given up front: the answers file is read as raw text, a question
answered twice is an error (tests/fixtures/attacks/answers-*.yaml)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from uec_helper.cli import app
from uec_helper.errors import UsageError
from uec_helper.walk.answers import parse_answer_flags, read_answers_file

from .conftest import GOOD

ATTACKS = Path(__file__).parent / "fixtures" / "attacks"
runner = CliRunner()


def test_answers_file_values_are_the_text_written() -> None:
    assert read_answers_file(ATTACKS / "answers-yaml-scalars.yaml") == {
        "first": "yes",
        "second": "no",
        "third": "1.0",
        "fourth": "0x10",
        "fifth": "~",
        "sixth": "2024-01-01",
        "seventh": "quoted",
    }


def test_yes_in_an_answers_file_reaches_the_tree_as_yes(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("first: yes\n", encoding="utf-8")
    result = runner.invoke(app, ["--trees", str(GOOD), "diagnose", "mini", "--answers-file", str(answers), "--json"])
    assert result.exit_code == 2
    assert json.loads(result.stdout)["error"]["answer"] == "yes"


def test_a_question_twice_in_the_answers_file_names_both_lines() -> None:
    path = ATTACKS / "answers-duplicate.yaml"
    with pytest.raises(UsageError) as raised:
        read_answers_file(path)
    assert (raised.value.code, raised.value.message) == (
        "duplicate-answer",
        f"{path}:3:1: question 'first' is answered twice (first on line 1); keep one answer",
    )


@pytest.mark.parametrize(
    ("text", "where"),
    [("- first\n- more\n", "1:1"), ("first: [more, done]\n", "1:8"), ("first: more\n? [a]\n: b\n", "2:3")],
)
def test_an_answers_file_that_is_not_a_mapping_of_texts_names_the_place(tmp_path: Path, text: str, where: str) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError, match=f"^{path}:{where}: the answers file must be a mapping"):
        read_answers_file(path)


def test_the_same_question_in_two_flags_is_an_error_naming_both() -> None:
    with pytest.raises(UsageError) as raised:
        parse_answer_flags(["first=more", "second=left", "first = done"])
    assert (raised.value.code, raised.value.message) == (
        "duplicate-answer",
        "--answer 'first = done': question 'first' is already answered by --answer 'first=more'; "
        "give each question one --answer",
    )


def test_a_duplicate_answer_is_a_json_error_and_exit_2() -> None:
    result = runner.invoke(
        app, ["--trees", str(GOOD), "diagnose", "mini", "-a", "first=more", "-a", "first=done", "--json"]
    )
    assert result.exit_code == 2
    assert json.loads(result.stdout)["error"]["code"] == "duplicate-answer"
