"""Ranks trees and outcomes for a caller's own words (pure, no I/O).

A small inverted index with BM25 weighting over fields of different worth:
authored keywords count most, then titles and the answers that lead to an
outcome, then body text. An outcome is indexed once per way a tree reaches
it (its "route"), so a hit carries the answers that replay that route and
the labels along it ("I have forgotten my password") help it match.
English words a vocabulary does not know are matched to close ones by
character trigrams, which forgives small typos ("webclas", "pasword");
romaji runs are matched as the Japanese they spell (search/romaji.py).

The score of a document is, over the query's features f (weight q_f: 1,
or a typo's likeness squared, or 0.3 for a Japanese bigram across a word
boundary), the sum of q_f * idf_f * tf_f * (K1 + 1) / (tf_f + K1 * (1 - B
+ B * len / avglen)), where tf_f is the field-weighted count of f in the
document, len its field-weighted length (without wholes, below), and
idf_f = ln(1 + (N - n_f + 0.5) / (n_f + 0.5)); a tree's score is
multiplied by TREE_DISCOUNT. A document's own keywords and title also count
each as one "whole" feature (text.whole), which a query has only when it
says exactly that keyword or title and nothing more: "2fa" or "uec cloud
account" then names the document that is called so. Unconverted hiragana
words of a query are spelled like romaji (ぱすわーど -> パスワード). Then
two rules, in this order:
1. A fallback route (a catch-all choice such as "None of these" leading
   to an "ask X" outcome with contacts) scores at most its own tree's
   score, unless the query shares a feature with the outcome's own words
   (its title and keywords) that the tree's title and keywords lack:
   "webclass" alone names the tree, "webclass still fails, who do I ask"
   wants the e-learning center.
   A query's clauses that say something is fine ("pw is right, 2fa
   done", text.ruled_out) are left out of its features; their features
   count only for fallback routes, whose answers list the usual causes as
   checked, and lift this cap: the caller has ruled those causes out.
2. Ranking is by score rounded to 3 decimals, then trees before outcomes
   (a tie is no reason to guess an answer), then index order.
"""

from __future__ import annotations

import functools
import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from uec_helper.knowledge.model import LANGS, KnowledgeBase, Lang, Outcome, Text, Tree
from uec_helper.search.postings import Postings
from uec_helper.search.romaji import hiragana_words, kana_to_romaji, to_japanese
from uec_helper.search.text import (
    counts,
    feature_weight,
    features,
    fuzzy,
    joined,
    latin_words,
    normalize,
    ruled_out,
    similarity,
    single_letters,
    spellings,
    stem,
    trigrams,
    whole,
)

Kind = Literal["tree", "outcome"]
Field = Literal["keyword", "title", "summary", "answer", "path", "body", "step", "tree", "question"]

# How much one occurrence in a field counts (BM25F-style weighted frequency).
TREE_FIELDS: dict[Field, float] = {"keyword": 3.0, "title": 2.5, "summary": 1.5, "answer": 0.4, "question": 0.2}
ROUTE_FIELDS: dict[Field, float] = {
    "keyword": 3.0, "title": 2.0, "answer": 2.0, "path": 1.0, "body": 1.0, "step": 0.5, "tree": 0.5,
}  # fmt: skip
# The fields whose texts also count as wholes (text.whole): the document's own names.
WHOLE_FIELDS = frozenset({"keyword", "title"})
# A tree gathers the words of all its outcomes; when an outcome matches as
# well, the outcome (the exact remedy) is the better answer.
TREE_DISCOUNT = 0.9
K1 = 2.0
B = 0.5
FUZZY_MIN_SIMILARITY = 0.6
FUZZY_CANDIDATES = 3
RELATIVE_CUTOFF = 0.25  # drop hits scoring under this share of the best one
POOL_PER_HIT = 4  # documents ranked fully per hit asked for (an outcome has several routes)
CLOSE_RATIO = 0.85  # hits within this share of the best are "close": worth asking
TIE_DIGITS = 3  # scores equal to this many decimals tie (the precision shown)
# Choice ids of a question's catch-all answer ("None of these").
CATCH_ALL_CHOICES = frozenset({"none", "other", "none-of-these", "something-else"})


@dataclass(frozen=True)
class Reason:
    """The text that matched best: why a hit was found."""

    field: Field
    text: str


@dataclass(frozen=True)
class Hit:
    kind: Kind
    id: str
    tree: str
    score: float
    answers: dict[str, str]
    reason: Reason


@dataclass(frozen=True)
class Passage:
    """One searchable text of a document, kept to explain a hit. A keyword
    is in one language (`lang`); `shown` is what to name instead of the
    text itself (a tree's keyword is explained by the tree's title)."""

    field: Field
    text: Text | str
    lang: Lang | None = None
    shown: Text | None = None


