"""Errors in the command's language: what a user of diagnose, search, show,
list and stats meets reads in Japanese under --lang ja or UEC_HELPER_LANG=ja,
the English stays word for word what it was (scripts match it), and the JSON
error differs only by `message_ja`."""

from __future__ import annotations

import errno
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from uec_helper.cli import app
from uec_helper.file_errors import reason_of

from .conftest import FIXTURES, GOOD

runner = CliRunner()
SEARCH = FIXTURES / "search"
JAPANESE = re.compile(r"[\u3041-\u30ff\u4e00-\u9fff]")
NO_SUCH = "/nonexistent/uec-helper-folder"

# Each error a user meets: its command line (after --trees GOOD unless it
# starts with --trees), its code and its English line, byte for byte as before.
CASES: dict[str, tuple[list[str], str, str]] = {
    "missing-answer": (
        ["diagnose", "mini", "-a", "first=more"],
        "missing-answer",
        "no answer for question 'second' ({text}); pass --answer second=CHOICE with CHOICE one of: left, right",
    ),
    "invalid-answer": (
        ["diagnose", "mini", "-a", "first=moer"],
        "invalid-answer",
        "--answer 'first=moer': 'moer' is not a choice of question 'first'; did you mean 'more'? "
        "valid choices: more, done",
    ),
    "unknown-tree": (["diagnose", "minni"], "unknown-tree", "unknown tree 'minni'; did you mean 'mini'?"),
    "unknown-tree (show)": (["show", "zzz"], "unknown-tree", "unknown tree 'zzz'; expected one of: mini"),
    "unknown-question": (
        ["diagnose", "mini", "-a", "frist=more"],
        "unknown-question",
        "--answer 'frist=more': tree 'mini' has no question 'frist'; did you mean 'first'?",
    ),
    "missing-tree": (["diagnose"], "missing-tree", "no tree given; pass one of: mini"),
    "malformed-answer": (
        ["diagnose", "mini", "-a", "first"],
        "malformed-answer",
        "--answer 'first': expected QUESTION=CHOICE, e.g. --answer cause=forgot-password",
    ),
    "duplicate-answer": (
        ["diagnose", "mini", "-a", "first=more", "-a", "first=done"],
        "duplicate-answer",
        "--answer 'first=done': question 'first' is already answered by --answer 'first=more'; "
        "give each question one --answer",
    ),
    "answers-file": (
        ["diagnose", "mini", "--answers-file", NO_SUCH],
        "answers-file",
        f"{NO_SUCH}: cannot read the answers file: No such file or directory",
    ),
    "empty-query": (
        ["search", "  "],
        "empty-query",
        "the query is empty; describe the problem, e.g. 'forgot my password'",
    ),
    "no-match": (  # in no clear language (one kanji is no word): the walk keeps the UI's
        ["--trees", str(SEARCH), "diagnose", "--query", "printer 紙"],
        "no-match",
        "nothing matches 'printer 紙'; try other words, or pass a TREE (see `uec-helper list`)",
    ),
    "trees-folder (list)": (
        ["--trees", NO_SUCH, "list"],
        "trees-folder",
        f"{NO_SUCH}: trees folder not found; pass --trees DIR or set UEC_HELPER_TREES",
    ),
    "log-file (diagnose)": (
        ["diagnose", "mini", "-a", "first=done", "--log", str(GOOD)],
        "log-file",
        f"{GOOD}: cannot write the session log: a folder, not a regular file; name a regular file or a new one",
    ),
    "log-file (stats)": (
        ["stats", NO_SUCH],
        "log-file",
        f"{NO_SUCH}: cannot read the session log: No such file or directory",
    ),
    "agent-only": (
        ["diagnose", "mini", "--resolution", "yes"],
        "agent-only",
        "--resolution: only in helpdesk mode; add --agent",
    ),
    "invalid-resolution": (
        ["diagnose", "mini", "--agent", "--resolution", "maybe"],
        "invalid-resolution",
        "--resolution: unknown value 'maybe'; use one of: yes, no, escalated",
    ),
}


def run(args: list[str], lang_env: str, *extra: str):  # type: ignore[no-untyped-def]
    trees = [] if args[0] == "--trees" else ["--trees", str(GOOD)]
    env = {"UEC_HELPER_LANG": lang_env, "UEC_HELPER_CACHE": "off"}
    return runner.invoke(app, [*trees, *args, *extra], env=env)


