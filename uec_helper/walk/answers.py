"""Answers given up front: `--answer Q=C` flags and `--answers-file`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from uec_helper.errors import UsageError
from uec_helper.knowledge.diagnostics import did_you_mean
from uec_helper.knowledge.files import read_capped
from uec_helper.knowledge.loader import yaml_loader
from uec_helper.knowledge.model import KnowledgeBase, Question, Tree
from uec_helper.walk.engine import InvalidAnswer, Move, Walk

if TYPE_CHECKING:
    from yaml import Node

# Answers to every question of every tree fit in a few KB; a FIFO or /dev/zero must not hang a run.
MAX_ANSWERS_BYTES = 1024 * 1024


def parse_answer_flags(flags: list[str]) -> dict[str, str]:
    answers: dict[str, str] = {}
    given: dict[str, str] = {}  # question -> the flag that answered it
    for flag in flags:
        question, sep, choice = flag.partition("=")
        question, choice = question.strip(), choice.strip()
        if not sep or not question or not choice:
            raise UsageError(
                "malformed-answer",
                f"--answer '{flag}': expected QUESTION=CHOICE, e.g. --answer cause=forgot-password",
            )
        if question in given:
            raise UsageError(
                "duplicate-answer",
                f"--answer '{flag}': question '{question}' is already answered by --answer '{given[question]}'; "
                "give each question one --answer",
                question=question,
            )
        given[question] = flag
        answers[question] = choice
    return answers


def read_answers_file(path: Path) -> dict[str, str]:
    """The file's QUESTION: CHOICE pairs, read as the tree loader reads trees:
    raw scalars (`first: yes` is the choice "yes", never the boolean True),
    and a question answered twice is an error naming both lines."""
    import yaml

    try:
        text = read_capped(path, MAX_ANSWERS_BYTES).decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = (exc.strerror or str(exc)) if isinstance(exc, OSError) else "not UTF-8 text"
        raise UsageError("answers-file", f"{path}: cannot read the answers file: {reason}") from exc
    try:
        root = yaml.compose(text, Loader=yaml_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise UsageError("answers-file", f"{where}: invalid YAML in the answers file") from exc
    if root is None:
        return {}
    if not isinstance(root, yaml.MappingNode):
        raise _not_a_mapping(path, root)
    answers: dict[str, str] = {}
    lines: dict[str, int] = {}
    for key, value in root.value:
        if not isinstance(key, yaml.ScalarNode) or not isinstance(value, yaml.ScalarNode):
            raise _not_a_mapping(path, value if isinstance(key, yaml.ScalarNode) else key)
        question, line = key.value.strip(), key.start_mark.line + 1
        if question in lines:
            raise UsageError(
                "duplicate-answer",
                f"{path}:{line}:{key.start_mark.column + 1}: question '{question}' is answered twice "
                f"(first on line {lines[question]}); keep one answer",
                question=question,
            )
        lines[question] = line
        answers[question] = value.value.strip()
    return answers


def _not_a_mapping(path: Path, node: Node) -> UsageError:
    return UsageError(
        "answers-file",
        f"{path}:{node.start_mark.line + 1}:{node.start_mark.column + 1}: the answers file must be a mapping "
        "of QUESTION: CHOICE, e.g. 'cause: forgot-password'",
    )


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
