"""What the session log says: which problems callers have most, how calls end.

A typed view (`StatsView.to_json()` is what `stats --json` prints); `stats_view` draws it. One pass over the sessions,
keeping counts and durations only, so a log of any size is read in bounded
memory: durations are counted by value too (the log keeps tenths of a
second), which is all the median needs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from uec_helper.helpdesk.log import LoggedSession

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

    @property
    def abandoned(self) -> int:
        return self.sessions - self.finished

    def to_json(self) -> dict[str, Any]:
        return {
            "sessions": self.sessions,
            "finished": self.finished,
            "abandoned": self.abandoned,
            "with_resolution": self.with_resolution,
            "resolutions": self.resolutions,
            "unresolved_rate": self.unresolved_rate,
            "escalated_rate": self.escalated_rate,
            "median_duration_s": self.median_duration_s,
            "trees": [{"tree": tree, "count": n} for tree, n in self.trees],
            "outcomes": [{"outcome": outcome, "count": n} for outcome, n in self.outcomes],
            "abandoned_at": [
                {"tree": tree, "question": question, "count": n} for (tree, question), n in self.abandoned_at
            ],
        }


def session_stats(sessions: Iterable[LoggedSession]) -> StatsView:
    count = finished = 0
    resolutions: Counter[str] = Counter()
    durations: Counter[float] = Counter()
    trees: Counter[str] = Counter()
    outcomes: Counter[str] = Counter()
    abandoned_at: Counter[tuple[str | None, str | None]] = Counter()
    for session in sessions:
        count += 1
        durations[session.duration_s] += 1
        if session.tree:
            trees[session.tree] += 1
        if session.outcome is None:
            abandoned_at[session.tree, session.stopped_at] += 1
            continue
        finished += 1
        outcomes[session.outcome] += 1
        if session.resolution:
            resolutions[session.resolution] += 1
    with_resolution = sum(resolutions.values())
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
    )