@dataclass(frozen=True)
class Document:
    kind: Kind
    id: str
    tree: str
    answers: dict[str, str]
    passages: list[Passage] = field(default_factory=list)
    # For a fallback route: the features of the outcome's own words that the
    # tree's name lacks (rule 1 in the module docstring).
    own_features: frozenset[str] | None = None


def passage_texts(passage: Passage) -> Iterator[str]:
    if isinstance(passage.text, str):
        yield passage.text
    else:
        yield passage.text.en
        yield passage.text.ja


def _keywords(owner: Tree | Outcome, field: Field = "keyword", shown: Text | None = None) -> list[Passage]:
    return [Passage(field, word, lang, shown) for lang in LANGS for word in owner.keywords.get(lang)]


def _features_of(passages: list[Passage]) -> set[str]:
    return {f for passage in passages for text in passage_texts(passage) for f in features(text)}


def _tree_document(tree: Tree) -> Document:
    passages = [*_keywords(tree), Passage("title", tree.title), Passage("summary", tree.summary)]
    for question in tree.questions:
        passages.append(Passage("question", question.text))
        passages += [Passage("answer", choice.label) for choice in question.choices]
    return Document("tree", tree.id, tree.id, {}, passages)


def _route_documents(kb: KnowledgeBase, tree: Tree) -> Iterator[Document]:
    """One document per choice that ends at an outcome, reached the shortest way."""
    # Imported here: only building the index needs the graph, a search from the cache does not.
    from uec_helper.knowledge.graph import shortest_routes

    context = [Passage("tree", tree.title), *_keywords(tree, "tree", tree.title)]
    name = _features_of(context)
    for question_id, path in shortest_routes(tree).items():
        question = tree.question(question_id)
        for choice in question.choices if question else []:
            outcome = kb.outcomes.get(choice.outcome or "")
            if outcome is None:
                continue
            passages = [
                *_keywords(outcome),
                Passage("title", outcome.title),
                Passage("answer", choice.label),
                *(Passage("path", label) for _, _, label in path),
                Passage("body", outcome.body),
                *(Passage("step", step) for step in outcome.steps + outcome.warnings),
                *(Passage("step", doc.title) for doc in outcome.see_also),
                *context,
            ]
            answers = {q: c for q, c, _ in path} | {question_id: choice.id}
            own = None
            if choice.id in CATCH_ALL_CHOICES and outcome.contacts:
                own = frozenset(_features_of([*_keywords(outcome), Passage("title", outcome.title)]) - name)
            yield Document("outcome", outcome.id, tree.id, answers, passages, own)


@dataclass(frozen=True)
class RomajiRun:
    """Consecutive query words that spell Japanese, and the Japanese they spell."""

    words: tuple[str, ...]
    japanese: str


