"""Turns English and Japanese text into search features (pure, no I/O).

English is matched by word: lower-cased, lightly stemmed ("expired",
"expiry" and "expires" meet at "expir"), with adjacent words also joined
("log in" meets "login", "web class" meets "webclass"). A negation marks
the next content word ("not received", "didn't come", "never arrived" all
give "n:receiv"), so "mail not arrived" finds the not-received answer.
URLs and e-mail addresses give exact-only features ("x:"): their pieces
never meet a caller's ordinary words ("come" is not ".com"). Japanese has no
spaces, so a run of kana and kanji is cut into overlapping character
bigrams: 「休学中」 gives 休学 and 学中, and so finds 休学. Full-width and
half-width forms are folded by NFKC first.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator

# Words that every caller says ("I can't ... my ...") and that tell no problem apart.
STOP_WORDS = frozenset(
    {
        "a",
        "about",
        "after",
        "am",
        "an",
        "and",
        "any",
        "are",
        "arent",
        "as",
        "at",
        "be",
        "been",
        "but",
        "by",
        "can",
        "cannot",
        "cant",
        "could",
        "couldnt",
        "did",
        "didnt",
        "do",
        "does",
        "doesnt",
        "dont",
        "for",
        "from",
        "get",
        "got",
        "had",
        "has",
        "hasnt",
        "have",
        "havent",
        "help",
        "how",
        "i",
        "if",
        "im",
        "in",
        "into",
        "is",
        "it",
        "its",
        "ive",
        "isnt",
        "just",
        "me",
        "my",
        "never",
        "no",
        "not",
        "now",
        "of",
        "on",
        "or",
        "our",
        "please",
        "should",
        "so",
        "some",
        "that",
        "the",
        "them",
        "then",
        "there",
        "they",
        "this",
        "to",
        "up",
        "us",
        "was",
        "wasnt",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "wont",
        "with",
        "would",
        "you",
        "your",
        # Time and insistence: "still", "since yesterday", "not anymore" say how
        # long, never which problem, and matched "since I graduated" to anything.
        "again",
        "already",
        "also",
        "unable",
        "anymore",
        "even",
        "ever",
        "last",
        "let",
        "lets",
        "since",
        "suddenly",
        "today",
        "want",
        "week",
        "yesterday",
        "wants",
        "wanted",
        "wanting",
        # A helpdesk agent's note about the call: who called, what they say.
        "caller",
        "callers",
        "calling",
        "reports",
        "reported",
        "details",
        "unclear",
        "confused",
        # Greetings, courtesy and filler of a rambling message or a chat line.
        "hello",
        "hi",
        "hey",
        "dear",
        "sorry",
        "thanks",
        "thank",
        "pls",
        "plz",
        "bother",
        "regards",
        "urgent",
        "asap",
        "really",
        "totally",
        "actually",
        "basically",
        "btw",
        "u",
        "ur",
        "r",
    }
)
# Words that negate the next content word ("not received", "didn't come").
NEGATIONS = frozenset(
    {"not", "no", "never", "didnt", "doesnt", "dont", "cant", "cannot", "couldnt", "hasnt", "havent",
     "isnt", "wasnt", "arent", "wont", "nothing", "unable"}
)  # fmt: skip
# Words a negation looks past to find what it negates ("not yet arrived").
NEGATION_GAP = frozenset({"yet", "ever", "even", "still", "been", "be"})
# After a negation, these stems all mean "did not reach me": one concept.
ARRIVAL = frozenset({"arriv", "com", "cam", "receiv", "reciev", "reach", "deliver", "show", "turn", "get", "got"})
# "Didn't get the mail" is not receiving; "can't get into" is not arriving.
GET = frozenset({"get", "got"})
GET_MOVES = frozenset({"in", "into", "to", "on", "through", "back", "past", "access"})
ARRIVED = "receiv"
# A negated word other than "arrived" is a hint, not the problem itself:
# "my password doesn't work" is about the password, not "not working".
NEGATION_WEIGHT = 0.4
# A caller's everyday word -> the word the FAQ uses for it (stems; the
# query keeps its own word too): "my files" are "your data".
SYNONYMS = {
    "w:fil": "w:data", "w:document": "w:data", "w:mail": "w:email",
    # Shorthand callers type, and irregular verbs the stemmer cannot meet.
    "w:pw": "w:password", "w:pwd": "w:password", "w:passwd": "w:password", "w:pword": "w:password",
    "w:acct": "w:account", "w:mfa": "w:2fa", "w:2sv": "w:2fa", "w:tfa": "w:2fa", "w:forget": "w:forgot",
    "w:admin": "w:administrator",
    "w:eras": "w:delet", "w:remov": "w:delet", "w:wip": "w:delet", "w:typ": "w:ent",
    "w:garbag": "w:garbl", "w:weird": "w:garbl", "w:mojibak": "w:garbl",
    "w:broken": "n:work", "w:msg": "w:messag", "w:input": "w:ent", "w:reciev": "w:receiv",
    "w:bachelor": "w:undergradu", "w:hous": "w:hom", "w:lectur": "w:class",
    # "my school google account", "uni wifi": the university.
    "w:school": "w:universit", "w:uni": "w:universit", "w:colleg": "w:universit",
    # Japanese office shorthand: 失念 (forgot), 不達 (not delivered).
    "j:失念": "j:忘れ", "j:不達": "j:届か",
}  # fmt: skip
# Stop words that still make a compound with the word before ("log in", "set up").
PARTICLES = frozenset({"in", "up", "on"})
# "-ation" goes too: "after graduation" and "after I graduate" are one
# question; "graduate school" stays apart as its own pair (p:graduateschool).
SUFFIXES = (
    "ations", "ation", "ating", "ated", "ates", "ate", "ments", "ment", "ings", "ing",
    "ies", "ied", "ers", "er", "ed", "es", "s", "ly", "y", "e",
)  # fmt: skip
# Japanese words that every question has ("how", "please", "what happens").
JAPANESE_STOP = re.compile(
    "方法|やり方|どうすれば|どうしたら|どうなる|教えて|ください|について|でしょうか|ですか|ますか|したい|ほしい|欲しい"
    # a helpdesk agent's note: "入電" (a call came in)
    "|入電"
)
# A caller who says what is fine ("pw is right, 2fa done", 「PW・2要素とも
# 問題なし」) has ruled those causes out: such a clause is not what the problem
# is, but what a catch-all "ask X" answer lists as already checked.
# ASCII: \b is then JavaScript's (tests/test_web_browser.py holds both to one ranking).
# A full stop ends a clause before a space or at the end, not inside an
# address; (?![^ \t\n]) rather than $, which Python also matches before a last newline.
CLAUSES = r"[,;!?、。()\n]|\.(?![^ \t\n])|\b(?:but|though|although|while|however)\b"
# A clause says something is fine when it ends in one of FINE_WORDS, after
# any FINE_LINKS, not after a negation, and does not start as a question
# ("is it ok", "how do I set").
FINE_WORDS = frozenset({"fine", "ok", "okay", "correct", "right", "done", "set", "checked", "confirmed"})
FINE_LINKS = frozenset({"is", "are", "was", "were", "all", "both", "also", "already"})
FINE_NEGATIONS = frozenset({"not", "never", "isnt", "arent", "wasnt", "werent", "no"})
QUESTION_WORDS = frozenset(
    {"is", "are", "was", "were", "am", "do", "does", "did", "will", "would", "can", "could", "should",
     "how", "what", "where", "why", "when", "who"}
)  # fmt: skip
# "password, 2fa and infoss are all fine": the short clauses before it are its list.
LIST_WORDS = frozenset({"are", "all", "both"})
LIST_ITEM_MAX_WORDS = 3
# At most 40 characters before the marker: an unbounded reach made
# the scan quadratic in a long query without one.
FINE_JA = (
    r"[^ \t\n、。,]{0,40}?"
    r"(?:済み?|正常|問題(?:なし|無し|ない|ありません)|確認(?:済み?|しました(?:が)?)|合って(?:いる|います|る))"
    r"(?![\u3041-\u309f])"
)
# The first characters of FINE_JA's markers: a query with none of them and no
# word of FINE_WORDS has nothing to rule out (most queries), and a search
# then never compiles the two patterns (tests/test_search_callers.py checks both).
FINE_JA_FIRST = frozenset("済正問確合")
_LATIN_WORD = re.compile(r"[a-z0-9]+")


@functools.cache
def _fine_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    return re.compile(CLAUSES, re.ASCII), re.compile(FINE_JA)


MIN_STEM = 3
FUZZY_MIN_LENGTH = 4
# Bigrams that start with hiragana (a particle before a word: を聞, に入) or
# end in it after katakana (ドを) mostly span a word boundary; kanji followed by
# hiragana is a word's own ending (忘れ, 入れ) and keeps its full weight.
BOUNDARY_WEIGHT = 0.3

# An apostrophe or hyphen inside a word joins it ("can't" is "cant", "e-mail"
# "email"), except Hepburn's n' (or n-) before a vowel or y, kept (group 1)
# for the romaji step: "kin'en" is きんえん, "kinen" きねん (latin_words).
_JOINED = re.compile(r"(?<=[a-z0-9])(?:(?<=n)(['’-])(?=[aiueoy])|['’-](?=[a-z0-9]))")
_ADDRESS = re.compile(
    r"(?:https?://)?[a-z0-9][a-z0-9_+%-]*(?:[.@][a-z0-9][a-z0-9_+%-]*)*[.@][a-z][a-z0-9-]+(?:/[!-~]*)?"
)
_PIECES = re.compile(r"[a-z0-9]+")
_DOUBLED = re.compile(r"(.)\1+")
_RUNS = re.compile(r"([a-z0-9]+(?:['’-][a-z0-9]+)*)|([\u3041-\u309f\u30a1-\u30ff\u3400-\u4dbf\u4e00-\u9fff々〆ヶ]+)")
_BOUNDARY = re.compile(r"^(?:[\u3041-\u309f].|[\u30a1-\u30ff][\u3041-\u309f])$")


def normalize(text: str, romaji: bool = False) -> str:
    """NFKC-folded, lower-cased text with words joined; with `romaji`, an
    n' before a vowel or y stays for the romaji step."""
    lowered = unicodedata.normalize("NFKC", text).lower()
    return JAPANESE_STOP.sub(" ", _JOINED.sub(r"\1" if romaji else "", lowered))


