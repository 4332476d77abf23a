"""Search hits as typed views: what `search --json` prints and the rich view reads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from uec_helper.knowledge.model import KnowledgeBase, Lang
from uec_helper.search.index import Hit, Kind, Reason
from uec_helper.ui_text import ui
from uec_helper.views import NO_REPLAY_FLAGS, OutcomeView, ReplaySettings, outcome_view, replay_command

WHY_MAX_CHARS = 60


def why_line(reason: Reason, lang: Lang) -> str:
    """One line saying which text matched, shortened to fit a terminal line."""
    text = " ".join(reason.text.split())
    if len(text) > WHY_MAX_CHARS:
        text = text[: WHY_MAX_CHARS - 1].rstrip() + "…"
    return ui(f"why-{reason.field}", lang).format(text=text)


@dataclass(frozen=True)
class HitView:
    kind: Kind
    id: str
    tree: str
    title: str
    tree_title: str
    score: float
    answers: dict[str, str]
    why: str
    replay: str
    outcome: OutcomeView | None  # for an outcome hit: what diagnose would show

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": self.kind,
            "id": self.id,
            "tree": self.tree,
            "title": self.title,
            "tree_title": self.tree_title,
            "score": self.score,
            "answers": self.answers,
            "why": self.why,
            "replay": self.replay,
        }
        if self.outcome is not None:
            data["outcome"] = self.outcome.to_json()
        return data


@dataclass(frozen=True)
class SearchView:
    query: str
    lang: Lang  # of the results: the query's own when it clearly is the other one
    results: tuple[HitView, ...]
    query_lang: Lang | None = None  # None: no clear language (mixed, or no words)
    note: str | None = None  # one line on the language of the results

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "lang": self.lang,
            "results": [hit.to_json() for hit in self.results],
            "query_lang": self.query_lang,
            "note": self.note,
        }


def hit_view(kb: KnowledgeBase, hit: Hit, lang: Lang, replay: ReplaySettings = NO_REPLAY_FLAGS) -> HitView:
    tree = kb.trees[hit.tree]
    outcome = kb.outcomes[hit.id] if hit.kind == "outcome" else None
    return HitView(
        kind=hit.kind,
        id=hit.id,
        tree=hit.tree,
        title=(outcome.title if outcome else tree.title).get(lang),
        tree_title=tree.title.get(lang),
        score=hit.score,
        answers=hit.answers,
        why=why_line(hit.reason, lang),
        replay=replay_command(hit.tree, hit.answers, replay),
        outcome=outcome_view(kb, outcome, lang) if outcome else None,
    )


def search_view(
    kb: KnowledgeBase,
    query: str,
    hits: list[Hit],
    lang: Lang,
    query_lang: Lang | None = None,
    note: str | None = None,
    replay: ReplaySettings = NO_REPLAY_FLAGS,
) -> SearchView:
    """`replay`: what each hit's replay command adds (--lang when the results
    are not in the default language), as diagnose's replay line has it."""
    return SearchView(query, lang, tuple(hit_view(kb, hit, lang, replay) for hit in hits), query_lang, note)
