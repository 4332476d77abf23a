"""What the session log says: which problems callers have most, how calls end.

Plain data (JSON-ready); `stats_view` draws it. One pass over the sessions,
keeping counts and durations only, so a log of any size is read in bounded
memory: durations are counted by value too (the log keeps tenths of a
second), which is all the median needs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
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


def session_stats(sessions: Iterable[LoggedSession]) -> dict[str, Any]:
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
    return {
        "sessions": count,
        "finished": finished,
        "abandoned": count - finished,
        "with_resolution": with_resolution,
        "resolutions": {key: resolutions[key] for key in ("yes", "no", "escalated")},
        "unresolved_rate": _rate(resolutions["no"], with_resolution),
        "escalated_rate": _rate(resolutions["escalated"], with_resolution),
        "median_duration_s": _median(durations),
        "trees": [{"tree": tree, "count": n} for tree, n in _ranked(trees)],
        "outcomes": [{"outcome": outcome, "count": n} for outcome, n in _ranked(outcomes)],
        "abandoned_at": [
            {"tree": tree, "question": question, "count": n} for (tree, question), n in _ranked(abandoned_at)
        ],
    }
