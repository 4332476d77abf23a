"""The feedback loop: what callers searched is logged (masked), and `stats`
shows what they did not find, over the logs of several machines."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from prompt_toolkit.input import PipeInput
from prompt_toolkit.output import DummyOutput
from typer.testing import CliRunner

from uec_helper.cli import app
from uec_helper.knowledge.loader import load_folder
from uec_helper.terminal.menus import ProblemMenu, choose_tree
from uec_helper.terminal.prompts import QuestionaryChooser
from uec_helper.ui_text import Language

from .conftest import FIXTURES
from .keys import ENTER

SEARCH = FIXTURES / "search"
runner = CliRunner()
ENV = {"UEC_HELPER_LANG": "en", "UEC_HELPER_CACHE": "off"}


def records(log: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def record(
    outcome: str | None,
    *,
    tree: str | None = "account",
    searches: list[dict[str, object]] | None = None,
    mode: str = "agent",
    time: str = "2025-04-01T09:30:00+09:00",
    resolution: str | None = None,
    caller_lang: str | None = None,
) -> str:
    return json.dumps(
        {
            "time": time,
            "tree": tree,
            "lang": "en",
            "path": [],
            "outcome": outcome,
            "stopped_at": None if outcome else "topic",
            "resolution": resolution,
            "note": None,
            "duration_s": 10.0,
            "mode": mode,
            "searches": searches or [],
            "caller_lang": caller_lang,
        }
    )


def stats_json(*args: str) -> dict[str, object]:
    result = runner.invoke(app, ["--trees", str(SEARCH), "stats", *args, "--json"], env=ENV)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_diagnose_query_logs_the_masked_query_its_top_result_and_that_it_was_taken(tmp_path: Path) -> None:
    log = tmp_path / "log.jsonl"
    query = "forgot password, it was password: Hunter2!x"
    result = runner.invoke(app, ["--trees", str(SEARCH), "diagnose", "--query", query, "--log", str(log)], env=ENV)
    assert result.exit_code == 0, result.stderr
    [logged] = records(log)
    assert logged["searches"] == [
        {"query": "forgot password, it was password: [masked]", "top": "reissue", "chosen": True}
    ]
    assert logged["outcome"] == "reissue" and logged["caller_lang"] is None


def test_a_query_that_matches_nothing_is_logged_too(tmp_path: Path) -> None:
    log = tmp_path / "log.jsonl"
    result = runner.invoke(
        app, ["--trees", str(SEARCH), "diagnose", "--query", "zzzz qqqq", "--log", str(log)], env=ENV
    )
    assert result.exit_code == 2
    [logged] = records(log)
    assert (logged["tree"], logged["outcome"]) == (None, None)
    assert logged["searches"] == [{"query": "zzzz qqqq", "top": None, "chosen": False}]


def test_helpdesk_mode_logs_the_callers_language(tmp_path: Path) -> None:
    log = tmp_path / "log.jsonl"
    args = ["--trees", str(SEARCH), "diagnose", "account", "-a", "topic=leave", "--agent", "--caller-lang", "ja"]
    result = runner.invoke(app, [*args, "--resolution", "yes", "--log", str(log)], env=ENV)
    assert result.exit_code == 0, result.stderr
    assert records(log)[0]["caller_lang"] == "ja"


def test_the_menus_search_is_heard(keys: PipeInput) -> None:
    kb = load_folder(SEARCH).knowledge
    heard: list[tuple[str, str | None, bool]] = []
    keys.send_text(ENTER + "zzzz" + ENTER + ENTER + "forgot my password" + ENTER + ENTER)
    menu = ProblemMenu(sorted(kb.trees), on_search=lambda *search: heard.append(search))
    choose_tree(kb, menu, QuestionaryChooser(80, input=keys, output=DummyOutput()), Language("en"))
    assert heard == [("zzzz", None, False), ("forgot my password", "reissue", True)]


def write(path: Path, *lines: str) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def test_stats_show_unmatched_and_abandoned_queries_resolution_per_outcome_and_caller_languages(
    tmp_path: Path,
) -> None:
    nothing = {"query": "Printer  jam", "top": None, "chosen": False}
    log = write(
        tmp_path / "log.jsonl",
        record(None, tree=None, searches=[nothing]),
        record(None, tree=None, searches=[{**nothing, "query": "printer jam"}]),
        record(None, searches=[{"query": "password", "top": "reissue", "chosen": False}]),
        record("reissue", resolution="yes", caller_lang="ja"),
        record("reissue", resolution="no", caller_lang="en"),
        record("reissue", resolution="yes", caller_lang="ja"),
    )
    data = stats_json(str(log))
    assert (data["sessions"], data["finished"], data["abandoned"], data["unmatched"]) == (6, 3, 1, 2)
    assert data["unmatched_queries"] == [{"query": "printer jam", "count": 2}]
    assert data["abandoned_queries"] == [{"query": "password", "count": 1}]
    assert (data["searches"], data["top_chosen_rate"]) == (3, 0.0)
    assert data["outcome_resolution"] == [
        {
            "outcome": "reissue",
            "with_resolution": 3,
            "resolved": 2,
            "resolved_rate": 0.667,
            "title": "Have the password reissued",
        }
    ]
    assert data["caller_langs"] == [{"lang": "ja", "count": 2}, {"lang": "en", "count": 1}]


def test_stats_filter_by_mode_and_day(tmp_path: Path) -> None:
    log = write(
        tmp_path / "log.jsonl",
        record("reissue", mode="user", time="2025-03-31T23:59:00+09:00"),
        record("reissue", mode="agent", time="2025-04-01T00:01:00+09:00"),
        record("reissue", mode="scripted", time="2025-04-02T10:00:00+09:00"),
        record("reissue", mode="agent", time="not a time"),
    )
    assert stats_json(str(log), "--mode", "agent")["sessions"] == 2
    assert stats_json(str(log), "--since", "2025-04-01")["sessions"] == 2
    data = stats_json(str(log), "--since", "2025-04-01", "--mode", "agent")
    assert data["sessions"] == 1 and data["filters"] == {"mode": "agent", "since": "2025-04-01"}


def test_stats_refuses_a_bad_mode_or_day(tmp_path: Path) -> None:
    log = write(tmp_path / "log.jsonl", record("reissue"))
    for option in (["--mode", "robot"], ["--since", "yesterday"]):
        result = runner.invoke(app, ["stats", str(log), *option], env=ENV)
        assert result.exit_code == 2


def test_stats_merge_a_folder_of_logs_counting_each_file_once(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    logs.mkdir()
    first = write(logs / "pc1.jsonl", record("reissue"), record("reissue"))
    write(logs / "pc2.jsonl", record("use-on-leave"))
    shutil.copy(first, logs / "pc1-copy.jsonl")  # collected twice
    os.symlink(first, tmp_path / "link.jsonl")
    write(logs / ".hidden.jsonl", record("reissue"))
    data = stats_json(str(logs), str(first), str(tmp_path / "link.jsonl"))
    assert data["sessions"] == 3
    assert data["files"] == [str(logs / "pc1-copy.jsonl"), str(logs / "pc2.jsonl")]
    assert {d["file"] for d in data["duplicates"]} == {  # type: ignore[union-attr]
        str(logs / "pc1.jsonl"),
        str(first),
        str(tmp_path / "link.jsonl"),
    }


def test_stats_view_names_titles_and_the_unmatched_queries_in_japanese(tmp_path: Path) -> None:
    log = write(
        tmp_path / "log.jsonl",
        record(None, tree=None, searches=[{"query": "プリンタ", "top": None, "chosen": False}]),
        record("reissue", resolution="yes", caller_lang="en"),
    )
    result = runner.invoke(app, ["--trees", str(SEARCH), "stats", str(log), "--lang", "ja"], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    for expected in (
        "見つからなかった検索語",
        "プリンタ",
        "結果ごとの解決率",
        "パスワードを再発行してください",
        "相談者の言語",
        "英語",
    ):
        assert expected in text
    assert "reissue" not in text