@functools.cache
def stem(word: str) -> str:
    """A light suffix stripper: enough to meet plural, past and -ation forms."""
    if len(word) <= MIN_STEM or not word.isalpha():
        return word
    for suffix in SUFFIXES:
        if not word.endswith(suffix) or len(word) - len(suffix) < MIN_STEM:
            continue
        if suffix == "s" and word[-2] in "su":  # class, pass, status
            continue
        base = word[: -len(suffix)]
        if len(base) > MIN_STEM and base[-1] == base[-2] and base[-1] not in "sl":
            base = base[:-1]  # setting -> set, logged -> log
        return base
    return word


def _says_fine(clause: str, words: list[str]) -> bool:
    if len(words) < 2 or words[-1] not in FINE_WORDS or words[0] in QUESTION_WORDS:
        return False
    if not clause.rstrip(" \t").endswith(words[-1]):
        return False
    before = len(words) - 2
    while before >= 0 and words[before] in FINE_LINKS:
        before -= 1
    return before >= 0 and words[before] not in FINE_NEGATIONS


def may_say_fine(normalized: str) -> bool:
    """Whether a normalized query holds anything ruled_out could rule out."""
    return not (FINE_WORDS.isdisjoint(_LATIN_WORD.findall(normalized)) and FINE_JA_FIRST.isdisjoint(normalized))


