"""What `search` and `diagnose --query` do: find where the caller's words lead.

Nothing here prints: results are views (plain data) or domain errors (errors.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from uec_helper.errors import UsageError
from uec_helper.knowledge import cache
from uec_helper.knowledge.loader import Loaded
from uec_helper.knowledge.model import KnowledgeBase, Lang
from uec_helper.knowledge.usability import Usability
from uec_helper.search.index import Hit, SearchIndex, close_hits
from uec_helper.search.language import query_language
from uec_helper.search.views import SearchView, search_view
from uec_helper.ui_text import ui, ui_message
from uec_helper.views import NO_REPLAY_FLAGS, replay_settings

# A start: the tree to walk and the answers that pre-answer its path.
Start = tuple[str, dict[str, str]]
# Picks one of close search hits (at a terminal: terminal.menus.choose_hit).
Chooser = Callable[[list[Hit]], Hit | None]
# Hears a search: the query, its top hit's id (None: no match), whether the top hit was taken.
OnSearch = Callable[[str, str | None, bool], None]
CANDIDATES = 5
# Raised whenever the pickled SearchIndex changes shape, so that an entry
# written by other code is never read as this code's (the code's own part of
# the key rests on file sizes and times, which packaging may fix).
INDEX_FORMAT = 2
# A description of a problem fits in far less; a pasted log or mail must not
# grow into gigabytes of features (a 114 KB paste once took 6.4 GB).
MAX_QUERY_CHARS = 2000
# What a query is trimmed of, here and on the web page alike: str.isspace()'s
# characters and the byte-order mark a paste may start with. Python's strip()
# and JavaScript's trim() each take another set (trim() takes the BOM but not
# U+001C-U+001F or U+0085), so neither is used.
QUERY_SPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)


# The most of a query a line quotes back ("Nothing matched “…”"): a pasted
# mail or log would bury the line that quotes it.
ECHO_MAX_CHARS = 80


def trimmed_query(query: str) -> str:
    """The query, trimmed of QUERY_SPACE and cut to MAX_QUERY_CHARS before any feature is built."""
    return query.strip(QUERY_SPACE)[:MAX_QUERY_CHARS]


def echoed_query(query: str) -> str:
    """The query as a line quotes it: each run of QUERY_SPACE one space, and
    at most ECHO_MAX_CHARS characters, a cut one ending in "…" (the web page
    quotes it alike)."""
    line = re.sub(f"[{re.escape(QUERY_SPACE)}]+", " ", query).strip(" ")
    return line if len(line) <= ECHO_MAX_CHARS else line[: ECHO_MAX_CHARS - 1].rstrip(" ") + "…"


def _checked(query: str) -> str:
    trimmed = trimmed_query(query)
    if not trimmed:
        raise UsageError("empty-query", ui_message("err-empty-query"))
    return trimmed


def index_of(loaded: Loaded) -> SearchIndex:
    """The search index, from the cache while the tree files and the code are
    unchanged (building it is most of a search's own time)."""
    key = cache.cache_key("search-index", [("trees", f"{INDEX_FORMAT}:{loaded.key}".encode())])
    return cache.cached(key, SearchIndex, lambda: SearchIndex(loaded.knowledge))


@dataclass(frozen=True)
class ShownLanguage:
    """The language to answer a query in, and the one line on it: the query's
    own language when it is clearly the other one (saying so), or the chosen
    --lang (saying how to switch)."""

    lang: Lang
    query_lang: Lang | None  # None: no clear language (mixed, or no words)
    note: str | None  # None: the query is in `lang`, or in no clear language


@dataclass(frozen=True)
class NoteWording:
    """The ui keys of the line on the language: what it speaks of (results, or
    the questions asked) and how to switch where it is shown."""

    followed: str  # "…in the query's language{switch}."
    switch: str  # how to switch back, in the query's language
    hint: str  # the language chosen stays: how to switch to the query's


SEARCH_NOTE = NoteWording("search-lang-followed", "search-lang-switch", "search-lang-hint")
WALK_NOTE = NoteWording("diagnose-lang-followed", "diagnose-lang-switch", "diagnose-lang-hint")
# The problem menu's description: the walk is under way, so its switch is the "日本語 / English" entry, not --lang.
MENU_NOTE = NoteWording("diagnose-lang-followed", "menu-lang-switch", "menu-lang-hint")


def shown_language(
    index: SearchIndex, query: str, lang: Lang, lang_chosen: bool, wording: NoteWording = SEARCH_NOTE
) -> ShownLanguage:
    """`lang` is the UI's; `lang_chosen`: it was chosen (--lang, or the
    language switch), so it stays. `wording`: the line's (NoteWording)."""
    spoken = query_language(index, _checked(query))
    if spoken is None or spoken == lang:
        return ShownLanguage(lang, spoken, None)
    if lang_chosen:
        return ShownLanguage(lang, spoken, ui(wording.hint, lang))
    followed = ui(wording.followed, spoken).format(switch=ui(wording.switch, spoken))
    return ShownLanguage(spoken, spoken, followed)


def search_knowledge(
    loaded: Loaded, query: str, lang: Lang, limit: int, lang_chosen: bool = False, trees: Path | None = None
) -> SearchView:
    """Results in the query's language when it is clearly the other one,
    saying so; with a --lang chosen, in that language with a hint instead.
    `trees`: the folder `loaded` came from, so that each replay command names
    it and the results' language as `diagnose` does (None: neither, for the
    web page, which has no command line). Only trees a walk can use are
    searched, as the problem menu offers only those: a result must not lead
    to a tree that `diagnose` refuses."""
    query = _checked(query)
    index = index_of(loaded)
    shown = shown_language(index, query, lang, lang_chosen)
    hits = index.search(query, shown.lang, limit, frozenset(Usability(loaded).usable()))
    replay = NO_REPLAY_FLAGS if trees is None else replay_settings(trees, shown.lang)
    return search_view(loaded.knowledge, query, hits, shown.lang, shown.query_lang, shown.note, replay)


def start_from_query(
    index: SearchIndex,
    kb: KnowledgeBase,
    query: str,
    lang: Lang,
    tree_id: str | None,
    choose: Chooser | None = None,
    on_search: OnSearch | None = None,
    offered: Collection[str] | None = None,
) -> Start:
    """The best match's tree and answers; when the best are close, `choose`
    (a prompt, if one is allowed) picks among them. With a tree id, only that
    tree's matches count. `on_search` hears the query, its top hit's id and
    whether it was taken. `index`: index_of(loaded), which the caller also
    asks for the query's language. `offered`: the trees to search without a
    tree id (None: all)."""
    query = _checked(query)
    if tree_id is not None and tree_id not in kb.trees:
        return tree_id, {}  # the walk reports the unknown tree, with "did you mean"
    trees = offered if tree_id is None else {tree_id}
    hits = index.search(query, lang, CANDIDATES, trees)
    if not hits:
        if on_search is not None:
            on_search(query, None, False)
        echo = echoed_query(query)
        said = ui_message("err-no-match-in-tree", query=echo, tree=tree_id) if tree_id else None
        raise UsageError("no-match", said or ui_message("err-no-match", query=echo), query=query)
    close = close_hits(hits)
    hit = hits[0]
    if choose is not None and len(close) > 1:
        hit = choose(close) or hit  # None only when Back is offered
    if on_search is not None:
        on_search(query, hits[0].id, hit == hits[0])
    return hit.tree, hit.answers
