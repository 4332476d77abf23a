"""Search as callers really type: romaji, addresses, negation, fallbacks,
ties, the "why" line and results that follow the query's language."""

from __future__ import annotations

import json
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner, Result

from uec_helper.cli import app
from uec_helper.knowledge.loader import load_folder
from uec_helper.search import text
from uec_helper.search.index import Document, Reason, SearchIndex, _best_first, _length
from uec_helper.search.language import query_language
from uec_helper.search.romaji import fold, hiragana_words, kana_to_romaji, to_japanese
from uec_helper.search.text import features, ruled_out, single_letters, stem, whole

from .conftest import FIXTURES, ROOT, SHIPPED_TREES, clean_knowledge

CALLERS = FIXTURES / "search-callers"
SEARCH = FIXTURES / "search"
QUERIES = ROOT / "benchmarks" / "search_queries.yaml"
runner = CliRunner()


@pytest.fixture(scope="module")
def callers() -> SearchIndex:
    return SearchIndex(clean_knowledge(CALLERS))


@pytest.fixture(scope="module")
def account() -> SearchIndex:
    return SearchIndex(load_folder(SEARCH).knowledge)


def search_json(folder: str, query: str, *options: str, env_lang: str = "en") -> dict[str, object]:
    env = {"UEC_HELPER_LANG": env_lang, "UEC_HELPER_CACHE": "off"}
    result = runner.invoke(app, ["--trees", folder, "search", query, "--json", *options], env=env)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("romaji", "japanese"),
    [
        ("pasuwaado", "パスワード"),
        ("pasuwado", "パスワード"),
        ("wasureta", "忘れた"),
        ("sotsugyou", "卒業"),
        ("kyūgaku", "休学"),
        ("kyugaku", "休学"),
        ("todokanai", "届かない"),
        ("dekinai", "できない"),
        ("shucchou", "出張"),
        ("konnichiwa", "こんにちわ"),
        # Hepburn's n' (or n-) is ん before a vowel or y; without it, n starts the syllable
        ("kin'en", "きんえん"),
        ("kin-en", "きんえん"),
        ("kinen", "きねん"),
        ("kan'i", "かんい"),
        ("kan-i", "かんい"),
        ("kani", "かに"),
        ("shin'ya", "しんや"),
        ("shin-ya", "しんや"),
        ("shinya", "しにゃ"),
        ("kinn'en", "きんえん"),
        ("kin’en", "きんえん"),  # a phone's apostrophe
        ("sain-in", "サインイン"),  # n- meets the reading's n'
    ],
)
def test_romaji_becomes_the_japanese_the_trees_use(romaji: str, japanese: str) -> None:
    conversion = to_japanese(romaji)
    assert conversion is not None and conversion.japanese == japanese


def test_long_vowels_fold_however_they_are_typed() -> None:
    assert fold("sotsugyou") == fold("sotsugyoo") == fold("sotsugyō") == fold("sotsugyo") == "sotsugyo"


def test_a_word_that_is_not_romaji_gives_nothing() -> None:
    assert to_japanese("account") is None and to_japanese("vpn") is None


def test_romaji_query_finds_the_japanese_text(account: SearchIndex) -> None:
    assert account.search("pasuwaado wasureta", "ja")[0].id == "reissue"
    assert account.search("kyuugaku chuu", "ja")[0].id == "use-on-leave"
    assert account.search("kyugaku", "ja")[0].id == "use-on-leave"


def test_english_words_that_spell_syllables_are_not_taken_for_romaji(account: SearchIndex) -> None:
    # "made" and "name" spell まで and なめ, but no known reading: no run
    assert account.romaji_runs("made a new name") == []
    # a word the index knows in English ("account") breaks a run
    assert [run.words for run in account.romaji_runs("akaunto no account")] == [("akaunto", "no")]


