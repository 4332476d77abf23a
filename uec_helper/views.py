"""One walk, several views: the plain data every renderer starts from."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from uec_helper.knowledge.model import Contact, KnowledgeBase, Lang, Outcome, SeeAlso
from uec_helper.walk.engine import Walk


def contact_view(contact: Contact, lang: Lang) -> dict[str, Any]:
    return {
        "id": contact.id,
        "name": contact.name.get(lang),
        "email": contact.email,
        "phone": contact.phone,
        "extension": contact.extension,
        "location": contact.location.get(lang) if contact.location else None,
        "url": contact.url,
    }


def outcome_view(kb: KnowledgeBase, outcome: Outcome, lang: Lang) -> dict[str, Any]:
    return {
        "id": outcome.id,
        "title": outcome.title.get(lang),
        "body": outcome.body.get(lang),
        "steps": [step.get(lang) for step in outcome.steps],
        "warnings": [w.get(lang) for w in outcome.warnings],
        "contacts": [contact_view(kb.contacts[c], lang) for c in outcome.contacts],
        "see_also": [{"title": s.title.get(lang), "url": s.url} for s in own_language_first(outcome.see_also, lang)],
    }


def own_language_first(documents: list[SeeAlso], lang: Lang) -> list[SeeAlso]:
    """Pages in the reader's language (or of no stated language) before the others, each group in file order."""
    return sorted(documents, key=lambda document: document.lang not in (None, lang))


@dataclass(frozen=True)
class ReplaySettings:
    """What a replay command must add to reproduce what the user saw."""

    trees: Path | None = None  # the trees folder, when not the shipped one
    lang: Lang | None = None  # the language, when not the default one


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


def path_view(walk: Walk, lang: Lang) -> list[dict[str, str]]:
    return [
        {
            "question": step.question.id,
            "text": step.question.text.get(lang),
            "choice": step.choice.id,
            "label": step.choice.label.get(lang),
        }
        for step in walk.steps
    ]


def walk_view(walk: Walk, lang: Lang, replay: ReplaySettings = ReplaySettings()) -> dict[str, Any]:
    outcome = walk.outcome
    return {
        "tree": walk.tree.id,
        "lang": lang,
        "path": path_view(walk, lang),
        "outcome": outcome_view(walk.kb, outcome, lang) if outcome else None,
        "replay": replay_command(walk.tree.id, walk.answers, replay),
    }