class SearchIndex:
    """Built once per knowledge base; answers any number of queries."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.documents: list[Document] = []
        weighted: list[dict[str, float]] = []
        tree_numbers: dict[str, int] = {}
        for tree in sorted(kb.trees.values(), key=lambda t: t.id):
            tree_numbers[tree.id] = len(self.documents)
            for document, fields in [(_tree_document(tree), TREE_FIELDS)] + [
                (route, ROUTE_FIELDS) for route in _route_documents(kb, tree)
            ]:
                self.documents.append(document)
                weighted.append(_weigh(document, fields))
        self.postings = _postings(self.documents, weighted)
        # Per document, the features of each passage, for the "why" line: worked
        # out here once, they cost a search from the cache nothing.
        self.passage_features = _passage_features(self.documents)
        # Fallback route number -> its tree's document number (rule 1).
        self.fallbacks = {
            number: tree_numbers[d.tree] for number, d in enumerate(self.documents) if d.own_features is not None
        }

    @functools.cached_property
    def _words_by_trigram(self) -> dict[str, list[str]]:
        """Known single words by their letter trigrams, to find a typo's word."""
        table: dict[str, list[str]] = defaultdict(list)
        for feature in self.postings:
            if fuzzy(feature):
                for gram in trigrams(feature[2:]):
                    table[gram].append(feature)
        return table

    def romaji_runs(self, query: str) -> list[RomajiRun]:
        """Runs of query words that spell Japanese with at least one known
        reading; a word the index knows as English never starts or joins one."""
        runs: list[RomajiRun] = []
        words: list[str] = []
        parts: list[str] = []
        known = False
        for word in [*latin_words(query), ""]:
            conversion = to_japanese(word) if word and "w:" + stem(joined(word)) not in self.postings else None
            if conversion is not None:
                words.append(word)
                parts.append(conversion.japanese)
                known = known or conversion.known
                continue
            if known:
                runs.append(RomajiRun(tuple(words), "".join(parts)))
            words, parts, known = [], [], False
        return runs

    def query_features(self, query: str) -> dict[str, float]:
        """The query's features with their weights, typos mapped to known
        words, romaji and unconverted hiragana as the Japanese they spell."""
        wanted: dict[str, float] = {}
        runs = self.romaji_runs(query)
        romaji = {"w:" + stem(joined(word)) for run in runs for word in run.words}
        spelled = [run.japanese for run in runs] + _spelled_hiragana(query)
        found = [*features(query), *(f for japanese in spelled for f in features(japanese))]
        for feature in found:
            for known, weight in self._known(feature, feature not in romaji):
                wanted[known] = max(wanted.get(known, 0.0), weight * feature_weight(known))
        named = whole(query)
        if named is not None and named in self.postings:
            wanted[named] = 1.0
        return wanted

    def knows_word(self, word: str) -> bool:
        """Whether a query word (latin_words) is one of the trees' words, or a
        typo of one: a word a search matches."""
        return bool(self._known("w:" + stem(word), True))

    @functools.cached_property
    def _words_by_letters(self) -> dict[str, list[str]]:
        """Known single words by their letters with doubles written once."""
        table: dict[str, list[str]] = defaultdict(list)
        for feature in self.postings:
            if fuzzy(feature):
                table[single_letters(feature[2:])].append(feature)
        return table

    def _known(self, feature: str, may_be_typo: bool) -> list[tuple[str, float]]:
        known = [(spelling, 1.0) for spelling in spellings(feature) if spelling in self.postings]
        if known or not may_be_typo or not fuzzy(feature):
            return known
        doubled = self._words_by_letters.get(single_letters(feature[2:]))
        if doubled:  # a letter typed once too often or too few: surely that word, however spelt
            return [(s, 1.0) for word in sorted(doubled) for s in spellings(word) if s in self.postings]
        grams = trigrams(feature[2:])
        shared = Counter(word for gram in grams for word in self._words_by_trigram.get(gram, ()))
        close = [(w, similarity(grams, trigrams(w[2:]))) for w, _ in shared.most_common(4 * FUZZY_CANDIDATES)]
        close = sorted((c for c in close if c[1] >= FUZZY_MIN_SIMILARITY), key=lambda c: (-c[1], c[0]))
        return [(w, s * s) for w, s in close[:FUZZY_CANDIDATES]]

    def search(self, query: str, lang: Lang, limit: int = 5, trees: Collection[str] | None = None) -> list[Hit]:
        """The best hits, best first; an outcome appears once, by its best route."""
        kept, fine = ruled_out(query)
        wanted = self.query_features(kept)
        checked = self.query_features(fine) if wanted and fine else {}
        if not wanted:  # nothing but what is fine: then that is the question
            wanted = self.query_features(query)
        scores = [0.0] * len(self.documents)
        touched: set[int] = set()
        for feature, weight in wanted.items():
            numbers, worths = self.postings[feature]
            touched.update(numbers)
            for number, worth in zip(numbers, worths, strict=True):
                scores[number] += weight * worth
        for feature, weight in checked.items():
            numbers, worths = self.postings[feature]
            for number, worth in zip(numbers, worths, strict=True):
                if number in self.fallbacks:
                    touched.add(number)
                    scores[number] += weight * worth
        for number in touched.intersection(self.fallbacks):
            own = self.documents[number].own_features
            tree_score = scores[self.fallbacks[number]]
            if own is not None and not checked and tree_score > 0 and own.isdisjoint(wanted):
                scores[number] = min(scores[number], tree_score)
        hits: list[Hit] = []
        seen: set[tuple[Kind, str]] = set()
        best = 0.0  # the first hit's score, unrounded (hits carry it rounded)
        for number in _best_first(scores, touched, POOL_PER_HIT * limit, self.documents):
            document, score = self.documents[number], scores[number]
            key = (document.kind, document.id)
            if key in seen or (trees is not None and document.tree not in trees):
                continue
            if len(hits) == limit or (hits and score < RELATIVE_CUTOFF * best):
                break
            if not hits:
                best = score
            seen.add(key)
            reason = _reason(document, self.passage_features[number], wanted, self.postings, lang)
            hits.append(Hit(document.kind, document.id, document.tree, round(score, 3), document.answers, reason))
        return hits


def _spelled_hiragana(query: str) -> list[str]:
    """The Japanese spelling of each hiragana word of a query that holds a known reading."""
    spelled = []
    for kana in hiragana_words(normalize(query)):
        romaji = kana_to_romaji(kana)
        conversion = to_japanese(romaji) if romaji else None
        if conversion is not None and conversion.known:
            spelled.append(conversion.japanese)
    return spelled