@pytest.mark.parametrize(
    ("kana", "romaji"),
    [
        ("ぱすわーど", "pasuwado"),
        ("わすれちゃった", "wasurechatta"),
        ("うぇぶくらす", "webukurasu"),
        ("しゅうりょう", "shuuryou"),
        ("じっか", "jikka"),
        ("ふつう", "futsuu"),
        ("きんえん", "kin'en"),
        ("かんい", "kan'i"),
        ("こんや", "kon'ya"),
        ("しんにゅう", "shinnyuu"),
    ],
)
def test_hiragana_reads_back_as_hepburn_romaji(kana: str, romaji: str) -> None:
    assert kana_to_romaji(kana) == romaji


@pytest.mark.parametrize(
    "kana", ["きんえん", "かんい", "しんや", "こんや", "ぜんいん", "げんゆ", "きねん", "かに", "しにゃ"]
)
def test_hiragana_read_back_as_romaji_spells_the_same_kana(kana: str) -> None:
    romaji = kana_to_romaji(kana)
    conversion = to_japanese(romaji) if romaji else None
    assert conversion is not None and conversion.japanese == kana


def test_an_apostrophe_elsewhere_is_not_romaji() -> None:
    assert to_japanese("ka'a") is None and to_japanese("'a") is None


# A typed n' (or n-, n’) before a vowel or y reaches the romaji step, which
# reads it as ん; long vowels fold as always (shin'yuu -> しんゆ).
@pytest.mark.parametrize(
    ("query", "japanese"),
    [
        ("pasuwaado kin'en", "パスワードきんえん"),
        ("gen'in pasuwaado", "げんいんパスワード"),
        ("shin'yuu no pasuwaado", "しんゆのパスワード"),
        ("kin’en pasuwaado", "きんえんパスワード"),
        ("gen-in pasuwaado", "げんいんパスワード"),
        ("pasuwaado kinen", "パスワードきねん"),
    ],
)
def test_a_typed_n_apostrophe_is_read_as_n(account: SearchIndex, query: str, japanese: str) -> None:
    assert [run.japanese for run in account.romaji_runs(query)] == [japanese]
    assert query_language(account, query) == "ja"


def test_the_n_apostrophe_word_is_still_one_english_word() -> None:
    assert text.latin_words("kin'en gen-in") == ["kin'en", "gen-in"]
    assert features("kin'en gen-in") == features("kinen genin")


def test_a_romaji_words_english_spelling_is_no_typo_to_correct() -> None:
    shipped = SearchIndex(load_folder(SHIPPED_TREES).knowledge)
    # "genera", English for げねら, is a typo of "general" the trees use; romaji, it is none
    assert "w:general" in shipped.query_features("genera")
    assert "w:general" not in shipped.query_features("pasuwaado gen'era")


ENGLISH_APOSTROPHES = ["can't", "don't", "didn't", "won't", "o'clock", "user's"]


@pytest.mark.parametrize("word", ENGLISH_APOSTROPHES)
def test_english_apostrophes_join_their_word_as_before(callers: SearchIndex, word: str) -> None:
    plain = word.replace("'", "")
    query = f"webclass {word} log in"
    assert text.latin_words(word) == [plain] and text.normalize(word) == plain
    assert features(word.replace("'", "’")) == features(word) == features(plain)
    assert callers.romaji_runs(query) == []
    assert callers.search(query, "en") == callers.search(query.replace(word, plain), "en")


def test_english_apostrophes_give_the_features_they_gave() -> None:
    # as main gave them before n' reached the romaji step ("won't" negates "o'clock")
    assert features(" ".join(ENGLISH_APOSTROPHES)) == ("w:oclock", "p:oclockus", "w:user", "n:oclock")


def test_hiragana_words_are_runs_of_two_or_more() -> None:
    assert hiragana_words("ぱすわーど を わすれた 忘れた") == ["ぱすわーど", "わすれた", "れた"]
    assert kana_to_romaji("パスワード") is None  # katakana is already what the trees write


