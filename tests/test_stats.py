"""`uec-helper stats` on a known small log: exact figures."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

from typer.testing import CliRunner

from uec_helper.cli import app
from uec_helper.helpdesk.log import MAX_LINE_BYTES, MAX_WARNINGS, Skipped, read_sessions
from uec_helper.helpdesk.stats import session_stats

runner = CliRunner()


def line(
    tree: str | None,
    outcome: str | None,
    duration: float,
    resolution: str | None = None,
    stopped_at: str | None = None,
    mode: str = "agent",
) -> str:
    return json.dumps(
        {
            "time": "2025-04-01T09:30:00+00:00",
            "tree": tree,
            "lang": "en",
            "path": [],
            "outcome": outcome,
            "stopped_at": stopped_at,
            "resolution": resolution,
            "note": None,
            "duration_s": duration,
            "mode": mode,
        }
    )


LOG = (
    "\n".join(
        [
            line("password-trouble", "reissue-password", 120.0, "yes"),
            line("password-trouble", "reissue-password", 300.0, "escalated"),
            line("password-trouble", "call-itc", 60.0, "no"),
            line("webclass-login", "reissue-password", 90.0, "yes"),
            line("webclass-login", None, 30.0, stopped_at="cause", mode="user"),
            line("password-trouble", None, 45.0, stopped_at="expired"),
            line("webclass-login", "call-itc", 10.0, mode="scripted"),
            line(None, None, 5.0),
        ]
    )
    + "\n"
    + '{"tree": "webclass-login", "outc'
)


EXPECTED = {
    "sessions": 8,
    "finished": 5,
    "abandoned": 3,
    "with_resolution": 4,
    "resolutions": {"yes": 2, "no": 1, "escalated": 1},
    "unresolved_rate": 0.25,
    "escalated_rate": 0.25,
    "median_duration_s": 52.5,
    "trees": [{"tree": "password-trouble", "count": 4}, {"tree": "webclass-login", "count": 3}],
    "outcomes": [{"outcome": "reissue-password", "count": 3}, {"outcome": "call-itc", "count": 2}],
    "abandoned_at": [
        {"tree": "password-trouble", "question": "expired", "count": 1},
        {"tree": "webclass-login", "question": "cause", "count": 1},
        {"tree": None, "question": None, "count": 1},
    ],
    "unmatched": 0,
    "searches": 0,
    "top_chosen_rate": None,
    "unmatched_queries": [],
    "abandoned_queries": [],
    "outcome_resolution": [
        {"outcome": "reissue-password", "with_resolution": 3, "resolved": 2, "resolved_rate": 0.667},
        {"outcome": "call-itc", "with_resolution": 1, "resolved": 0, "resolved_rate": 0.0},
    ],
    "caller_langs": [],
}
# What `stats --json` adds: titles from the trees (an id they lack stands for itself).
TITLED = {
    "trees": [
        {"tree": "password-trouble", "count": 4, "title": "Problems with my password"},
        {"tree": "webclass-login", "count": 3, "title": "I can't log into WebClass"},
    ],
    "outcomes": [
        {"outcome": "reissue-password", "count": 3, "title": "Have your password reissued"},
        {"outcome": "call-itc", "count": 2, "title": "call-itc"},
    ],
    "abandoned_at": [
        {
            "tree": "password-trouble",
            "question": "expired",
            "count": 1,
            "title": "Problems with my password",
            "question_text": "expired",
        },
        {
            "tree": "webclass-login",
            "question": "cause",
            "count": 1,
            "title": "I can't log into WebClass",
            "question_text": "WebClass worked before. Which of these applies to you?",
        },
        {"tree": None, "question": None, "count": 1, "title": None, "question_text": None},
    ],
    "outcome_resolution": [
        {**EXPECTED["outcome_resolution"][0], "title": "Have your password reissued"},  # type: ignore[index, dict-item]
        {**EXPECTED["outcome_resolution"][1], "title": "call-itc"},  # type: ignore[index, dict-item]
    ],
}


def write_log(tmp_path: Path) -> Path:
    log = tmp_path / "sessions.jsonl"
    log.write_text(LOG, encoding="utf-8")
    return log


def test_stats_json_on_a_known_log(tmp_path: Path) -> None:
    log = write_log(tmp_path)
    result = runner.invoke(app, ["stats", str(log), "--json"], env={"UEC_HELPER_LANG": "en"})
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        **EXPECTED,
        **TITLED,
        "skipped_lines": 1,
        "files": [str(log)],
        "duplicates": [],
        "filters": {"mode": None, "since": None},
    }
    assert result.stderr == (
        f"{log}:9:1: warning: skipped a line that is not a whole session record "
        "(a crash or a full disk may have cut it short) [malformed-record]\n"
    )


def test_stats_of_an_empty_log_has_no_rates() -> None:
    stats = session_stats([])
    assert (stats.sessions, stats.unresolved_rate, stats.median_duration_s) == (0, None, None)


def test_stats_table_and_bar_chart(tmp_path: Path) -> None:
    result = runner.invoke(app, ["stats", str(write_log(tmp_path)), "--lang", "en"], env={"COLUMNS": "100"})
    assert result.exit_code == 0
    rows = [" ".join(row.replace("│", " ").split()) for row in result.stdout.splitlines()]
    for expected in (
        "Sessions 8",
        "Reached an outcome 5",
        "Abandoned 3",
        "With a resolution 4",
        "Unresolved (of those) 25.0 %",
        "Escalated (of those) 25.0 %",
        "Median duration 0 min 52 s",
    ):
        assert expected in rows
    # Bars scale to the largest count: 30 cells for 3 sessions, 20 for 2; titles, not ids.
    assert "Have your password reissued 3 " + "█" * 30 in rows
    assert "call-itc 2 " + "█" * 20 in rows  # an id the trees lack stands for itself
    assert "Problems with my password / expired 1 " + "█" * 30 in rows
    assert any(row.startswith("I can't log into WebClass / WebClass worked before.") for row in rows)


def test_stats_of_a_missing_log_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["stats", str(tmp_path / "none.jsonl")])
    assert result.exit_code == 2
    missing = tmp_path / "none.jsonl"
    assert result.stderr == f"uec-helper: error: {missing}: cannot read the session log: No such file or directory\n"


ATTACKS = Path(__file__).parent / "fixtures" / "attacks"


def test_lines_of_the_wrong_types_are_skipped_with_a_warning_never_counted() -> None:
    log = ATTACKS / "stats-wrong-types.jsonl"
    result = runner.invoke(app, ["stats", str(log), "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["sessions"], data["median_duration_s"], data["skipped_lines"]) == (1, 42.5, 14)
    assert data["resolutions"] == {"yes": 1, "no": 0, "escalated": 0}
    warnings = result.stderr.splitlines()
    assert warnings[0].startswith(f"{log}:1:1: warning: skipped a line that is not a whole session record")
    assert len(warnings) == 14


def test_an_over_long_line_is_skipped_and_the_next_line_read(tmp_path: Path) -> None:
    log = tmp_path / "sessions.jsonl"
    with log.open("w", encoding="utf-8") as out:
        out.write(line("webclass-login", "call-itc", 10.0) + "\n")
        out.write('{"note": "' + "x" * (MAX_LINE_BYTES + 10) + '"}\n')
        out.write(line("webclass-login", "call-itc", 20.0) + "\n")
    skipped = Skipped()
    assert [s.duration_s for s in read_sessions(log, skipped)] == [10.0, 20.0]
    assert [str(d) for d in skipped.shown] == [
        f"{log}:2:1: warning: skipped a line longer than {MAX_LINE_BYTES} bytes "
        "(no session record is that long) [malformed-record]"
    ]


def test_a_damaged_log_shows_the_first_warnings_and_counts_the_rest(tmp_path: Path) -> None:
    log = tmp_path / "sessions.jsonl"
    log.write_text("not json\n" * (MAX_WARNINGS + 5), encoding="utf-8")
    result = runner.invoke(app, ["stats", str(log), "--json"])
    assert json.loads(result.stdout)["skipped_lines"] == MAX_WARNINGS + 5
    assert result.stderr.splitlines()[-1] == f"uec-helper: warning: {log}: 5 more lines skipped"
    assert len(result.stderr.splitlines()) == MAX_WARNINGS + 1


def test_stats_reads_a_large_log_in_bounded_memory(tmp_path: Path) -> None:
    log = tmp_path / "sessions.jsonl"
    sessions = 5_000
    with log.open("w", encoding="utf-8") as out:
        for n in range(sessions):
            out.write(line("webclass-login", "call-itc", n % 600 / 10, "yes") + "\n")
    tracemalloc.start()
    try:
        stats = session_stats(read_sessions(log, Skipped()))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert stats.sessions == sessions
    # The file is 1 MB; held as records it took 6.4 MB; streamed (one line and the counts) 44 KB.
    assert log.stat().st_size > 1_000_000 and peak < 500_000


def test_stats_of_a_device_is_refused_not_read_for_ever() -> None:
    result = runner.invoke(app, ["stats", "/dev/zero", "--json"])
    assert result.exit_code == 2
    assert json.loads(result.stdout)["error"]["message"] == (
        "/dev/zero: cannot read the session log: a device, not a regular file; "
        "name a regular file, or pass - and pipe it into standard input"
    )