@pytest.mark.parametrize("name", sorted(CASES))
def test_english_is_as_before_and_japanese_under_lang_ja(name: str) -> None:
    args, _, english = CASES[name]
    english = english.format(text="Second question?")
    en = run(args, "en")
    assert en.exit_code == 2
    assert en.stderr == f"uec-helper: error: {english}\n"
    for ja in (run(args, "en", "--lang", "ja"), run(args, "ja")):  # --lang, or the variable without it
        assert ja.exit_code == 2
        line = ja.stderr.removeprefix("uec-helper: error: ")
        assert line != ja.stderr and line.count("\n") == 1
        assert JAPANESE.search(line.replace("二番目の質問", "")), line  # its own words, not only a quoted text
        assert line != english


@pytest.mark.parametrize("name", sorted(name for name in CASES if CASES[name][0][0] != "show"))  # show has no --json
def test_the_json_error_differs_by_message_ja_alone(name: str) -> None:
    args, code, _ = CASES[name]
    en = json.loads(run(args, "en", "--json").stdout)["error"]
    ja_result = run(args, "ja", "--json")
    ja = json.loads(ja_result.stdout)["error"]
    assert en["code"] == ja["code"] == code
    assert "message_ja" not in en
    assert ja_result.stderr == f"uec-helper: error: {ja['message_ja']}\n"
    # The walk's language and the question's text in it (also in `message`) differ, as before; nothing else does.
    quoting = ("lang", "text", "message") if "text" in en else ("lang",)
    assert {key: value for key, value in ja.items() if key not in ("message_ja", *quoting)} == {
        key: value for key, value in en.items() if key not in quoting
    }


def test_a_bad_lang_is_said_in_the_default_language() -> None:
    flag = runner.invoke(app, ["--trees", str(GOOD), "list", "--lang", "fr"], env={"UEC_HELPER_LANG": "ja"})
    assert flag.exit_code == 2
    assert flag.stderr == "uec-helper: error: --lang: 'fr' は使えない言語です。'en' か 'ja' を指定してください\n"
    # A bad variable cannot choose the language of its own error: the locale does.
    env = {"UEC_HELPER_LANG": "fr", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "ja_JP.UTF-8"}
    variable = runner.invoke(app, ["--trees", str(GOOD), "list"], env=env)
    assert variable.exit_code == 2
    assert variable.stderr.startswith("uec-helper: error: UEC_HELPER_LANG: 'fr' は使えない言語です。")
    english = runner.invoke(app, ["--trees", str(GOOD), "list"], env={**env, "LANG": "C.UTF-8"})
    assert english.stderr == "uec-helper: error: UEC_HELPER_LANG: unknown language 'fr'; use 'en' or 'ja'\n"


def test_an_error_in_a_walk_that_followed_the_query_is_in_the_walk_s_language() -> None:
    """--lang not given, the English UI, a Japanese query: the walk is Japanese, so is its error."""
    result = run(["--trees", str(SEARCH), "diagnose", "--query", "休学", "-a", "topic=lve"], "en")
    assert result.exit_code == 2
    assert "'lve' は質問 'topic' の選択肢ではありません。'leave' のことですか? 選択肢: password, leave" in result.stderr


def test_stats_warns_of_skipped_lines_in_its_language(tmp_path: Path) -> None:
    log = tmp_path / "sessions.jsonl"
    log.write_text("not json\n" * 25, encoding="utf-8")
    en = run(["stats", str(log)], "en")
    ja = run(["stats", str(log)], "ja")
    assert en.exit_code == ja.exit_code == 0
    assert f"{log}:1:1: warning: skipped a line that is not a whole session record" in en.stderr
    assert f"{log}: 5 more lines skipped" in en.stderr
    assert f"{log}:1:1: warning: セッション記録として完全でない行を読み飛ばしました" in ja.stderr
    assert f"{log}: ほかに 5 行を読み飛ばしました" in ja.stderr
    assert "skipped a line" not in ja.stderr and "more lines skipped" not in ja.stderr


