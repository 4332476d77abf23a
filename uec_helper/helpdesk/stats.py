"""What the session log says: which problems callers have most, how calls end.

A typed view (`StatsView.to_json()` is what `stats --json` prints); `stats_view` draws it. One pass over the sessions,
keeping counts and durations only, so a log of any size is read in bounded
memory: durations are counted by value too (the log keeps tenths of a
second), which is all the median needs.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from uec_helper.helpdesk.log import LoggedSession
from uec_helper.knowledge.model import KnowledgeBase, Lang

Key = TypeVar("Key", bound=Hashable)


def _ranked(counts: Counter[Key]) -> list[tuple[Key, int]]:
    """Counts, most common first; ties in order of the key's text."""
    return sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def _median(durations: Counter[float]) -> float | None:
    """The median of the counted values: the middle one, or the mean of the middle two."""
    total = durations.total()
    if not total:
        return None
    wanted = {(total - 1) // 2, total // 2}  # positions in sorted order
    middle: list[float] = []
    seen = 0
    for value in sorted(durations):
        seen += durations[value]
        while wanted and min(wanted) < seen:
            wanted.discard(min(wanted))
            middle.append(value)
        if not wanted:
            break
    return middle[0] if len(middle) == 1 else (middle[0] + middle[1]) / 2


@dataclass(frozen=True)
class OutcomeResolution:
    """How the calls that reached one outcome ended, of those with a resolution."""

    outcome: str
    with_resolution: int
    resolved: int

    @property
    def resolved_rate(self) -> float | None:
        return _rate(self.resolved, self.with_resolution)


@dataclass(frozen=True)
class Names:
    """Titles of trees and outcomes and texts of questions in one language,
    for ids the trees still have (`names_for`)."""

    trees: dict[str, str] = field(default_factory=dict)
    outcomes: dict[str, str] = field(default_factory=dict)
    questions: dict[tuple[str, str], str] = field(default_factory=dict)

    def tree(self, tree: str | None) -> str | None:
        return self.trees.get(tree, tree) if tree else tree

    def outcome(self, outcome: str) -> str:
        return self.outcomes.get(outcome, outcome)

    def question(self, tree: str | None, question: str | None) -> str | None:
        return self.questions.get((tree, question), question) if tree and question else question


@dataclass(frozen=True)
class StatsView:
    """The summary `stats` prints; ranked lists hold (key, count), most common first."""

    sessions: int
    finished: int
    with_resolution: int
    resolutions: dict[str, int]  # yes, no, escalated
    unresolved_rate: float | None
    escalated_rate: float | None
    median_duration_s: float | None
    trees: list[tuple[str, int]]
    outcomes: list[tuple[str, int]]
    abandoned_at: list[tuple[tuple[str | None, str | None], int]]  # (tree, question)
    unmatched: int = 0  # sessions whose search found nothing: no walk was started
    searches: int = 0
    top_chosen_rate: float | None = None  # of the searches, those whose top result was taken
    unmatched_queries: list[tuple[str, int]] = field(default_factory=list)
    abandoned_queries: list[tuple[str, int]] = field(default_factory=list)
    outcome_resolution: list[OutcomeResolution] = field(default_factory=list)
    caller_langs: list[tuple[str, int]] = field(default_factory=list)
    names: Names = field(default_factory=Names)

    @property
    def abandoned(self) -> int:
        return self.sessions - self.finished - self.unmatched

    def to_json(self) -> dict[str, Any]:
        names = self.names
        return {
            "sessions": self.sessions,
            "finished": self.finished,
            "abandoned": self.abandoned,
            "unmatched": self.unmatched,
            "searches": self.searches,
            "top_chosen_rate": self.top_chosen_rate,
            "with_resolution": self.with_resolution,
            "resolutions": self.resolutions,
            "unresolved_rate": self.unresolved_rate,
            "escalated_rate": self.escalated_rate,
            "median_duration_s": self.median_duration_s,
            "trees": [{"tree": tree, "count": n, "title": names.tree(tree)} for tree, n in self.trees],
            "outcomes": [
                {"outcome": outcome, "count": n, "title": names.outcome(outcome)} for outcome, n in self.outcomes
            ],
            "abandoned_at": [
                {
                    "tree": tree,
                    "question": question,
                    "count": n,
                    "title": names.tree(tree),
                    "question_text": names.question(tree, question),
                }
                for (tree, question), n in self.abandoned_at
            ],
            "unmatched_queries": [{"query": query, "count": n} for query, n in self.unmatched_queries],
            "abandoned_queries": [{"query": query, "count": n} for query, n in self.abandoned_queries],
            "outcome_resolution": [
                {
                    "outcome": row.outcome,
                    "with_resolution": row.with_resolution,
                    "resolved": row.resolved,
                    "resolved_rate": row.resolved_rate,
                    "title": names.outcome(row.outcome),
                }
                for row in self.outcome_resolution
            ],
            "caller_langs": [{"lang": lang, "count": n} for lang, n in self.caller_langs],
        }


def selected(sessions: Iterable[LoggedSession], mode: str | None, since: date | None) -> Iterator[LoggedSession]:
    """The sessions of one mode (user, agent, scripted) and from a day on; a
    record without a readable time is left out when a day is asked for."""
    for session in sessions:
        if mode is not None and session.mode != mode:
            continue
        if since is not None and (session.time is None or session.time.date() < since):
            continue
        yield session


def _query_key(query: str) -> str:
    """Queries that differ only in case and spacing are one query."""
    return " ".join(query.casefold().split())


def session_stats(sessions: Iterable[LoggedSession]) -> StatsView:
    count = finished = unmatched = searches = top_chosen = 0
    resolutions: Counter[str] = Counter()
    durations: Counter[float] = Counter()
    trees: Counter[str] = Counter()
    outcomes: Counter[str] = Counter()
    abandoned_at: Counter[tuple[str | None, str | None]] = Counter()
    by_outcome: dict[str, Counter[str]] = defaultdict(Counter)
    unmatched_queries: Counter[str] = Counter()
    abandoned_queries: Counter[str] = Counter()
    caller_langs: Counter[str] = Counter()
    for session in sessions:
        count += 1
        durations[session.duration_s] += 1
        if session.caller_lang:
            caller_langs[session.caller_lang] += 1
        for search in session.searches:
            searches += 1
            top_chosen += search.chosen
            if search.top is None:
                unmatched_queries[_query_key(search.query)] += 1
        if session.tree:
            trees[session.tree] += 1
        if session.outcome is None:
            if session.tree is None and session.searches and session.searches[-1].top is None:
                unmatched += 1  # the search found nothing: no walk to abandon
                continue
            abandoned_at[session.tree, session.stopped_at] += 1
            abandoned_queries.update(_query_key(s.query) for s in session.searches if s.top is not None)
            continue
        finished += 1
        outcomes[session.outcome] += 1
        if session.resolution:
            resolutions[session.resolution] += 1
            by_outcome[session.outcome][session.resolution] += 1
    with_resolution = sum(resolutions.values())
    resolved_outcomes = _ranked(Counter({outcome: counts.total() for outcome, counts in by_outcome.items()}))
    return StatsView(
        sessions=count,
        finished=finished,
        with_resolution=with_resolution,
        resolutions={key: resolutions[key] for key in ("yes", "no", "escalated")},
        unresolved_rate=_rate(resolutions["no"], with_resolution),
        escalated_rate=_rate(resolutions["escalated"], with_resolution),
        median_duration_s=_median(durations),
        trees=_ranked(trees),
        outcomes=_ranked(outcomes),
        abandoned_at=_ranked(abandoned_at),
        unmatched=unmatched,
        searches=searches,
        top_chosen_rate=_rate(top_chosen, searches),
        unmatched_queries=_ranked(unmatched_queries),
        abandoned_queries=_ranked(abandoned_queries),
        outcome_resolution=[OutcomeResolution(o, n, by_outcome[o]["yes"]) for o, n in resolved_outcomes],
        caller_langs=_ranked(caller_langs),
    )


def names_for(stats: StatsView, kb: KnowledgeBase, lang: Lang) -> Names:
    """The titles and question texts `stats` shows instead of ids."""
    trees = {t: kb.trees[t].title.get(lang) for t, _ in stats.trees if t in kb.trees}
    trees |= {t: kb.trees[t].title.get(lang) for (t, _), _ in stats.abandoned_at if t in kb.trees}
    outcomes = {o.id: o.title.get(lang) for o in kb.outcomes.values()}
    questions = {}
    for (tree, question), _ in stats.abandoned_at:
        found = kb.trees[tree].question(question) if tree in kb.trees and question else None
        if tree and question and found:
            questions[tree, question] = found.text.get(lang)
    return Names(trees, outcomes, questions)