def ruled_out(query: str) -> tuple[str, str]:
    """The query without its clauses that say something is fine, and those
    clauses: "webclass fails, pw is right, who do i ask" -> ("webclass fails
    , who do i ask", "pw is right")."""
    normalized = normalize(query)
    kept, fine = _fine_clauses(normalized) if may_say_fine(normalized) else ([], [])
    return (" , ".join(kept), " ".join(fine)) if fine else (query, "")


def _fine_clauses(normalized: str) -> tuple[list[str], list[str]]:
    """The clauses of a normalized query kept, and those that say something is fine."""
    clauses, fine_ja = _fine_patterns()
    kept: list[str] = []
    fine: list[str] = []
    for clause in clauses.split(normalized):
        words = _LATIN_WORD.findall(clause)
        if _says_fine(clause, words):
            fine.append(clause)
            while LIST_WORDS.intersection(words) and kept:
                items = len(_LATIN_WORD.findall(kept[-1]))
                if not 0 < items <= LIST_ITEM_MAX_WORDS:
                    break
                fine.append(kept.pop())
            continue
        fine += fine_ja.findall(clause)
        kept.append(fine_ja.sub(" ", clause))
    return kept, fine


def _latin(words: list[str], skipped: set[int]) -> Iterator[str]:
    """Each content word ("w:"), then joined ("p:") with the next content word
    ("forgot my password" -> forgotpassword) or particle ("log in" -> login)."""
    content = [i for i, word in enumerate(words) if word not in STOP_WORDS and i not in skipped]
    for n, i in enumerate(content):
        yield "w:" + stem(words[i])
        if i + 1 < len(words) and words[i + 1] in PARTICLES:
            yield "p:" + stem(words[i] + words[i + 1])
        if n + 1 < len(content):
            yield "p:" + stem(words[i] + words[content[n + 1]])


