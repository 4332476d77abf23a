"""The search index as data for the web page, whose JavaScript ranks, explains
and picks the results' language exactly as `uec-helper search` does
(authoring/web/page.js mirrors search/text.py, search/index.py and
search/language.py; tests/test_web_browser.py checks that both agree).

The page gets the documents' texts, not the ready postings: the JavaScript
needs the tokenizer for the query anyway, and the texts are a third of the
size. A text is given as a number (`number`), so that a text the page shows
anyway is not written twice.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection
from typing import Any, get_args

from uec_helper.knowledge.model import LANGS, KnowledgeBase, Text
from uec_helper.search import index, language, lookup, romaji, text, views
from uec_helper.search.index import Field, Passage, SearchIndex

FIELDS: tuple[Field, ...] = get_args(Field)


def _settings() -> dict[str, Any]:
    """Every constant the ranking uses, so the JavaScript holds only the method."""
    return {
        "stop_words": sorted(text.STOP_WORDS),
        "particles": sorted(text.PARTICLES),
        "suffixes": list(text.SUFFIXES),
        "min_stem": text.MIN_STEM,
        "boundary_weight": text.BOUNDARY_WEIGHT,
        # Python and JavaScript read these patterns alike (\uXXXX, lookarounds).
        "japanese_stop": text.JAPANESE_STOP.pattern,
        "joined": text._JOINED.pattern,
        "runs": text._RUNS.pattern,
        "boundary": text._BOUNDARY.pattern,
        "address": text._ADDRESS.pattern,
        "pieces": text._PIECES.pattern,
        "clauses": text.CLAUSES,
        "fine_words": sorted(text.FINE_WORDS),
        "fine_links": sorted(text.FINE_LINKS),
        "fine_negations": sorted(text.FINE_NEGATIONS),
        "question_words": sorted(text.QUESTION_WORDS),
        "list_words": sorted(text.LIST_WORDS),
        "list_item_max_words": text.LIST_ITEM_MAX_WORDS,
        "fine_ja": text.FINE_JA,
        "negations": sorted(text.NEGATIONS),
        "negation_gap": sorted(text.NEGATION_GAP),
        "arrival": sorted(text.ARRIVAL),
        "arrived": text.ARRIVED,
        "get": sorted(text.GET),
        "get_moves": sorted(text.GET_MOVES),
        "negation_weight": text.NEGATION_WEIGHT,
        "synonyms": text.SYNONYMS,
        "fuzzy_min_length": text.FUZZY_MIN_LENGTH,
        "syllables": romaji.SYLLABLES,
        "readings": romaji.folded_readings(),
        "long_vowels": romaji._LONG.pattern,
        "romaji_of_kana": romaji.ROMAJI_OF_KANA,
        "n_mark": romaji.N_MARK,
        "hiragana_run": romaji._HIRAGANA_RUN.pattern,
        "whole_fields": [FIELDS.index(f) for f in sorted(index.WHOLE_FIELDS)],
        "folded_letters": {chr(k): v for k, v in romaji._FOLDED_LETTERS.items()},
        "tie_digits": index.TIE_DIGITS,
        "fields": {
            "tree": [index.TREE_FIELDS.get(f, 0.0) for f in FIELDS],
            "outcome": [index.ROUTE_FIELDS.get(f, 0.0) for f in FIELDS],
        },
        "tree_discount": index.TREE_DISCOUNT,
        "k1": index.K1,
        "b": index.B,
        "fuzzy_min_similarity": index.FUZZY_MIN_SIMILARITY,
        "fuzzy_candidates": index.FUZZY_CANDIDATES,
        "relative_cutoff": index.RELATIVE_CUTOFF,
        "field_names": list(FIELDS),
        "why_max_chars": views.WHY_MAX_CHARS,
        "max_query_chars": lookup.MAX_QUERY_CHARS,
        "echo_max_chars": lookup.ECHO_MAX_CHARS,
        "query_space": lookup.QUERY_SPACE,
        "japanese_ranges": language.JAPANESE_RANGES,
        "japanese_min_chars": language.JAPANESE_MIN_CHARS,
    }


def search_data(kb: KnowledgeBase, trees: Collection[str], number: Callable[[str], int]) -> dict[str, Any]:
    """The page's documents, in the CLI's order: each as kind, id, tree,
    answers, its passages (numbers in `passages`) and, for a fallback route,
    its own features (else null). Each passage is written once, however many
    documents hold it (a tree's title and keywords are in all its routes)."""
    passages: dict[str, int] = {}
    table: list[list[Any]] = []

    def passage_number(passage: Passage) -> int:
        data = _passage(passage, number)
        key = json.dumps(data)
        if key not in passages:
            passages[key] = len(table)
            table.append(data)
        return passages[key]

    documents: list[list[Any]] = []
    for document in SearchIndex(kb).documents:
        if document.tree not in trees:
            continue
        held = [passage_number(passage) for passage in document.passages]
        answers = [[question, choice] for question, choice in document.answers.items()]
        own = None if document.own_features is None else sorted(document.own_features)
        documents.append([document.kind, document.id, document.tree, answers, held, own])
    return {"settings": _settings(), "passages": table, "documents": documents}


def _passage(passage: Passage, number: Callable[[str], int]) -> list[Any]:
    """[field number, text numbers], then for a keyword its language's place
    in LANGS, then what names it (text numbers) if it is named otherwise. A
    Text's numbers are in LANGS order, as the page's script reads them."""

    def numbers(texts: Text | str) -> list[int]:
        return [number(texts)] if isinstance(texts, str) else [number(texts.get(lang)) for lang in LANGS]

    data: list[Any] = [FIELDS.index(passage.field), numbers(passage.text)]
    if passage.lang is not None or passage.shown is not None:
        data.append(None if passage.lang is None else LANGS.index(passage.lang))
    if passage.shown is not None:
        data.append(numbers(passage.shown))
    return data
