"""The JSON contract, byte for byte: each command's --json output against a
golden file captured before the views became dataclasses.

Regenerate a golden only when the contract changes on purpose:
`UEC_HELPER_UPDATE_GOLDEN=1 python -m pytest tests/test_json_contract.py`.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from uec_helper.cli import app

from .conftest import FIXTURES, GOOD

GOLDEN = FIXTURES / "golden"
SEARCH = FIXTURES / "search"
CHAIN = FIXTURES / "chain"
BROKEN_FILES = ("missing-outcome.yaml", "duplicate-key.yaml", "unreachable-question.yaml")
LOG = """\
{"time":"2026-01-01T10:00:00+09:00","tree":"mini","lang":"en","path":[{"question":"first","choice":"done"}],"outcome":"quick-fix","stopped_at":null,"resolution":"yes","note":null,"duration_s":12.0,"mode":"agent"}
{"time":"2026-01-01T10:05:00+09:00","tree":"mini","lang":"ja","path":[],"outcome":null,"stopped_at":"first","resolution":null,"note":null,"duration_s":3.5,"mode":"user"}
{"time":"2026-01-01T10:07:00+09:00","tree":"mini","lang":"en","path":[{"question":"first","choice":"more"},{"question":"second","choice":"right"}],"outcome":"call-desk","stopped_at":null,"resolution":"escalated","note":"x","duration_s":60,"mode":"agent"}
"""

CASES: dict[str, list[str]] = {
    "diagnose-en": ["--trees", str(GOOD), "diagnose", "mini", "-a", "first=more", "-a", "second=right", "--lang", "en"],
    "diagnose-ja": ["--trees", str(GOOD), "diagnose", "mini", "-a", "first=done", "--lang", "ja"],
    "diagnose-query-followed": ["--trees", str(SEARCH), "diagnose", "--query", "パスワードを忘れた"],
    "missing-answer-query-followed": ["--trees", str(SEARCH), "diagnose", "--query", "アカウント"],
    "diagnose-chain": ["--trees", str(CHAIN), "diagnose", "entry", "-a", "where=detail", "-a", "which=this"],
    "missing-answer-chain": ["--trees", str(CHAIN), "diagnose", "entry", "--lang", "en", "--no-input"],
    "diagnose-agent": [
        *("--trees", str(GOOD), "diagnose", "mini", "-a", "first=more", "-a", "second=right"),
        *("--agent", "--caller-lang", "ja", "--lang", "en", "--resolution", "no", "--agent-note", "called back"),
    ],
    "diagnose-agent-escalated": [
        *("--trees", str(GOOD), "diagnose", "mini", "-a", "first=more", "-a", "second=right", "--agent"),
        *("--lang", "ja", "--resolution", "escalated", "--escalated-to", "desk"),
    ],
    "escalated-only": [
        *("--trees", str(GOOD), "diagnose", "mini", "-a", "first=done", "--agent", "--escalated-to", "desk"),
    ],
    "unknown-contact": [
        *("--trees", str(GOOD), "diagnose", "mini", "-a", "first=done", "--agent"),
        *("--resolution", "escalated", "--escalated-to", "dsk"),
    ],
    "missing-answer": ["--trees", str(GOOD), "diagnose", "mini", "-a", "first=more", "--lang", "en"],
    "missing-answer-ja": ["--trees", str(GOOD), "diagnose", "mini", "--lang", "ja"],
    "malformed-answer": ["--trees", str(GOOD), "diagnose", "mini", "-a", "first", "--lang", "ja"],
    "no-match-query-followed": ["--trees", str(SEARCH), "diagnose", "--query", "プリンターの紙詰まり"],
    "invalid-answer": ["--trees", str(GOOD), "diagnose", "mini", "-a", "first=moer", "--lang", "en"],
    "unknown-tree": ["--trees", str(GOOD), "diagnose", "minni", "--lang", "en"],
    "list": ["--trees", str(SEARCH), "list", "--lang", "ja"],
    "search-en": ["--trees", str(SEARCH), "search", "forgot my password", "--lang", "en"],
    "search-ja": ["--trees", str(SEARCH), "search", "休学", "--lang", "ja", "-n", "3"],
    "search-none": ["--trees", str(SEARCH), "search", "printer", "--lang", "en"],
    "search-tree": ["--trees", str(SEARCH), "search", "アカウントのトラブル", "--lang", "ja"],
    "validate-broken": ["validate", "BROKEN"],
    "stats": ["stats", "LOG"],
}

# The ticket's clock line and the call's length (in either language) change from run to run.
VOLATILE = re.compile(r"(Date|Duration|日時|所要時間): [^\n\\]*")


@pytest.mark.parametrize("name", sorted(CASES))
def test_json_output_matches_the_golden_file(name: str, tmp_path: Path) -> None:
    log = tmp_path / "sessions.jsonl"
    log.write_text(LOG, encoding="utf-8")
    broken = tmp_path / "broken"
    broken.mkdir()
    for fixture in BROKEN_FILES:
        shutil.copy(FIXTURES / "broken" / fixture, broken)
    args = [{"LOG": str(log), "BROKEN": str(broken)}.get(arg, arg) for arg in CASES[name]]
    # The default language is pinned: the replay line names --lang only when it differs.
    result = CliRunner().invoke(app, [*args, "--json"], env={"COLUMNS": "80", "UEC_HELPER_LANG": "en"})
    output = VOLATILE.sub(r"\1: …", result.stdout.replace(str(FIXTURES), "FIXTURES").replace(str(tmp_path), "TMP"))
    golden = GOLDEN / f"{name}.json"
    if os.environ.get("UEC_HELPER_UPDATE_GOLDEN"):
        golden.write_text(output, encoding="utf-8")
    assert output == golden.read_text(encoding="utf-8")
