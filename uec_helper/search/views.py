"""Search hits as plain data: what `search --json` prints and the rich view reads."""

from __future__ import annotations

from typing import Any

from uec_helper.knowledge.model import KnowledgeBase, Lang
from uec_helper.search.index import Hit, Reason
from uec_helper.ui_text import ui
from uec_helper.views import outcome_view, replay_command

WHY_MAX_CHARS = 60


def why_line(reason: Reason, lang: Lang) -> str:
    """One line saying which text matched, shortened to fit a terminal line."""
    text = " ".join(reason.text.split())
    if len(text) > WHY_MAX_CHARS:
        text = text[: WHY_MAX_CHARS - 1].rstrip() + "…"
    return ui(f"why-{reason.field}", lang).format(text=text)


def hit_view(kb: KnowledgeBase, hit: Hit, lang: Lang) -> dict[str, Any]:
    tree = kb.trees[hit.tree]
    view: dict[str, Any] = {
        "kind": hit.kind,
        "id": hit.id,
        "tree": hit.tree,
        "title": (tree.title if hit.kind == "tree" else kb.outcomes[hit.id].title).get(lang),
        "tree_title": tree.title.get(lang),
        "score": hit.score,
        "answers": hit.answers,
        "why": why_line(hit.reason, lang),
        "replay": replay_command(hit.tree, hit.answers),
    }
    if hit.kind == "outcome":
        view["outcome"] = outcome_view(kb, kb.outcomes[hit.id], lang)
    return view


def search_view(kb: KnowledgeBase, query: str, hits: list[Hit], lang: Lang) -> dict[str, Any]:
    return {"query": query, "lang": lang, "results": [hit_view(kb, hit, lang) for hit in hits]}