def _passage_features(documents: list[Document]) -> list[tuple[frozenset[str], ...]]:
    """Per document, each passage's features (both its texts); one set per
    distinct passage, so the cache holds a passage shared by routes once."""
    known: dict[tuple[str, ...], frozenset[str]] = {}
    found = []
    for document in documents:
        sets = []
        for passage in document.passages:
            texts = tuple(passage_texts(passage))
            if texts not in known:
                known[texts] = frozenset(f for text in texts for f in features(text))
            sets.append(known[texts])
        found.append(tuple(sets))
    return found


def _reason(
    document: Document, found: tuple[frozenset[str], ...], wanted: dict[str, float], postings: Postings, lang: Lang
) -> Reason:
    """The passage that matched the query most, named in the UI's language;
    `found`: each passage's features. A keyword of the other language is
    named only when nothing else matched."""

    def matched(features_of_passage: frozenset[str]) -> float:
        # Summed in the query's order: a set's order varies between runs, and
        # with it the last bit of a sum, which decides between equal passages.
        return _total(weight * postings.idf(f) for f, weight in wanted.items() if f in features_of_passage)

    def nameable(passage: Passage) -> bool:
        return passage.lang in (None, lang) or passage.shown is not None

    def rank(number: int) -> tuple[bool, float]:
        worth = matched(found[number])
        return (nameable(document.passages[number]), worth) if worth else (False, 0.0)

    best = document.passages[max(range(len(document.passages)), key=rank)]
    if best.shown is not None:
        return Reason(best.field, best.shown.get(lang))
    return Reason(best.field, best.text if isinstance(best.text, str) else best.text.get(lang))


def _weigh(document: Document, fields: dict[Field, float]) -> dict[str, float]:
    """Feature -> frequency, each occurrence counted at its field's worth;
    the document's own keywords and title also as wholes."""
    weighted: dict[str, float] = defaultdict(float)
    for passage in document.passages:
        worth = fields[passage.field]
        for text in passage_texts(passage):
            for feature, count in counts(text).items():
                weighted[feature] += worth * count
            named = whole(text) if passage.field in WHOLE_FIELDS else None
            if named is not None:
                weighted[named] += worth
    return weighted


def _total(values: Iterable[float]) -> float:
    """A plain left-to-right sum, as the JavaScript twin adds: Python 3.12's
    sum() of floats compensates rounding, and its last bit would differ."""
    total = 0.0
    for value in values:
        total += value
    return total


def _length(frequencies: dict[str, float]) -> float:
    """A document's length: its words, not its wholes (a name counted as a
    whole is a bonus, and must not make the document's words count less)."""
    return _total(count for feature, count in frequencies.items() if not feature.startswith("k:"))


def _postings(documents: list[Document], weighted: list[dict[str, float]]) -> Postings:
    """Per feature, the documents holding it and the BM25 worth there (idf included)."""
    found: dict[str, tuple[list[int], list[float]]] = defaultdict(lambda: ([], []))
    lengths = [_length(frequencies) for frequencies in weighted]
    average = _total(lengths) / max(len(weighted), 1)
    for number, frequencies in enumerate(weighted):
        norm = K1 * (1 - B + B * lengths[number] / average)
        worth = TREE_DISCOUNT if documents[number].kind == "tree" else 1.0
        for feature, frequency in frequencies.items():
            numbers, worths = found[feature]
            numbers.append(number)
            worths.append(worth * frequency * (K1 + 1) / (frequency + norm))
    return Postings.pack(found, len(weighted))


def _best_first(scores: list[float], touched: set[int], pool: int, documents: list[Document]) -> Iterator[int]:
    """Document numbers by falling score (rule 2 in the module docstring):
    a pool first, then the rest. The pool is found by raw score, then
    widened to every document tied with its last one, so that only those
    few are ordered by the full key (the key costs more than a score)."""
    scale: int = 10**TIE_DIGITS

    def tied(number: int) -> int:
        # Half rounds up (not Python's round-half-even), as JavaScript's Math.round.
        return math.floor(scores[number] * scale + 0.5)

    def order(number: int) -> tuple[int, bool, int]:
        return tied(number), documents[number].kind == "tree", -number

    top = heapq.nlargest(pool, touched, key=scores.__getitem__)
    if not top:
        return
    last = tied(top[-1])
    loose = (last - 1) / scale  # below every score that rounds to `last`
    best = sorted((n for n in touched if scores[n] >= loose and tied(n) >= last), key=order, reverse=True)
    yield from best
    if len(best) < len(touched):
        yield from sorted(touched - set(best), key=order, reverse=True)


def close_hits(hits: list[Hit]) -> list[Hit]:
    """The hits that score nearly as well as the best: too close to choose alone."""
    return [hit for hit in hits if hits and hit.score >= CLOSE_RATIO * hits[0].score]
