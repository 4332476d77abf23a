"""Answers given up front: `--answer Q=C` flags and `--answers-file`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from uec_helper.errors import Message, UsageError
from uec_helper.file_errors import reason_of
from uec_helper.knowledge.diagnostics import closest, suggestion
from uec_helper.knowledge.files import read_input
from uec_helper.knowledge.loader import yaml_loader
from uec_helper.knowledge.model import KnowledgeBase, Location, Question, Tree
from uec_helper.ui_text import ui_message
from uec_helper.walk.engine import Move, Walk

if TYPE_CHECKING:
    from yaml import Node

# Answers to every question of every tree fit in a few KB; a FIFO or /dev/zero must not hang a run.
MAX_ANSWERS_BYTES = 1024 * 1024


@dataclass(frozen=True)
class AnswerOrigin:
    """Where one answer was given: an --answer flag, or its question's and
    its choice's places in the answers file. An error about the answer
    starts with it, as an error in a tree file does."""

    flag: str | None = None
    question_at: Location | None = None
    choice_at: Location | None = None

    def where(self, about_choice: bool) -> tuple[str, dict[str, Any]]:
        """The message's prefix ("a.yaml:1:8: ", "--answer 'q=c': ") and the
        JSON error's location fields, for an error about the choice or the question."""
        at = self.choice_at if about_choice else self.question_at
        if at is not None:
            return f"{at}: ", at.to_json()
        return (f"--answer '{self.flag}': ", {}) if self.flag is not None else ("", {})


@dataclass(frozen=True)
class GivenAnswers:
    """QUESTION -> CHOICE, and where each was given."""

    choices: dict[str, str] = field(default_factory=dict)
    origins: dict[str, AnswerOrigin] = field(default_factory=dict)

    def __or__(self, later: GivenAnswers) -> GivenAnswers:
        """These answers with `later`'s over them: flags win over the file."""
        return GivenAnswers(self.choices | later.choices, self.origins | later.origins)


def parse_answer_flags(flags: list[str]) -> GivenAnswers:
    answers: dict[str, str] = {}
    given: dict[str, str] = {}  # question -> the flag that answered it
    for flag in flags:
        question, sep, choice = flag.partition("=")
        question, choice = question.strip(), choice.strip()
        if not sep or not question or not choice:
            raise UsageError("malformed-answer", ui_message("err-malformed-answer", flag=flag))
        if question in given:
            raise UsageError(
                "duplicate-answer",
                ui_message("err-answered-by-two-flags", flag=flag, question=question, first=given[question]),
                question=question,
            )
        given[question] = flag
        answers[question] = choice
    return GivenAnswers(answers, {question: AnswerOrigin(flag=flag) for question, flag in given.items()})


def read_answers_file(path: Path) -> GivenAnswers:
    """The file's QUESTION: CHOICE pairs, read as the tree loader reads trees:
    raw scalars (`first: yes` is the choice "yes", never the boolean True),
    and a question answered twice is an error naming both lines."""
    import yaml

    try:
        text = read_input(path, MAX_ANSWERS_BYTES).decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = reason_of(exc) if isinstance(exc, OSError) else ui_message("err-not-utf8")
        said = ui_message("err-answers-file", path=path, reason=reason)
        raise UsageError("answers-file", said, file=str(path)) from exc
    try:
        root = yaml.compose(text, Loader=yaml_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = Location(str(path), mark.line + 1, mark.column + 1) if mark else Location(str(path))
        raise UsageError("answers-file", ui_message("err-answers-yaml", where=at), **at.to_json()) from exc
    if root is None:
        return GivenAnswers()
    if not isinstance(root, yaml.MappingNode):
        raise _not_a_mapping(path, root)
    answers: dict[str, str] = {}
    origins: dict[str, AnswerOrigin] = {}
    lines: dict[str, int] = {}
    for key, value in root.value:
        if not isinstance(key, yaml.ScalarNode) or not isinstance(value, yaml.ScalarNode):
            raise _not_a_mapping(path, value if isinstance(key, yaml.ScalarNode) else key)
        question, key_at = key.value.strip(), _place(path, key)
        if question in lines:
            raise UsageError(
                "duplicate-answer",
                ui_message("err-answered-twice", where=key_at, question=question, line=lines[question]),
                question=question,
                **key_at.to_json(),
            )
        lines[question] = key_at.line
        origins[question] = AnswerOrigin(question_at=key_at, choice_at=_place(path, value))
        answers[question] = value.value.strip()
    return GivenAnswers(answers, origins)


def _place(path: Path, node: Node) -> Location:
    return Location(str(path), node.start_mark.line + 1, node.start_mark.column + 1)


def _not_a_mapping(path: Path, node: Node) -> UsageError:
    at = _place(path, node)
    return UsageError("answers-file", ui_message("err-answers-mapping", where=at), **at.to_json())


def check_answers(
    kb: KnowledgeBase, tree: Tree, answers: dict[str, str], origins: Mapping[str, AnswerOrigin] | None = None
) -> None:
    """Every given answer names a question of the tree (or of a tree it leads
    into) and one of its choices, even a question the walk will not reach: a
    typo never passes silently. The error starts with where the answer was
    given (`origins`)."""
    questions: dict[str, list[Question]] = {}
    for linked in kb.linked_trees(tree):
        for question in linked.questions:
            questions.setdefault(question.id, []).append(question)
    known = list(questions)
    for question_id, choice_id in answers.items():
        origin = (origins or {}).get(question_id, AnswerOrigin())
        candidates = questions.get(question_id, [])
        if candidates and not any(q.choice(choice_id) for q in candidates):
            raise invalid_answer(candidates[0], choice_id, origin)
        if not candidates:
            where, location = origin.where(about_choice=False)
            raise UsageError(
                "unknown-question",
                Message(where)
                + ui_message("err-unknown-question", tree=tree.id, question=question_id)
                + suggestion(question_id, known),
                question=question_id,
                questions=known,
                **location,
            )


def invalid_answer(question: Question, choice_id: str, origin: AnswerOrigin | None = None) -> UsageError:
    choices = [c.id for c in question.choices]
    close = closest(choice_id, choices)
    where, location = (origin or AnswerOrigin()).where(about_choice=True)
    return UsageError(
        "invalid-answer",
        Message(where)
        + ui_message(
            "err-invalid-answer",
            answer=choice_id,
            question=question.id,
            close=ui_message("err-close-answer", close=close) if close is not None else "",
            choices=", ".join(choices),
        ),
        question=question.id,
        answer=choice_id,
        choices=choices,
        **location,
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