def test_unconverted_hiragana_finds_the_japanese_text(account: SearchIndex) -> None:
    assert "j:パス" not in set(features("ぱすわーど わすれた"))
    assert account.search("ぱすわーど わすれた", "ja")[0].id == "reissue"
    assert account.search("きゅうがくちゅう", "ja")[0].id == "use-on-leave"


def test_hiragana_without_a_known_reading_adds_nothing(account: SearchIndex) -> None:
    assert account.query_features("これは なんですか") == account.query_features("これは") | account.query_features(
        "なんですか"
    )


def test_a_query_that_says_exactly_a_keyword_names_its_document(callers: SearchIndex) -> None:
    assert whole("LMS") == "k:w:lms" and whole("the lms!") == "k:w:lms"
    assert "k:w:lms" in callers.query_features("lms")
    assert (callers.search("lms", "en")[0].kind, callers.search("lms", "en")[0].id) == ("tree", "webclass")
    assert not any(f.startswith("k:") for f in callers.query_features("lms pages"))


def test_a_whole_never_makes_a_documents_words_count_less() -> None:
    assert _length({"w:lms": 3.0, "k:w:lms": 3.0, "j:認証": 1.0}) == 4.0


@pytest.mark.parametrize(
    ("caller", "faq"),
    [
        ("pw expired", "password expired"),
        ("I forget my acct password", "forgot account password"),
        ("input the code at my house", "enter the code at my home"),
        ("my school google account", "my university google account"),
        ("uni account", "university account"),
    ],
)
def test_callers_shorthand_meets_the_faqs_word(callers: SearchIndex, caller: str, faq: str) -> None:
    from uec_helper.search.text import SYNONYMS

    words = [f for f in features(caller) if f.startswith("w:")]
    assert [SYNONYMS.get(f, f) for f in words] == [f for f in features(faq) if f.startswith("w:")]


def test_a_letter_typed_twice_or_once_is_the_same_word(callers: SearchIndex) -> None:
    assert single_letters("loggin") == single_letters("login") == "login"
    assert single_letters("pasword") == single_letters("password")
    # exact, at full weight, where likeness alone would give "webclas" only 0.51
    assert callers.query_features("webcllass") == {"w:webclass": 1.0}


def test_japanese_office_shorthand_meets_the_faqs_words() -> None:
    from uec_helper.search.text import spellings

    assert "j:忘れ" in spellings("j:失念") and "j:届か" in spellings("j:不達")
    assert "j:入電" not in features("学外から入電 PW失念")  # "a call came in" says nothing of the problem


def test_an_agents_note_about_the_call_says_nothing_about_the_problem() -> None:
    assert features("caller reports webclass, details unclear") == features("webclass")


@pytest.mark.parametrize(
    ("kana", "spelled"),
    [
        ("ぐーぐる", "Google"),
        ("ぶいぴーえぬ", "VPN"),
        ("さいんいん", "サインイン"),
        ("ろぐいんえらー", "ログインエラー"),
    ],
)
def test_loanwords_in_hiragana_are_spelled_as_the_trees_write_them(kana: str, spelled: str) -> None:
    romaji = kana_to_romaji(kana)
    conversion = to_japanese(romaji) if romaji else None
    assert conversion is not None and conversion.japanese == spelled


def test_greetings_and_filler_say_nothing_about_the_problem() -> None:
    assert features("hi, sorry to bother, really urgent: webclass pls") == features("webclass")


def test_time_words_say_nothing_about_the_problem() -> None:
    assert features("can't log in since yesterday, again") == features("can't log in")


def test_graduation_and_graduate_meet_but_graduate_school_is_its_own_pair() -> None:
    assert stem("graduation") == stem("graduate") == stem("graduated")
    assert "p:graduateschool" in features("graduate school")


def test_addresses_give_exact_features_only() -> None:
    found = features("Write to help@example.com or see https://www.uec.ac.jp/about")
    assert "x:com" in found and "x:example" in found and "x:uec" in found
    assert not {"w:com", "w:example", "w:uec", "w:about"} & set(found)


