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
    assert read_answers_file(ATTACKS / "answers-yaml-scalars.yaml").choices == {
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
    assert raised.value.details == {"question": "first", "file": str(path), "line": 3, "column": 1}


def diagnose_json(*args: str) -> tuple[int, dict[str, object], str]:
    """`diagnose mini`, with and without --json: exit code, JSON error, stderr line."""
    command = ["--trees", str(GOOD), "diagnose", "mini", "--lang", "en", *args]
    as_json = runner.invoke(app, [*command, "--json"])
    human = runner.invoke(app, command)
    assert human.exit_code == as_json.exit_code and human.stdout == ""
    error: dict[str, object] = json.loads(as_json.stdout)["error"]
    return as_json.exit_code, error, human.stderr


@pytest.mark.parametrize(
    ("text", "message", "where"),
    [
        (
            "first: more\nsecond: 1\n",
            "a3.yaml:2:9: '1' is not a choice of question 'second'; valid choices: left, right",
            (2, 9),
        ),
        (
            "first: mroe\n",
            "a3.yaml:1:8: 'mroe' is not a choice of question 'first'; did you mean 'more'? valid choices: more, done",
            (1, 8),
        ),
        (
            "# from the helpdesk\n{first: more, foo: x}\n",
            "a3.yaml:2:15: tree 'mini' has no question 'foo'; expected one of: first, second",
            (2, 15),
        ),
    ],
    ids=["not a choice", "did you mean", "no such question"],
)
def test_an_answers_file_value_error_names_its_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str, where: tuple[int, int]
) -> None:
    monkeypatch.chdir(tmp_path)  # the file is named as the user typed it
    (tmp_path / "a3.yaml").write_text(text, encoding="utf-8")
    code, error, stderr = diagnose_json("--answers-file", "a3.yaml")
    assert code == 2
    assert stderr == f"uec-helper: error: {message}\n"
    assert (error["message"], error["file"], error["line"], error["column"]) == (message, "a3.yaml", *where)


@pytest.mark.parametrize(
    ("flag", "message"),
    [
        ("second=1", "--answer 'second=1': '1' is not a choice of question 'second'; valid choices: left, right"),
        ("foo=x", "--answer 'foo=x': tree 'mini' has no question 'foo'; expected one of: first, second"),
    ],
)
def test_an_answer_flag_error_names_the_flag_and_no_file(flag: str, message: str) -> None:
    code, error, stderr = diagnose_json("--answer", flag)
    assert code == 2
    assert stderr == f"uec-helper: error: {message}\n"
    assert error["message"] == message
    assert not {"file", "line", "column"} & set(error)


def test_a_flag_over_a_file_answer_is_the_one_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a3.yaml").write_text("first: more\nsecond: left\n", encoding="utf-8")
    _, error, _ = diagnose_json("--answers-file", "a3.yaml", "-a", "second=lfet")
    assert str(error["message"]).startswith("--answer 'second=lfet': 'lfet' is not a choice")
    assert "file" not in error


def test_an_answers_file_that_is_not_a_mapping_carries_its_place_in_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a3.yaml").write_text("first: [more, done]\n", encoding="utf-8")
    _, error, _ = diagnose_json("--answers-file", "a3.yaml")
    assert (error["code"], error["file"], error["line"], error["column"]) == ("answers-file", "a3.yaml", 1, 8)


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
