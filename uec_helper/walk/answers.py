"""Answers given up front: `--answer Q=C` flags and `--answers-file`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from uec_helper.errors import UsageError
from uec_helper.knowledge.diagnostics import did_you_mean
from uec_helper.knowledge.files import read_capped
from uec_helper.knowledge.model import KnowledgeBase, Question, Tree
from uec_helper.walk.engine import InvalidAnswer, Move, Walk

# Answers to every question of every tree fit in a few KB; a FIFO or /dev/zero must not hang a run.
MAX_ANSWERS_BYTES = 1024 * 1024


def parse_answer_flags(flags: list[str]) -> dict[str, str]:
    answers: dict[str, str] = {}
    for flag in flags:
        question, sep, choice = flag.partition("=")
        if not sep or not question.strip() or not choice.strip():
            raise UsageError(
                "malformed-answer",
                f"--answer '{flag}': expected QUESTION=CHOICE, e.g. --answer cause=forgot-password",
            )
        answers[question.strip()] = choice.strip()
    return answers


def read_answers_file(path: Path) -> dict[str, str]:
    import yaml

    try:
        text = read_capped(path, MAX_ANSWERS_BYTES).decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = (exc.strerror or str(exc)) if isinstance(exc, OSError) else "not UTF-8 text"
        raise UsageError("answers-file", f"{path}: cannot read the answers file: {reason}") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise UsageError("answers-file", f"{where}: invalid YAML in the answers file") from exc
    if data is None:
        return {}
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str | int) for k, v in data.items()):
        raise UsageError(
            "answers-file",
            f"{path}:1:1: the answers file must be a mapping of QUESTION: CHOICE, e.g. 'cause: forgot-password'",
        )
    return {k: str(v) for k, v in data.items()}


def check_answers(kb: KnowledgeBase, tree: Tree, answers: dict[str, str]) -> None:
    """Every given answer names a question of the tree (or of a tree it leads
    into) and one of its choices, even a question the walk will not reach: a
    typo never passes silently."""
    questions: dict[str, list[Question]] = {}
    for linked in kb.linked_trees(tree):
        for question in linked.questions:
            questions.setdefault(question.id, []).append(question)
    known = list(questions)
    for question_id, choice_id in answers.items():
        candidates = questions.get(question_id, [])
        if candidates and not any(q.choice(choice_id) for q in candidates):
            raise InvalidAnswer(candidates[0], choice_id)
        if not candidates:
            hint = did_you_mean(question_id, known)
            raise UsageError(
                "unknown-question",
                f"tree '{tree.id}' has no question '{question_id}'" + (f"; {hint}" if hint else ""),
                question=question_id,
                questions=known,
            )


class MissingAnswer(Exception):
    def __init__(self, walk: Walk) -> None:
        super().__init__("missing answer")
        self.walk = walk


class ScriptedAnswerer:
    """Answers from a mapping, each answer used once so Back can re-ask;
    asks `fallback` (a person) for the rest, or raises MissingAnswer."""

    def __init__(self, answers: dict[str, str], fallback: Callable[[Walk], str | Move] | None = None) -> None:
        self.pending = dict(answers)
        self.fallback = fallback

    def __call__(self, walk: Walk) -> str | Move:
        question = walk.question
        assert question is not None
        if question.id in self.pending:
            return self.pending.pop(question.id)
        if self.fallback is None:
            raise MissingAnswer(walk)
        return self.fallback(walk)
