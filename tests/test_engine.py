from __future__ import annotations

import pytest

from uec_helper.knowledge.model import KnowledgeBase
from uec_helper.walk.engine import InvalidAnswer, Move, Walk, run


def test_walk_starts_at_the_start_question(mini_kb: KnowledgeBase) -> None:
    walk = Walk(mini_kb, mini_kb.trees["mini"])
    assert walk.question is not None and walk.question.id == "first"
    assert walk.outcome is None and not walk.finished


def test_answer_leads_to_next_question_then_outcome(mini_kb: KnowledgeBase) -> None:
    walk = Walk(mini_kb, mini_kb.trees["mini"]).answer("more")
    assert walk.question is not None and walk.question.id == "second"
    walk = walk.answer("right")
    assert walk.finished and walk.outcome is not None and walk.outcome.id == "call-desk"
    assert walk.question is None
    assert walk.answers == {"first": "more", "second": "right"}


def test_back_returns_to_previous_question(mini_kb: KnowledgeBase) -> None:
    walk = Walk(mini_kb, mini_kb.trees["mini"]).answer("more").back()
    assert walk.question is not None and walk.question.id == "first"
    assert walk.steps == ()


def test_back_then_same_answer_lands_on_same_node(mini_kb: KnowledgeBase) -> None:
    walk = Walk(mini_kb, mini_kb.trees["mini"]).answer("more")
    assert walk.back().answer("more") == walk


def test_start_over_clears_the_path(mini_kb: KnowledgeBase) -> None:
    walk = Walk(mini_kb, mini_kb.trees["mini"]).answer("more").answer("left").start_over()
    assert walk.steps == () and walk.question is not None and walk.question.id == "first"


def test_invalid_answer_names_question_and_choice(mini_kb: KnowledgeBase) -> None:
    with pytest.raises(InvalidAnswer) as caught:
        Walk(mini_kb, mini_kb.trees["mini"]).answer("nope")
    assert caught.value.question.id == "first" and caught.value.choice_id == "nope"


def test_answering_after_the_outcome_is_refused(mini_kb: KnowledgeBase) -> None:
    walk = Walk(mini_kb, mini_kb.trees["mini"]).answer("done")
    with pytest.raises(RuntimeError):
        walk.answer("done")


def test_run_drives_any_answerer_including_moves(mini_kb: KnowledgeBase) -> None:
    script: list[str | Move] = ["more", Move.BACK, "more", Move.START_OVER, "done"]
    seen: list[str] = []

    def answerer(walk: Walk) -> str | Move:
        assert walk.question is not None
        seen.append(walk.question.id)
        return script.pop(0)

    walk = run(Walk(mini_kb, mini_kb.trees["mini"]), answerer)
    assert walk.outcome is not None and walk.outcome.id == "quick-fix"
    assert seen == ["first", "second", "first", "second", "first"]