def test_an_editor_command_s_own_errors_stay_english() -> None:
    result = runner.invoke(
        app, ["--trees", str(GOOD), "new", "tree", "Bad_Id", "--print", "--lang", "ja"], env={"UEC_HELPER_LANG": "ja"}
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("uec-helper: error: tree id 'Bad_Id' must use lower-case letters")


# A reason inside an error about a file (the file checks, the refusal of `-`,
# the system's reason) is Japanese too: of the Japanese line, only the paths,
# the option names and what is typed at a shell stay as they are.
KEPT = re.compile(r"/[^\s:]*|--[a-z-]+|FIFO|`[^`]*`|uec-helper|-")
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")


def invoke(args: list[str], lang: str, stdin: int | None) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of a run in `lang`; in a process of its own
    when standard input must be `stdin` (the program reads its descriptor 0)."""
    if stdin is None:
        result = run(args, lang)
        return result.exit_code, result.stdout, result.stderr
    env = {**os.environ, "UEC_HELPER_LANG": lang, "UEC_HELPER_CACHE": "off"}
    command = [sys.executable, "-m", "uec_helper", "--trees", str(GOOD), *args]
    done = subprocess.run(command, stdin=stdin, capture_output=True, text=True, env=env, timeout=60, check=False)
    return done.returncode, done.stdout, done.stderr


def assert_reason_in_both_languages(args: list[str], code: str, english: str, stdin: int | None = None) -> None:
    status, _, en = invoke(args, "en", stdin)
    assert (status, en) == (2, f"uec-helper: error: {english}\n")
    status, _, ja = invoke(args, "ja", stdin)
    assert status == 2 and ja.startswith("uec-helper: error: ") and ja.count("\n") == 1, ja
    line = ja.removeprefix("uec-helper: error: ")
    assert not ENGLISH_WORD.search(KEPT.sub("", line)), line
    status, out, _ = invoke([*args, "--json"], "ja", stdin)
    said = json.loads(out)["error"]
    assert (status, said["code"], said["message"], said["message_ja"]) == (2, code, english, line.rstrip("\n"))


def test_a_folder_as_the_note_file_is_refused_in_japanese() -> None:
    assert_reason_in_both_languages(
        ["diagnose", "mini", "--agent", "-a", "first=done", "--resolution", "yes", "--note-file", str(GOOD)],
        "note-file",
        f"{GOOD}: cannot write the ticket note: a folder, not a regular file; name a regular file or a new one",
    )


def test_a_fifo_as_the_answers_file_is_refused_in_japanese(tmp_path: Path) -> None:
    fifo = tmp_path / "answers.yaml"
    os.mkfifo(fifo)
    assert_reason_in_both_languages(
        ["diagnose", "mini", "--answers-file", str(fifo)],
        "answers-file",
        f"{fifo}: cannot read the answers file: a FIFO (named pipe), not a regular file; "
        "name a regular file, or pass - and pipe it into standard input",
    )


def test_dash_on_a_terminal_is_refused_in_japanese() -> None:
    controller, terminal = os.openpty()
    try:
        assert_reason_in_both_languages(
            ["diagnose", "mini", "--answers-file", "-"],
            "answers-file",
            "-: cannot read the answers file: standard input is a terminal; "
            "pipe the file into it (`… | uec-helper …` or `< FILE`)",
            stdin=terminal,
        )
    finally:
        os.close(terminal)
        os.close(controller)


def test_a_missing_answers_file_is_said_missing_in_japanese(tmp_path: Path) -> None:
    missing = tmp_path / "answers.yaml"
    assert_reason_in_both_languages(
        ["diagnose", "mini", "--answers-file", str(missing)],
        "answers-file",
        f"{missing}: cannot read the answers file: No such file or directory",
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into any folder")
def test_a_log_in_an_unwritable_folder_is_refused_in_japanese(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    log = folder / "sessions.jsonl"
    assert_reason_in_both_languages(
        ["diagnose", "mini", "-a", "first=done", "--log", str(log)],
        "log-file",
        f"{log}: cannot write the session log: Permission denied",
    )


@pytest.mark.parametrize(
    "code",
    [errno.ENOENT, errno.EACCES, errno.EPERM, errno.EISDIR, errno.ENOTDIR, errno.ENOSPC, errno.EROFS, errno.EEXIST],
)
def test_the_system_s_common_reasons_are_translated_by_errno(code: int) -> None:
    reason = reason_of(OSError(code, os.strerror(code), "/some/file"))
    assert reason.en == os.strerror(code)
    assert reason.ja is not None and JAPANESE.search(reason.ja) and not ENGLISH_WORD.search(reason.ja)


def test_another_system_reason_and_a_raiser_s_own_words_stay_as_they_are() -> None:
    unusual = reason_of(OSError(errno.ELOOP, os.strerror(errno.ELOOP)))
    own = reason_of(OSError(errno.ENOSPC, "only 3 of 9 bytes written by someone else"))
    assert (unusual.get("ja"), own.get("ja")) == (os.strerror(errno.ELOOP), "only 3 of 9 bytes written by someone else")
