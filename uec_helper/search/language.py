"""Which language a query is clearly in, so results can follow it (pure)."""

from __future__ import annotations

import re

from uec_helper.knowledge.model import Lang
from uec_helper.search.index import SearchIndex
from uec_helper.search.text import STOP_WORDS, latin_words

_JAPANESE = re.compile(r"[\u3041-\u309f\u30a1-\u30ff\u3400-\u4dbf\u4e00-\u9fff々]")
# Two Japanese characters are a word; one may be a stray symbol.
JAPANESE_MIN_CHARS = 2


def query_language(index: SearchIndex, query: str) -> Lang | None:
    """ "ja" for Japanese script, or when every content word is romaji; "en"
    for Latin words without romaji; None when the query mixes the two."""
    japanese = len(_JAPANESE.findall(query))
    if japanese >= JAPANESE_MIN_CHARS:
        return "ja"
    content = [word for word in latin_words(query) if word not in STOP_WORDS]
    romaji = {word for run in index.romaji_runs(query) for word in run.words}
    if japanese or not content:
        return None
    if all(word in romaji for word in content):
        return "ja"
    return None if romaji else "en"