def test_come_never_meets_dot_com_in_an_address(callers: SearchIndex) -> None:
    assert "x:com" in callers.postings
    assert "x:com" not in callers.query_features("come")
    assert all(h.id != "ask-center" for h in callers.search("come", "en"))


def test_typos_are_not_matched_against_ids_or_numbers(callers: SearchIndex) -> None:
    assert callers.query_features("exampel") == {}


@pytest.mark.parametrize(
    "query", ["mail not arrived", "email didnt come", "the e-mail never came", "haven't received the mail"]
)
def test_not_arrived_phrasing_finds_the_not_received_answer(callers: SearchIndex, query: str) -> None:
    assert callers.search(query, "en")[0].id == "not-received"


def test_arrived_without_negation_still_finds_the_other_answer(callers: SearchIndex) -> None:
    assert callers.search("the mail arrived but I cannot read it", "en")[0].id == "unreadable"


def test_a_fallback_never_outranks_its_tree_for_the_trees_name(callers: SearchIndex) -> None:
    hits = callers.search("webclass", "en")
    assert (hits[0].kind, hits[0].id) == ("tree", "webclass")
    # The catch-all's own label matches better than the tree ("none of these"),
    # but says nothing of the outcome's own words: capped at the tree's score; a tie goes to the tree.
    hits = callers.search("webclass none of these", "en")
    assert [(h.kind, h.id) for h in hits[:2]] == [("tree", "webclass"), ("outcome", "ask-center")]
    assert hits[0].score == hits[1].score


def test_a_fallback_still_wins_for_its_own_words(callers: SearchIndex) -> None:
    assert callers.search("webclass still not working, who to ask", "en")[0].id == "ask-center"


@pytest.mark.parametrize(
    ("query", "kept", "fine"),
    [
        ("webclass fails, pw is right, 2fa done, who do i ask", "webclass fails", ["pw is right", "2fa done"]),
        ("records system fails, though her password, 2fa and infoss are all fine", "records system fails",
         ["2fa and infoss are all fine", "her password"]),
        ("WebClassログイン不可 PW・2要素とも問題なし", "webclassログイン不可", ["pw・2要素とも問題なし"]),
        ("学務ログイン不可 誓約書・INFOSS済 PW正常", "学務ログイン不可", ["誓約書・infoss済", "pw正常"]),
        ("入れない。パスワードも確認しましたが解決しません", "入れない", ["パスワードも確認しましたが"]),
    ],
)  # fmt: skip
def test_what_the_caller_says_is_fine_is_ruled_out(query: str, kept: str, fine: list[str]) -> None:
    left, ruled = ruled_out(query)
    assert left.split(" , ")[0].strip() == kept
    assert [part for part in fine if part in ruled] == fine


@pytest.mark.parametrize(
    "query",
    ["2fa not set", "2fa is not set up yet, is it ok", "is my account still valid", "パスワードを確認したい",
     "how do i set", "is everything ok"],
)  # fmt: skip
def test_a_question_or_a_negation_is_not_ruled_out(query: str) -> None:
    assert ruled_out(query) == (query, "")


