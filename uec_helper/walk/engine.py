"""The walk through a tree: pure state, no I/O.

A ``Walk`` is immutable: answering returns a new walk, so going back is just
dropping the last step (a snapshot, never a replay of earlier answers).
Whoever answers (a person, a script, a helpdesk agent) drives the same walk
through ``run``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from uec_helper.knowledge.model import Choice, KnowledgeBase, Outcome, Question, Tree


class Move(Enum):
    """What an answerer may say instead of picking a choice."""

    BACK = "back"
    START_OVER = "start-over"


class InvalidAnswer(Exception):
    def __init__(self, question: Question, choice_id: str) -> None:
        super().__init__(f"'{choice_id}' is not a choice of question '{question.id}'")
        self.question = question
        self.choice_id = choice_id


@dataclass(frozen=True)
class Step:
    tree: Tree  # the tree the question belongs to (a walk may go on into another tree)
    question: Question
    choice: Choice


@dataclass(frozen=True)
class Walk:
    kb: KnowledgeBase
    tree: Tree
    steps: tuple[Step, ...] = ()

    @property
    def current_tree(self) -> Tree | None:
        """The tree of the question waiting for an answer, None once at an outcome."""
        if not self.steps:
            return self.tree
        last = self.steps[-1]
        if last.choice.next:
            return last.tree
        return self.kb.trees[last.choice.tree] if last.choice.tree else None

    @property
    def question(self) -> Question | None:
        """The question waiting for an answer, or None once at an outcome."""
        tree = self.current_tree
        if tree is None:
            return None
        last = self.steps[-1].choice if self.steps else None
        return self._question(tree, last.next if last is not None and last.next else tree.start)

    @property
    def outcome(self) -> Outcome | None:
        if not self.steps:
            return None
        last = self.steps[-1].choice
        return self.kb.outcomes[last.outcome] if last.outcome else None

    @property
    def finished(self) -> bool:
        return self.outcome is not None

    @property
    def answers(self) -> dict[str, str]:
        """The path as question id -> choice id, in order (replayable)."""
        return {step.question.id: step.choice.id for step in self.steps}

    def answer(self, choice_id: str) -> Walk:
        tree, question = self.current_tree, self.question
        if tree is None or question is None:
            raise RuntimeError("the walk has already reached an outcome")
        choice = question.choice(choice_id)
        if choice is None:
            raise InvalidAnswer(question, choice_id)
        return Walk(self.kb, self.tree, (*self.steps, Step(tree, question, choice)))

    def back(self) -> Walk:
        return Walk(self.kb, self.tree, self.steps[:-1])

    def start_over(self) -> Walk:
        return Walk(self.kb, self.tree)

    def apply(self, move: str | Move) -> Walk:
        if move is Move.BACK:
            return self.back()
        if move is Move.START_OVER:
            return self.start_over()
        return self.answer(move)

    @staticmethod
    def _question(tree: Tree, question_id: str) -> Question:
        question = tree.question(question_id)
        if question is None:  # validation rules this out before any walk
            raise LookupError(f"tree '{tree.id}' has no question '{question_id}'")
        return question


Answerer = Callable[[Walk], "str | Move"]
"""Given a walk waiting at a question, returns a choice id or a Move."""


def run(walk: Walk, answerer: Answerer) -> Walk:
    """Ask until the walk reaches an outcome; the answerer may raise to stop."""
    while not walk.finished:
        walk = walk.apply(answerer(walk))
    return walk
