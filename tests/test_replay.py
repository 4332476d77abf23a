"""Every outcome of the shipped trees can be reached again from its replay command.

Everything is computed from the loaded trees, so new trees are covered as they land.
"""

from __future__ import annotations

import json
import shlex
from collections import deque

import pytest
from typer.testing import CliRunner

from uec_helper.cli import app
from uec_helper.knowledge.loader import load_folder
from uec_helper.knowledge.model import KnowledgeBase

from .conftest import GOOD, SHIPPED_TREES

runner = CliRunner()


def first_paths(kb: KnowledgeBase) -> dict[str, tuple[str, dict[str, str]]]:
    """Outcome id -> (tree id, answers) of a shortest path to it, by breadth-first search."""
    found: dict[str, tuple[str, dict[str, str]]] = {}
    for tree in sorted(kb.trees.values(), key=lambda t: t.id):
        queue: deque[tuple[str, dict[str, str]]] = deque([(tree.start, {})])
        while queue:
            question_id, answers = queue.popleft()
            question = tree.question(question_id)
            assert question is not None, f"{tree.id}: no question '{question_id}'"
            for choice in question.choices:
                path = {**answers, question.id: choice.id}
                if choice.outcome:
                    found.setdefault(choice.outcome, (tree.id, path))
                elif choice.next and choice.next not in path:
                    queue.append((choice.next, path))
    return found


SHIPPED = load_folder(SHIPPED_TREES).knowledge
PATHS = first_paths(SHIPPED)


def diagnose_json(args: list[str]) -> dict[str, object]:
    result = runner.invoke(app, ["--trees", str(SHIPPED_TREES), *args, "--json"], env={"UEC_HELPER_LANG": "en"})
    assert result.exit_code == 0, result.stdout + result.stderr
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_every_outcome_a_tree_leads_to_has_a_path() -> None:
    referenced = {c.outcome for t in SHIPPED.trees.values() for q in t.questions for c in q.choices if c.outcome}
    assert referenced and set(PATHS) == referenced


@pytest.mark.parametrize("outcome_id", sorted(PATHS))
def test_replay_command_reaches_the_same_outcome(outcome_id: str) -> None:
    tree_id, answers = PATHS[outcome_id]
    flags = [word for q, c in answers.items() for word in ("--answer", f"{q}={c}")]
    first = diagnose_json(["diagnose", tree_id, *flags])
    assert first["outcome"]["id"] == outcome_id  # type: ignore[index]
    words = shlex.split(str(first["replay"]))
    assert words[:3] == ["uec-helper", "diagnose", tree_id]
    again = diagnose_json(words[1:])
    assert again["outcome"]["id"] == outcome_id  # type: ignore[index]
    assert again["replay"] == first["replay"]


def test_replay_names_the_language_when_it_is_not_the_default() -> None:
    tree_id, answers = PATHS[min(PATHS)]
    flags = [word for q, c in answers.items() for word in ("--answer", f"{q}={c}")]
    data = diagnose_json(["diagnose", tree_id, *flags, "--lang", "ja"])
    assert data["replay"] == shlex.join(["uec-helper", "diagnose", tree_id, "--lang", "ja", *flags])
    assert diagnose_json(["diagnose", tree_id, *flags, "--lang", "en"])["replay"] == shlex.join(
        ["uec-helper", "diagnose", tree_id, *flags]
    )


def test_replay_names_the_trees_folder_when_it_is_not_the_shipped_one() -> None:
    result = runner.invoke(
        app, ["--trees", str(GOOD), "diagnose", "mini", "-a", "first=done", "--json"], env={"UEC_HELPER_LANG": "en"}
    )
    assert json.loads(result.stdout)["replay"] == f"uec-helper --trees {GOOD} diagnose mini --answer first=done"