def test_a_query_that_cannot_say_what_is_fine_skips_the_scan_and_loses_nothing() -> None:
    text._fine_patterns.cache_clear()
    assert ruled_out("forgot my password") == ("forgot my password", "")
    assert ruled_out("パスワードを忘れた") == ("パスワードを忘れた", "")
    assert text._fine_patterns.cache_info().currsize == 0  # a search compiles nothing for it
    # The shortcut never hides a clause the scan would find: every benchmark phrasing,
    # and words that start like a marker without being one.
    queries = [entry["query"] for entry in yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"]]
    for query in [*queries, "正しいパスワード", "問い合わせ先", "合格したけど入れない", "okay so what now"]:
        normalized = text.normalize(query)
        assert text.may_say_fine(normalized) or not text._fine_clauses(normalized)[1]
    assert ruled_out("pw ok, webclass fails")[1] == "pw ok"


def test_ruling_the_usual_causes_out_asks_for_the_catch_all(callers: SearchIndex) -> None:
    assert callers.search("webclass login fails, my password", "en")[0].id == "reissue"
    ranked = [hit.id for hit in callers.search("webclass login fails, my password is fine", "en")]
    assert ranked.index("ask-center") < ranked.index("reissue")
    assert callers.search("WebClassにログインできない パスワードは問題なし", "ja")[0].id == "ask-center"
    # What is fine, said alone, is still the question.
    assert callers.search("password is fine", "en")[0].id != "ask-center"


def test_a_tie_goes_to_the_tree() -> None:
    documents = [Document("outcome", "o", "t", {}), Document("tree", "t", "t", {})]
    assert list(_best_first([2.0001, 2.0002], {0, 1}, 5, documents)) == [1, 0]
    assert list(_best_first([2.5, 2.0], {0, 1}, 5, documents)) == [0, 1]


def test_why_names_a_trees_keyword_by_the_trees_title(callers: SearchIndex) -> None:
    hit = next(h for h in callers.search("lms pages", "en", limit=5) if h.kind == "outcome")
    assert hit.reason == Reason("tree", "I can't use WebClass")
    hit = next(h for h in callers.search("lms pages", "ja", limit=5) if h.kind == "outcome")
    assert hit.reason == Reason("tree", "WebClass が使えない")


def test_why_prefers_a_text_in_the_ui_language_over_another_languages_keyword(callers: SearchIndex) -> None:
    hit = callers.search("webclass", "ja")[0]
    assert hit.reason == Reason("keyword", "WebClass")


def test_query_language() -> None:
    index = SearchIndex(load_folder(SEARCH).knowledge)
    assert query_language(index, "休学中") == "ja"
    assert query_language(index, "pasuwaado wasureta") == "ja"
    assert query_language(index, "forgot my password") == "en"
    assert query_language(index, "akaunto password") is None
    assert query_language(index, "?") is None


@pytest.mark.parametrize("query", ["qqqq zzzz", "zzzqqq xyzzy", "asdf", "blah blah", "kakiku mamemo"])
def test_words_the_trees_do_not_know_are_in_no_clear_language(query: str) -> None:
    """Gibberish, or romaji of no reading the trees know: no reason to leave the UI's language."""
    assert query_language(SearchIndex(load_folder(SEARCH).knowledge), query) is None


@pytest.mark.parametrize("query", ["pasword", "qqqq password", "webclass"])
def test_one_word_the_trees_know_or_a_typo_of_one_is_english(query: str) -> None:
    assert query_language(SearchIndex(load_folder(SEARCH).knowledge), query) == "en"


@pytest.mark.parametrize("env_lang", ["en", "ja"])
def test_gibberish_keeps_the_ui_language_without_a_line(env_lang: str) -> None:
    data = search_json(str(SEARCH), "qqqq zzzz", env_lang=env_lang)
    assert (data["lang"], data["query_lang"], data["note"], data["results"]) == (env_lang, None, None, [])


def test_results_follow_a_japanese_query_and_say_so() -> None:
    data = search_json(str(SEARCH), "休学中")
    assert data["lang"] == "ja" and data["query_lang"] == "ja"
    assert data["note"] == "検索語が日本語なので、日本語で表示しています(英語は --lang en)。"
    assert data["results"][0]["title"] == "休学中も使えます"  # type: ignore[index]


def test_results_follow_an_english_query_under_the_japanese_ui() -> None:
    data = search_json(str(SEARCH), "forgot password", env_lang="ja")
    assert data["lang"] == "en" and data["results"][0]["why"] == "matches the keyword “forgot password”"  # type: ignore[index]
    assert data["note"] == "Results in English, the query's language (--lang ja shows them in Japanese)."


def test_a_chosen_lang_is_kept_and_the_switch_explained() -> None:
    data = search_json(str(SEARCH), "休学中", "--lang", "en")
    assert data["lang"] == "en" and data["results"][0]["title"] == "You can use it while on leave"  # type: ignore[index]
    assert data["note"] == "The query looks Japanese: --lang ja shows the results in Japanese."


def test_no_note_when_the_query_is_in_the_ui_language() -> None:
    assert search_json(str(SEARCH), "forgot password")["note"] is None


def test_the_note_is_one_line_above_the_results() -> None:
    env = {"UEC_HELPER_LANG": "en", "UEC_HELPER_CACHE": "off"}
    result = runner.invoke(app, ["--trees", str(SEARCH), "search", "休学中", "-n", "1"], env=env)
    lines = [line.strip() for line in result.stdout.splitlines() if line.strip()]
    assert lines[:2] == ["検索語が日本語なので、日本語で表示しています(英語は --lang en)。", "「休学中」の検索結果"]


# diagnose --query follows the query's language as search does.
FOLLOWED_JA = "検索語が日本語なので、日本語で質問します(英語は --lang en)。"
FOLLOWED_EN = "Asking in English, the query's language (--lang ja asks in Japanese)."
KEPT_JA = "検索語は英語のようです:--lang en で英語で質問します。"
TO_LEAVE = ("-a", "topic=leave")


def diagnose(*args: str, env_lang: str = "en") -> Result:
    env = {"UEC_HELPER_LANG": env_lang, "UEC_HELPER_CACHE": "off"}
    return runner.invoke(app, ["--trees", str(SEARCH), "diagnose", *args], env=env)


def diagnose_json(*args: str, env_lang: str = "en") -> dict[str, Any]:
    result = diagnose(*args, "--json", env_lang=env_lang)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""  # under --json the note is in the JSON only
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_diagnose_follows_a_japanese_query_under_the_english_ui() -> None:
    data = diagnose_json("--query", "パスワードを忘れた")
    assert (data["lang"], data["note"]) == ("ja", FOLLOWED_JA)
    assert data["path"][0]["text"] == "何についてですか?"
    assert data["outcome"]["title"] == "パスワードを再発行してください"
    answers = "--answer topic=password --answer password-problem=forgot"
    assert data["replay"] == f"uec-helper --trees {SEARCH} diagnose account --lang ja {answers}"


def test_diagnose_says_it_follows_the_query_on_stderr_and_shows_the_outcome_in_its_language() -> None:
    for plain in ([], ["--plain"]):
        result = diagnose("--query", "パスワードを忘れた", *plain)
        assert result.exit_code == 0, result.stderr
        assert result.stderr == f"uec-helper: {FOLLOWED_JA}\n"
        assert "パスワードを再発行してください" in result.stdout and FOLLOWED_JA not in result.stdout
        assert "diagnose account --lang ja --answer topic=password" in result.stdout


def test_diagnose_replay_of_a_followed_query_walks_the_same_path() -> None:
    data = diagnose_json("--query", "パスワードを忘れた")
    replayed = diagnose_json(*shlex.split(data["replay"])[4:])  # after `uec-helper --trees FOLDER diagnose`
    assert replayed == {**data, "note": None}


def test_diagnose_follows_a_romaji_query() -> None:
    data = diagnose_json("--query", "kyuugaku")
    assert (data["lang"], data["note"]) == ("ja", FOLLOWED_JA)
    assert data["outcome"]["title"] == "休学中も使えます" and "--lang ja" in data["replay"]


def test_diagnose_follows_an_english_query_under_the_japanese_ui() -> None:
    data = diagnose_json("--query", "leave of absence", env_lang="ja")
    assert (data["lang"], data["note"]) == ("en", FOLLOWED_EN)
    assert data["outcome"]["title"] == "You can use it while on leave"
    assert data["replay"] == f"uec-helper --trees {SEARCH} diagnose account --lang en --answer topic=leave"


def test_diagnose_keeps_a_chosen_lang_and_says_how_to_switch() -> None:
    data = diagnose_json("--query", "休学", "--lang", "en")
    assert data["lang"] == "en" and data["outcome"]["title"] == "You can use it while on leave"
    assert data["note"] == "The query looks Japanese: --lang ja asks in Japanese."
    result = diagnose("--query", "leave of absence", "--lang", "ja")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "uec-helper: 検索語は英語のようです:--lang en で英語で質問します。\n"
    assert "休学中も使えます" in result.stdout


def test_diagnose_keeps_the_ui_language_for_a_mixed_query() -> None:
    data = diagnose_json("--query", "akaunto password", *TO_LEAVE)
    assert (data["lang"], data["note"]) == ("en", None)
    assert data["outcome"]["title"] == "You can use it while on leave"
    result = diagnose("--query", "akaunto password", *TO_LEAVE)
    assert result.exit_code == 0 and result.stderr == ""


def test_diagnose_asks_for_a_missing_answer_in_the_followed_language() -> None:
    result = diagnose("--query", "アカウント", "--json")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["error"]["text"] == "何についてですか?"


@pytest.mark.parametrize(
    ("args", "code", "note"),
    [
        (("--query", "アカウント"), "missing-answer", FOLLOWED_JA),  # no TTY: the question's text is Japanese
        (("--query", "印刷機"), "no-match", FOLLOWED_JA),
        (("--query", "休学", "-a", "topic=lve"), "invalid-answer", FOLLOWED_JA),
        (("--query", "休学", "-a", "nowhere=x"), "unknown-question", FOLLOWED_JA),
        (("--query", "leave of absence", "--lang", "ja", "-a", "topic=lve"), "invalid-answer", KEPT_JA),
    ],
)
def test_an_error_after_the_language_was_chosen_carries_the_note(args: tuple[str, ...], code: str, note: str) -> None:
    result = diagnose(*args, "--json")
    assert result.exit_code == 2
    error = json.loads(result.stdout)["error"]
    assert (error["code"], error["note"], error["lang"]) == (code, note, "ja")
    human = diagnose(*args)
    assert human.exit_code == 2
    assert human.stderr == f"uec-helper: {note}\nuec-helper: error: {error['message_ja']}\n"  # the walk's language


def test_an_error_before_the_language_was_chosen_has_no_note() -> None:
    for args in (("--query", " "), ("--query", "休学", "-a", "topic")):
        result = diagnose(*args, "--json")
        assert result.exit_code == 2
        assert "note" not in json.loads(result.stdout)["error"]


def test_diagnose_logs_the_followed_language(tmp_path: Path) -> None:
    log = tmp_path / "sessions.jsonl"
    assert diagnose("--query", "休学", "--log", str(log)).exit_code == 0
    assert diagnose("--query", "印刷機", "--log", str(log)).exit_code == 2  # no match: logged too
    assert [json.loads(line)["lang"] for line in log.read_text(encoding="utf-8").splitlines()] == ["ja", "ja"]


def test_helpdesk_mode_keeps_the_agents_language_for_a_query_in_the_other() -> None:
    agent = ("--agent", "--resolution", "yes")
    data = diagnose_json("--query", "休学", *agent)
    assert (data["lang"], data["note"], data["agent"]["caller_lang"]) == ("en", None, "en")
    assert data["outcome"]["title"] == "You can use it while on leave" and "--lang" not in data["replay"]
    data = diagnose_json("--query", "休学", *agent, "--caller-lang", "ja")
    assert (data["lang"], data["note"], data["agent"]["caller_lang"]) == ("en", None, "ja")
    assert data["agent"]["say_this"][0] == "休学中も使えます"
    result = diagnose("--query", "休学", *agent)
    assert result.exit_code == 0 and FOLLOWED_JA not in result.stderr + result.stdout
