"""Trees that lead into other trees (`tree:` on a choice)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from uec_helper.cli import app
from uec_helper.knowledge.model import KnowledgeBase
from uec_helper.walk.engine import Walk

from .builders import DONE_OUTCOME, chain_tree
from .conftest import FIXTURES, clean_knowledge

CHAIN = FIXTURES / "chain"
runner = CliRunner()


@pytest.fixture(scope="module")
def chain_kb() -> KnowledgeBase:
    return clean_knowledge(CHAIN)


def test_a_choice_can_lead_into_another_trees_start(chain_kb: KnowledgeBase) -> None:
    walk = Walk(chain_kb, chain_kb.trees["entry"]).answer("detail")
    assert walk.current_tree is chain_kb.trees["detail"]
    assert walk.question is not None and walk.question.id == "which"
    walk = walk.answer("this")
    assert walk.outcome is not None and walk.outcome.id == "fix-this"
    assert walk.tree.id == "entry" and walk.answers == {"where": "detail", "which": "this"}


def test_back_crosses_the_tree_boundary(chain_kb: KnowledgeBase) -> None:
    walk = Walk(chain_kb, chain_kb.trees["entry"]).answer("detail").back()
    assert walk.current_tree is chain_kb.trees["entry"]
    assert walk.question is not None and walk.question.id == "where"


def test_linked_trees_are_found_transitively_once(chain_kb: KnowledgeBase) -> None:
    assert [t.id for t in chain_kb.linked_trees(chain_kb.trees["entry"])] == ["entry", "detail"]
    assert [t.id for t in chain_kb.linked_trees(chain_kb.trees["detail"])] == ["detail"]


def test_scripted_diagnose_and_replay_go_through_both_trees() -> None:
    result = runner.invoke(
        app, ["--trees", str(CHAIN), "diagnose", "entry", "-a", "where=detail", "-a", "which=that", "--json"]
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["outcome"]["id"] == "ask-desk"
    assert [step["question"] for step in data["path"]] == ["where", "which"]
    assert data["replay"] == f"uec-helper --trees {CHAIN} diagnose entry --answer where=detail --answer which=that"


def test_missing_answer_in_the_linked_tree_lists_its_choices() -> None:
    result = runner.invoke(app, ["--trees", str(CHAIN), "diagnose", "entry", "-a", "where=detail", "--json"])
    assert result.exit_code == 2
    error = json.loads(result.stdout)["error"]
    assert (error["question"], error["choices"]) == ("which", ["this", "that"])


def test_answers_for_a_linked_trees_questions_are_checked() -> None:
    result = runner.invoke(app, ["--trees", str(CHAIN), "diagnose", "entry", "-a", "which=thsi", "--json"])
    assert result.exit_code == 2
    assert "did you mean 'this'?" in json.loads(result.stdout)["error"]["message"]


def test_diagnose_refuses_an_entry_tree_whose_linked_tree_is_broken(tmp_path: Path) -> None:
    shutil.copy(CHAIN / "entry.yaml", tmp_path)
    detail = (CHAIN / "detail.yaml").read_text("utf-8").replace("outcome: fix-this", "outcome: fix-thsi")
    (tmp_path / "detail.yaml").write_text(detail, "utf-8")
    result = runner.invoke(app, ["--trees", str(tmp_path), "diagnose", "entry", "-a", "where=elsewhere"])
    assert result.exit_code == 1
    assert "tree 'entry' has errors and cannot be used" in result.stderr
    assert "outcome 'fix-thsi' does not exist" in result.stderr


def test_show_marks_the_link_to_the_other_tree() -> None:
    result = runner.invoke(app, ["--trees", str(CHAIN), "show", "entry"])
    assert "↪ Detail  [detail]" in result.stdout


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            ("tree: detail", "tree: detial"),
            "entry.yaml:13:17: error: tree 'detial' does not exist (did you mean 'detail'?) [missing-tree]",
        ),
        (
            ("          outcome: ask-desk\n\noutcomes", "          tree: entry\n\noutcomes"),
            "detail.yaml:15:17: error: choice 'that' of 'which' leads into tree 'entry', which leads back into "
            "'detail', making a loop (a walk must always move towards an outcome) [cycle]",
        ),
        (
            ("    - id: which", "    - id: where"),
            "entry.yaml:13:17: error: tree 'entry' and tree 'detail', which it leads into, both have a question "
            "'where' (rename one: answers are given by question id) [question-id-clash]",
        ),
    ],
    ids=["missing-tree", "loop-through-trees", "question-id-clash"],
)
def test_broken_links_between_trees_are_reported(
    edit: tuple[str, str], expected: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("entry.yaml", "detail.yaml"):
        text = (CHAIN / name).read_text("utf-8")
        (tmp_path / name).write_text(text.replace(*edit) if edit[0] in text else text, "utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["validate", "."])
    assert result.exit_code == 1
    assert expected in result.stdout.splitlines()


def test_depth_counts_the_questions_of_the_trees_a_tree_leads_into(tmp_path: Path) -> None:
    (tmp_path / "first.yaml").write_text(chain_tree("first", 4, "tree: second"), "utf-8")
    (tmp_path / "second.yaml").write_text(
        chain_tree("second", 4, "outcome: done") + DONE_OUTCOME,
        "utf-8",
    )
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"{tmp_path / 'first.yaml'}:5:10: warning: a path through tree 'first' asks 8 questions (more than 7) "
        "(callers give up on deep trees: ask less, or split a branch into a tree of its own) [too-deep]",
        "0 errors, 1 warning in 1 file",
    ]
