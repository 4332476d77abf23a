"""Property tests: generated trees, valid and damaged, never crash the tool."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from uec_helper.knowledge.diagnostics import has_errors
from uec_helper.knowledge.loader import index, parse
from uec_helper.knowledge.model import KnowledgeBase
from uec_helper.knowledge.validate import check_knowledge
from uec_helper.walk.engine import Walk

from .conftest import GOOD

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def text(word: str) -> dict[str, str]:
    return {"en": word, "ja": f"{word}(日本語)"}


@st.composite
def valid_tree_files(draw: st.DrawFn) -> dict[str, Any]:
    """A tree whose questions form a DAG in which every question is linked from an earlier one."""
    n_questions = draw(st.integers(1, 6))
    n_outcomes = draw(st.integers(1, 5))
    widths = [draw(st.integers(2, 4)) for _ in range(n_questions)]
    targets: list[list[dict[str, str] | None]] = [[None] * w for w in widths]
    for child in range(1, n_questions):
        parent = draw(st.integers(0, child - 1))
        free = [i for i, t in enumerate(targets[parent]) if t is None]
        if not free:  # every slot of that parent is taken: add one
            targets[parent].append(None)
            free = [len(targets[parent]) - 1]
        targets[parent][draw(st.sampled_from(free))] = {"next": f"q{child}"}
    for q, slots in enumerate(targets):
        for i, slot in enumerate(slots):
            if slot is None:
                later = [f"q{j}" for j in range(q + 1, n_questions)]
                if later and draw(st.booleans()):
                    slots[i] = {"next": draw(st.sampled_from(later))}
                else:
                    slots[i] = {"outcome": f"o{draw(st.integers(0, n_outcomes - 1))}"}
    return {
        "tree": {
            "id": "gen",
            "title": text("Generated"),
            "summary": text("Generated tree"),
            "start": "q0",
            "questions": [
                {
                    "id": f"q{q}",
                    "text": text(f"Question {q}?"),
                    "choices": [{"id": f"c{i}", "label": text(f"Choice {i}"), **slot} for i, slot in enumerate(slots)],
                }
                for q, slots in enumerate(targets)
            ],
        },
        "outcomes": [{"id": f"o{o}", "title": text(f"Outcome {o}"), "body": text("Body")} for o in range(n_outcomes)],
    }


def load_text(source: str) -> tuple[KnowledgeBase, list[Any]]:
    converted = parse(source, "gen.yaml")
    kb, problems = index([converted.tree_file] if converted.tree_file else [], frozenset(converted.unusable_ids))
    return kb, converted.diagnostics + problems + check_knowledge(kb)


def all_walks(walk: Walk, limit: int = 10_000) -> list[Walk]:
    """Every finished walk, answering every choice at every question."""
    finished, pending = [], [walk]
    while pending:
        current = pending.pop()
        assert len(finished) + len(pending) < limit
        if current.finished:
            finished.append(current)
            continue
        assert current.question is not None
        assert len(current.steps) <= len(current.tree.questions)  # no loop: a walk ends
        pending += [current.answer(c.id) for c in current.question.choices]
    return finished


@FAST
@given(valid_tree_files())
def test_generated_valid_trees_validate_clean_and_every_walk_ends(tree_file: dict[str, Any]) -> None:
    kb, diagnostics = load_text(yaml.safe_dump(tree_file, allow_unicode=True))
    assert not has_errors(diagnostics), diagnostics
    tree = kb.trees["gen"]
    walks = all_walks(Walk(kb, tree))
    linked = {c.outcome for q in tree.questions for c in q.choices if c.outcome}
    assert {w.outcome.id for w in walks if w.outcome} == linked  # every linked outcome is reachable


@FAST
@given(valid_tree_files(), st.data())
def test_back_then_the_same_answer_lands_on_the_same_node(tree_file: dict[str, Any], data: st.DataObject) -> None:
    kb, _ = load_text(yaml.safe_dump(tree_file, allow_unicode=True))
    walk = Walk(kb, kb.trees["gen"])
    while not walk.finished:
        assert walk.question is not None
        choice = data.draw(st.sampled_from([c.id for c in walk.question.choices]))
        after = walk.answer(choice)
        assert after.back() == walk
        assert after.back().answer(choice) == after
        walk = after


yaml_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20))
yaml_values = st.recursive(
    yaml_scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)
model_keys = st.sampled_from(
    [
        "tree",
        "outcomes",
        "contacts",
        "id",
        "title",
        "en",
        "ja",
        "start",
        "questions",
        "choices",
        "next",
        "outcome",
        "label",
        "body",
        "steps",
        "text",
        "keywords",
    ]
)


@FAST
@given(st.dictionaries(model_keys, yaml_values, max_size=4) | yaml_values)
def test_random_documents_never_crash_the_loader(document: Any) -> None:
    load_text(yaml.safe_dump(document, allow_unicode=True))


MINI = (GOOD / "mini.yaml").read_text("utf-8")


@FAST
@given(st.integers(0, len(MINI)), st.integers(0, 40), st.text(max_size=8))
def test_damaged_files_never_crash_the_loader(start: int, length: int, insert: str) -> None:
    load_text(MINI[:start] + insert + MINI[start + length :])
