"""Where a diagnose session is, and how it ended: what the session log
records. A light module, because every session keeps a recorder while only
`--log` needs the log's reading and writing (log.py)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from uec_helper.helpdesk.request import Resolution
from uec_helper.knowledge.model import Lang
from uec_helper.ui_text import Language
from uec_helper.walk.engine import Answerer, Move, Walk

Mode = Literal["agent", "user", "scripted"]
MAX_QUERY_CHARS = 2000  # as search itself cuts a pasted text


@dataclass(frozen=True)
class Search:
    """A free-text search of the session: the query (masked like a note),
    its top result's id (None: nothing matched) and whether it was taken."""

    query: str
    top: str | None
    chosen: bool

    def to_json(self) -> dict[str, Any]:
        return {"query": self.query, "top": self.top, "chosen": self.chosen}


class Recorder:
    """Where a session is: the clock since it started, the walk it last
    showed (a question, or the outcome once finished) and its searches."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.started = clock()
        self.walk: Walk | None = None
        self.resolution: Resolution | None = None  # helpdesk mode, once the agent has chosen it
        self.language: Language | None = None  # the language in force, which a person may switch
        self.searches: list[Search] = []

    def searched(self, query: str, top: str | None, chosen: bool) -> None:
        """Keeps a search for the log, its query masked as notes are (a caller
        may type a password into the search box)."""
        from uec_helper.helpdesk.privacy import screen_note

        self.searches.append(Search(screen_note(query).text[:MAX_QUERY_CHARS], top, chosen))

    def elapsed(self) -> float:
        return self.clock() - self.started

    def track(self, answerer: Answerer) -> Answerer:
        def ask(walk: Walk) -> str | Move:
            self.walk = walk
            return answerer(walk)

        return ask

    def finished(self, walk: Walk) -> Walk:
        self.walk = walk
        return walk


@dataclass(frozen=True)
class Ending:
    """How a session ended, beyond its walk."""

    mode: Mode
    lang: Lang
    resolution: str | None = None
    note: str | None = None  # already screened by privacy.screen_note
    escalated_to: str | None = None  # helpdesk mode: a contact's name, or what the agent typed
    caller_lang: Lang | None = None  # helpdesk mode: the language the caller speaks
