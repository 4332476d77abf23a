"""Which language a query is clearly in, so results can follow it (pure)."""

from __future__ import annotations

from uec_helper.knowledge.model import Lang
from uec_helper.search.index import SearchIndex
from uec_helper.search.text import STOP_WORDS, latin_words

# Kana and kanji, as code point ranges: a character class this wide costs a
# few milliseconds to compile on every start, and a query is short. The web
# page reads these two constants from its data (authoring/web_search.py).
JAPANESE_RANGES = ((0x3041, 0x309F), (0x30A1, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0x3005, 0x3005))
# Two Japanese characters are a word; one may be a stray symbol.
JAPANESE_MIN_CHARS = 2


def query_language(index: SearchIndex, query: str) -> Lang | None:
    """ "ja" for Japanese script, or when every content word is romaji; "en"
    for Latin words without romaji of which the trees know one (or a typo of
    one); None when the query mixes the two, or has no word of either:
    gibberish ("qqqq zzzz") is no reason to leave the UI's language."""
    japanese = sum(1 for char in query if _is_japanese(char))
    if japanese >= JAPANESE_MIN_CHARS:
        return "ja"
    content = [word for word in latin_words(query) if word not in STOP_WORDS]
    romaji = {word for run in index.romaji_runs(query) for word in run.words}
    if japanese or not content:
        return None
    if all(word in romaji for word in content):
        return "ja"
    if romaji:
        return None
    return "en" if any(index.knows_word(word) for word in content) else None


def _is_japanese(char: str) -> bool:
    point = ord(char)
    return any(low <= point <= high for low, high in JAPANESE_RANGES)