def _negated(words: list[str]) -> dict[int, str]:
    """Word position -> the "n:" feature of each word a negation is about."""
    negated: dict[int, str] = {}
    for i, word in enumerate(words):
        if word not in NEGATIONS:
            continue
        for j in range(i + 1, min(i + 4, len(words))):
            if words[j] in NEGATIONS or words[j] in NEGATION_GAP:
                continue
            target = stem(words[j])
            if target in GET and j + 1 < len(words) and words[j + 1] in GET_MOVES:
                break
            if target in ARRIVAL:
                negated[j] = "n:" + ARRIVED
            elif words[j] not in STOP_WORDS:
                negated[j] = "n:" + target
            break
    return negated


def _words(words: list[str]) -> Iterator[str]:
    """English features; a negated arrival verb ("didn't come") is only its
    "n:" feature: the plain word would meet "come to the office"."""
    negated = _negated(words)
    yield from _latin(words, {i for i, feature in negated.items() if feature == "n:" + ARRIVED})
    yield from negated.values()


def _japanese(run: str) -> Iterator[str]:
    if len(run) == 1:
        yield "j:" + run
        return
    for i in range(len(run) - 1):
        yield "j:" + run[i : i + 2]


@functools.lru_cache(maxsize=65536)
def features(text: str) -> tuple[str, ...]:
    """The features of a text in order, with repeats: English words ("w:"),
    joined words ("p:"), negated words ("n:"), pieces of addresses ("x:")
    and Japanese bigrams ("j:"). Cached: trees repeat texts (shared
    outcomes, a tree's own words on each of its routes)."""
    found: list[str] = []
    words: list[str] = []
    normalized = normalize(text)
    for address in _ADDRESS.findall(normalized):
        found += ("x:" + piece for piece in _PIECES.findall(address))
    for match in _RUNS.finditer(_ADDRESS.sub(" , ", normalized)):
        latin, japanese = match.groups()
        if latin:
            words.append(latin)
            continue
        found += _words(words)
        words = []
        found += _japanese(japanese)
    found += _words(words)
    return tuple(found)


def latin_words(text: str) -> list[str]:
    """The Latin-letter words of a text outside addresses, normalized, as the
    romaji step reads them: with Hepburn's n' before a vowel or y ("kin'en")."""
    return [m[0] for m in _RUNS.finditer(_ADDRESS.sub(" , ", normalize(text, romaji=True))) if m[1]]


def joined(word: str) -> str:
    """A word of latin_words as English features spell it: "kin'en" -> "kinen"."""
    return _JOINED.sub("", word)


def whole(text: str) -> str | None:
    """The feature of a text as a whole ("k:", its features without the
    joined ones, sorted): a query that says exactly a keyword or a title, and
    nothing more ("2fa", "uec cloud account"), names that document."""
    found = sorted({feature for feature in features(text) if not feature.startswith("p:")})
    return "k:" + " ".join(found) if found else None


@functools.lru_cache(maxsize=65536)
def counts(text: str) -> dict[str, int]:
    """How often each feature occurs in a text."""
    return dict(Counter(features(text)))


def spellings(feature: str) -> tuple[str, ...]:
    """A word and the same letters as joined words meet ("login" and "log
    in"), and a caller's word meets the FAQ's (SYNONYMS)."""
    kind, letters = feature[:2], feature[2:]
    synonym = (SYNONYMS[feature],) if feature in SYNONYMS else ()
    return {"w:": (feature, "p:" + letters, *synonym), "p:": (feature, "w:" + letters)}.get(kind, (feature, *synonym))


def feature_weight(feature: str) -> float:
    """How much a query feature counts before rarity (idf) is applied."""
    if feature.startswith("n:"):
        return 1.0 if feature == "n:" + ARRIVED else NEGATION_WEIGHT
    return BOUNDARY_WEIGHT if feature.startswith("j:") and _BOUNDARY.match(feature[2:]) else 1.0


def fuzzy(feature: str) -> bool:
    """Only plain words of letters are matched by likeness: never numbers,
    ids with digits, address pieces, joined or Japanese features."""
    return feature.startswith("w:") and len(feature) - 2 >= FUZZY_MIN_LENGTH and feature[2:].isalpha()


def single_letters(word: str) -> str:
    """A word with doubled letters written once: "pasword", "loggin" and
    "adress" are the same typo of "password", "login" and "address"."""
    return _DOUBLED.sub(r"\1", word)


def trigrams(word: str) -> set[str]:
    padded = f"^{word}$"
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(a: set[str], b: set[str]) -> float:
    """Dice coefficient of two trigram sets: 1.0 for the same word."""
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0
