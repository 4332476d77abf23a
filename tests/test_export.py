from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from typer.testing import CliRunner

from uec_helper.cli import app

from .conftest import FIXTURES, GOOD

runner = CliRunner()
QUOTING = FIXTURES / "export"

MINI_MERMAID = """\
flowchart TD
    T_mini(["Mini tree"])
    Q_mini_first["First question?"]
    Q_mini_second["Second question?"]
    O_quick_fix("Quick fix")
    O_call_desk("Call the desk")
    T_mini --> Q_mini_first
    Q_mini_first -->|"Tell me more"| Q_mini_second
    Q_mini_first -->|"Done"| O_quick_fix
    Q_mini_second -->|"Left"| O_quick_fix
    Q_mini_second -->|"Right"| O_call_desk
    classDef tree fill:#ffffff,stroke:#333333,stroke-width:2px
    class T_mini tree
    classDef question fill:#e3f2fd,stroke:#1565c0
    class Q_mini_first,Q_mini_second question
    classDef outcome fill:#e8f5e9,stroke:#2e7d32
    class O_quick_fix,O_call_desk outcome
"""

MINI_DOT = """\
digraph "mini" {
    node [fontname="sans-serif"];
    edge [fontname="sans-serif", fontsize=10];
    "tree:mini" [label="Mini tree", shape=oval, style=bold];
    "question:mini/first" [label="First question?", shape=box, style=filled, fillcolor="#e3f2fd"];
    "question:mini/second" [label="Second question?", shape=box, style=filled, fillcolor="#e3f2fd"];
    "outcome:quick-fix" [label="Quick fix", shape=box, style="rounded,filled", fillcolor="#e8f5e9"];
    "outcome:call-desk" [label="Call the desk", shape=box, style="rounded,filled", fillcolor="#e8f5e9"];
    "tree:mini" -> "question:mini/first";
    "question:mini/first" -> "question:mini/second" [label="Tell me more"];
    "question:mini/first" -> "outcome:quick-fix" [label="Done"];
    "question:mini/second" -> "outcome:quick-fix" [label="Left"];
    "question:mini/second" -> "outcome:call-desk" [label="Right"];
}
"""


def export(*args: str, trees: object = GOOD):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["--trees", str(trees), "export", *args], env={"UEC_HELPER_LANG": "en"})


def test_mermaid_export_of_the_mini_tree() -> None:
    result = export("mini", "--format", "mermaid")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == MINI_MERMAID


def test_mermaid_is_the_default_format() -> None:
    assert export("mini").stdout == MINI_MERMAID


def test_dot_export_of_the_mini_tree() -> None:
    result = export("mini", "--format", "dot")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == MINI_DOT


def test_mermaid_escapes_quotes_and_marks_shared_outcomes() -> None:
    result = export("quoting", trees=QUOTING)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert '    T_quoting(["A #34;quoted#34; tree"])' in lines
    assert '    Q_quoting_ask["Pick [one] #124; #35;1 #60;b#62;?"]' in lines
    assert '    Q_quoting_ask -->|"Say #34;hi#34; \\ bye"| O_local_fix' in lines
    # common-fix is defined in another file than the tree: a subroutine box, dashed, marked "shared".
    assert '    O_common_fix[["Common fix<br/>(shared)"]]' in lines
    assert "    class O_common_fix shared" in lines
    assert "    class O_local_fix outcome" in lines


def test_dot_escapes_quotes_and_backslashes_and_marks_shared_outcomes() -> None:
    lines = export("quoting", "-f", "dot", trees=QUOTING).stdout.splitlines()
    assert '    "tree:quoting" [label="A \\"quoted\\" tree", shape=oval, style=bold];' in lines
    assert '    "question:quoting/ask" -> "outcome:local-fix" [label="Say \\"hi\\" \\\\ bye"];' in lines
    assert (
        '    "outcome:common-fix" [label="Common fix\\n(shared)", shape=box, '
        'style="rounded,filled,dashed", fillcolor="#e8f5e9"];'
    ) in lines


def test_japanese_labels() -> None:
    result = export("quoting", "--lang", "ja", trees=QUOTING)
    assert '    O_common_fix[["共通の対処<br/>(共有)"]]' in result.stdout.splitlines()
    assert '    Q_quoting_ask -->|"こんにちは"| O_local_fix' in result.stdout.splitlines()


def test_json_export_lists_nodes_and_edges() -> None:
    data = json.loads(export("mini", "-f", "json").stdout)
    assert data["name"] == "mini" and data["lang"] == "en"
    assert [(n["id"], n["kind"], n["label"], n["shared"]) for n in data["nodes"]] == [
        ("tree:mini", "tree", "Mini tree", False),
        ("question:mini/first", "question", "First question?", False),
        ("question:mini/second", "question", "Second question?", False),
        ("outcome:quick-fix", "outcome", "Quick fix", False),
        ("outcome:call-desk", "outcome", "Call the desk", False),
    ]
    assert data["edges"][1] == {
        "from": "question:mini/first",
        "to": "question:mini/second",
        "label": "Tell me more",
        "choice": "more",
    }
    assert len(data["edges"]) == 5


def test_export_all_draws_every_tree_once_with_shared_outcomes_once() -> None:
    data = json.loads(export("--all", "-f", "json", trees=FIXTURES / "good").stdout)
    assert [n["id"] for n in data["nodes"] if n["kind"] == "tree"] == ["tree:mini"]
    ids = [n["id"] for n in data["nodes"]]
    assert len(ids) == len(set(ids))


def test_missing_targets_are_drawn_as_missing_nodes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    source = (GOOD / "mini.yaml").read_text(encoding="utf-8").replace("next: second", "next: secnd")
    (tmp_path / "mini.yaml").write_text(source, encoding="utf-8")
    lines = export("mini", trees=tmp_path).stdout.splitlines()
    assert '    X_mini_secnd["? secnd"]' in lines
    assert '    Q_mini_first -->|"Tell me more"| X_mini_secnd' in lines


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "pass a TREE id or --all (not both)"),
        (("mini", "--all"), "pass a TREE id or --all (not both)"),
        (("mini", "-f", "svg"), "--format: unknown format 'svg'; use one of: mermaid, dot, json, html"),
        (("mino",), "unknown tree 'mino'; did you mean 'mini'?"),
    ],
)
def test_export_usage_errors(args: tuple[str, ...], message: str) -> None:
    result = export(*args)
    assert result.exit_code == 2
    assert result.stderr == f"uec-helper: error: {message}\n"


@pytest.mark.skipif(shutil.which("dot") is None, reason="graphviz (dot) is not installed")
@pytest.mark.parametrize(("tree", "folder"), [("mini", GOOD), ("quoting", QUOTING)])
def test_graphviz_parses_the_dot_export(tree: str, folder: object) -> None:
    for lang in ("en", "ja"):
        dot = export(tree, "-f", "dot", "--lang", lang, trees=folder).stdout
        done = subprocess.run(["dot", "-Tsvg"], input=dot, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        assert "<svg" in done.stdout
