"""One walk, several views: the typed data every renderer starts from; each
view's `to_json()` is the JSON contract (docs/scripting.md)."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from uec_helper.knowledge.model import Contact, KnowledgeBase, Lang, Outcome, SeeAlso

if TYPE_CHECKING:  # search results are views too, and `search` starts without the walk
    from uec_helper.walk.engine import Walk


@dataclass(frozen=True)
class ContactView:
    id: str
    name: str
    email: str | None
    phone: str | None
    extension: str | None
    location: str | None
    url: str | None

    def fields(self) -> list[tuple[str, str | None]]:
        """(UI text key, value) of each field a person reads, in column order."""
        return [
            ("name", self.name),
            ("email", self.email),
            ("phone", self.phone),
            ("extension", self.extension),
            ("location", self.location),
            ("url", self.url),
        ]

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, **dict(self.fields())}


@dataclass(frozen=True)
class DocumentView:
    title: str
    url: str | None

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title, "url": self.url}


@dataclass(frozen=True)
class OutcomeView:
    id: str
    title: str
    body: str
    steps: tuple[str, ...]
    warnings: tuple[str, ...]
    contacts: tuple[ContactView, ...]
    see_also: tuple[DocumentView, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "body": self.body,
            "steps": list(self.steps),
            "warnings": list(self.warnings),
            "contacts": [contact.to_json() for contact in self.contacts],
            "see_also": [document.to_json() for document in self.see_also],
        }


def contact_view(contact: Contact, lang: Lang) -> ContactView:
    return ContactView(
        id=contact.id,
        name=contact.name.get(lang),
        email=contact.email,
        phone=contact.phone,
        extension=contact.extension,
        location=contact.location.get(lang) if contact.location else None,
        url=contact.url,
    )


def outcome_view(kb: KnowledgeBase, outcome: Outcome, lang: Lang) -> OutcomeView:
    return OutcomeView(
        id=outcome.id,
        title=outcome.title.get(lang),
        body=outcome.body.get(lang),
        steps=tuple(step.get(lang) for step in outcome.steps),
        warnings=tuple(w.get(lang) for w in outcome.warnings),
        contacts=tuple(contact_view(kb.contacts[c], lang) for c in outcome.contacts),
        see_also=tuple(DocumentView(s.title.get(lang), s.url) for s in own_language_first(outcome.see_also, lang)),
    )


def own_language_first(documents: list[SeeAlso], lang: Lang) -> list[SeeAlso]:
    """Pages in the reader's language (or of no stated language) before the others, each group in file order."""
    return sorted(documents, key=lambda document: document.lang not in (None, lang))


@dataclass(frozen=True)
class ReplaySettings:
    """What a replay command must add to reproduce what the user saw."""

    trees: Path | None = None  # the trees folder, when not the shipped one
    lang: Lang | None = None  # the language, when not the default one


NO_REPLAY_FLAGS = ReplaySettings()  # the shipped trees in the default language


def replay_settings(trees: Path, lang: Lang) -> ReplaySettings:
    """What a replay command adds to walk `trees` in `lang` again (diagnose's
    and search's alike): --trees unless the trees are the shipped ones, --lang
    unless it is the default."""
    from uec_helper.knowledge.paths import shipped_trees_folder
    from uec_helper.ui_text import LanguageError, default_lang

    try:
        default = default_lang()
    except LanguageError:  # a bad UEC_HELPER_LANG: only --lang reproduces the language
        default = None
    shipped = trees.resolve() == shipped_trees_folder().resolve()
    return ReplaySettings(None if shipped else trees.resolve(), None if lang == default else lang)


def replay_command(tree_id: str, answers: dict[str, str], settings: ReplaySettings = ReplaySettings()) -> str:
    """The command line that walks the same path again."""
    words = ["uec-helper"]
    if settings.trees is not None:
        words += ["--trees", str(settings.trees)]
    words += ["diagnose", tree_id]
    if settings.lang is not None:
        words += ["--lang", settings.lang]
    for question_id, choice_id in answers.items():
        words += ["--answer", f"{question_id}={choice_id}"]
    return shlex.join(words)


@dataclass(frozen=True)
class StepView:
    """One answered question on the path."""

    question: str
    text: str
    choice: str
    label: str

    def to_json(self) -> dict[str, Any]:
        return {"question": self.question, "text": self.text, "choice": self.choice, "label": self.label}


@dataclass(frozen=True)
class WalkView:
    """A walk as the user saw it: the path, the outcome once reached, and the
    command that walks it again."""

    tree: str
    lang: Lang
    path: tuple[StepView, ...]
    outcome: OutcomeView | None
    replay: str

    def to_json(self) -> dict[str, Any]:
        return {
            "tree": self.tree,
            "lang": self.lang,
            "path": [step.to_json() for step in self.path],
            "outcome": self.outcome.to_json() if self.outcome else None,
            "replay": self.replay,
        }

    def reached(self) -> OutcomeView:
        """The outcome of a finished walk, the only kind the renderers get."""
        if self.outcome is None:
            raise ValueError(f"the walk of tree '{self.tree}' has not reached an outcome")
        return self.outcome


def walk_view(walk: Walk, lang: Lang, replay: ReplaySettings = ReplaySettings()) -> WalkView:
    path = tuple(
        StepView(step.question.id, step.question.text.get(lang), step.choice.id, step.choice.label.get(lang))
        for step in walk.steps
    )
    outcome = walk.outcome
    return WalkView(
        tree=walk.tree.id,
        lang=lang,
        path=path,
        outcome=outcome_view(walk.kb, outcome, lang) if outcome else None,
        replay=replay_command(walk.tree.id, walk.answers, replay),
    )
