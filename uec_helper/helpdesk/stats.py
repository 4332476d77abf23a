"""What the session log says: which problems callers have most, how calls end.

Plain data (JSON-ready); `stats_view` draws it.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Hashable, Iterable
from typing import Any, TypeVar

Key = TypeVar("Key", bound=Hashable)


def _ranked(keys: Iterable[Key]) -> list[tuple[Key, int]]:
    """Counts, most common first; ties in order of the key's text."""
    return sorted(Counter(keys).items(), key=lambda item: (-item[1], str(item[0])))


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def session_stats(records: list[dict[str, Any]]) -> dict[str, Any]:
    finished = [r for r in records if r["outcome"] is not None]
    abandoned = [r for r in records if r["outcome"] is None]
    resolutions = Counter(r.get("resolution") for r in finished if r.get("resolution"))
    with_resolution = sum(resolutions.values())
    durations = [r["duration_s"] for r in records if isinstance(r["duration_s"], int | float)]
    return {
        "sessions": len(records),
        "finished": len(finished),
        "abandoned": len(abandoned),
        "with_resolution": with_resolution,
        "resolutions": {key: resolutions[key] for key in ("yes", "no", "escalated")},
        "unresolved_rate": _rate(resolutions["no"], with_resolution),
        "escalated_rate": _rate(resolutions["escalated"], with_resolution),
        "median_duration_s": statistics.median(durations) if durations else None,
        "trees": [{"tree": tree, "count": n} for tree, n in _ranked(r["tree"] for r in records if r["tree"])],
        "outcomes": [{"outcome": outcome, "count": n} for outcome, n in _ranked(r["outcome"] for r in finished)],
        "abandoned_at": [
            {"tree": tree, "question": question, "count": n}
            for (tree, question), n in _ranked((r["tree"], r.get("stopped_at")) for r in abandoned)
        ],
    }
