"""Search: bilingual matching, typos, replayable answers, the CLI and the smart start."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from prompt_toolkit.input import PipeInput
from prompt_toolkit.output import DummyOutput
from typer.testing import CliRunner

from uec_helper.authoring.validation import validate_folder
from uec_helper.cli import app
from uec_helper.knowledge.loader import load_folder
from uec_helper.knowledge.model import KnowledgeBase
from uec_helper.search import lookup
from uec_helper.search.index import Reason, SearchIndex
from uec_helper.search.lookup import MAX_QUERY_CHARS
from uec_helper.search.text import features, stem
from uec_helper.search.views import why_line
from uec_helper.terminal.menus import PersonAnswerer, ProblemMenu, choose_tree
from uec_helper.terminal.plain import PlainChooser
from uec_helper.terminal.prompts import QuestionaryChooser
from uec_helper.ui_text import Language
from uec_helper.walk.answers import ScriptedAnswerer
from uec_helper.walk.engine import Walk, run

from .conftest import FIXTURES, GOOD, ROOT, clean_knowledge
from .keys import DOWN, ENTER

SEARCH = FIXTURES / "search"
runner = CliRunner()


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return clean_knowledge(SEARCH)


@pytest.fixture(scope="module")
def index(kb: KnowledgeBase) -> SearchIndex:
    return SearchIndex(kb)


def invoke(*args: str) -> object:
    env = {"UEC_HELPER_LANG": "en", "UEC_HELPER_CACHE": "off"}
    return runner.invoke(app, ["--trees", str(SEARCH), *args], env=env)


def test_japanese_is_cut_into_bigrams_so_a_longer_word_finds_a_shorter_one() -> None:
    assert features("休学中") == ("j:休学", "j:学中")
    assert "j:休学" in features("休学している")


def test_english_words_are_stemmed_and_joined() -> None:
    assert stem("expired") == stem("expires") == stem("expire") == "expir"
    assert stem("setting") == "set" and stem("class") == "class"
    assert features("Log in") == ("w:log", "p:login")


def test_japanese_query_without_spaces_finds_the_outcome(index: SearchIndex) -> None:
    hits = index.search("休学中", "ja")
    assert (hits[0].kind, hits[0].id) == ("outcome", "use-on-leave")
    assert hits[0].reason == Reason("title", "休学中も使えます")


def test_small_typos_are_forgiven(index: SearchIndex) -> None:
    assert index.search("forgot my pasword", "en")[0].id == "reissue"
    assert index.search("webclas", "en")[0].id == "reissue"


def test_outcome_hit_answers_replay_the_path_to_it(index: SearchIndex, kb: KnowledgeBase) -> None:
    hit = index.search("my password has expired", "en")[0]
    assert (hit.kind, hit.id, hit.tree) == ("outcome", "reissue", "account")
    assert hit.answers == {"topic": "password", "password-problem": "expired"}
    walk = run(Walk(kb, kb.trees[hit.tree]), ScriptedAnswerer(hit.answers))
    assert walk.outcome is not None and walk.outcome.id == "reissue"


def test_outcome_reached_two_ways_is_listed_once_by_the_best_way(index: SearchIndex) -> None:
    hits = index.search("I have forgotten it, the password", "en", limit=10)
    assert [h.id for h in hits if h.kind == "outcome"].count("reissue") == 1
    assert hits[0].answers == {"topic": "password", "password-problem": "forgot"}


def test_trees_are_ranked_too(index: SearchIndex) -> None:
    hit = index.search("trouble", "en")[0]
    assert (hit.kind, hit.id, hit.tree, hit.answers) == ("tree", "account", "account", {})


def test_nothing_matches_gives_no_hits(index: SearchIndex) -> None:
    assert index.search("zzzz qqqq", "en") == []


def test_search_can_be_limited_to_some_trees(index: SearchIndex) -> None:
    assert index.search("forgot password", "en", trees={"other"}) == []


def test_why_line_is_in_the_language_asked_and_shortened() -> None:
    assert why_line(Reason("keyword", "休学"), "ja") == "キーワード「休学」に一致"
    long = why_line(Reason("body", "word " * 40), "en")
    assert long.startswith("matches the text “word word") and long.endswith("…”")


def test_search_json_contract(kb: KnowledgeBase) -> None:
    result = invoke("search", "forgot password", "--json", "--limit", "1")
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    data = json.loads(result.stdout)  # type: ignore[attr-defined]
    assert data["query"] == "forgot password" and len(data["results"]) == 1
    hit = data["results"][0]
    answers = "--answer topic=password --answer password-problem=forgot"
    assert {k: hit[k] for k in ("kind", "id", "tree", "title", "answers", "why", "replay")} == {
        "kind": "outcome",
        "id": "reissue",
        "tree": "account",
        "title": "Have the password reissued",
        "answers": {"topic": "password", "password-problem": "forgot"},
        "why": "matches the keyword “forgot password”",
        "replay": f"uec-helper --trees {SEARCH} diagnose account {answers}",
    }
    assert isinstance(hit["score"], float) and hit["score"] > 0
    diagnosed = invoke("diagnose", "account", "-a", "topic=password", "-a", "password-problem=forgot", "--json")
    assert hit["outcome"] == json.loads(diagnosed.stdout)["outcome"]  # type: ignore[attr-defined]


def test_search_shows_title_reason_and_command() -> None:
    result = invoke("search", "休学中", "--lang", "ja", "--limit", "1")
    assert result.exit_code == 0
    lines = [line.strip() for line in result.stdout.splitlines() if line.strip()]  # type: ignore[attr-defined]
    assert lines == [
        "「休学中」の検索結果",
        "1. 休学中も使えます  [回答] · アカウントのトラブル",
        "タイトル「休学中も使えます」に一致",
        f"uec-helper --trees {SEARCH} diagnose account --lang ja --answer topic=leave",
    ]


def test_search_replay_is_one_unbroken_line_on_a_narrow_terminal() -> None:
    env = {"UEC_HELPER_LANG": "en", "UEC_HELPER_CACHE": "off", "COLUMNS": "40"}
    result = runner.invoke(app, ["--trees", str(SEARCH), "search", "password expired", "-n", "1"], env=env)
    assert result.exit_code == 0, result.stderr
    replay = f"uec-helper --trees {SEARCH} diagnose account --answer topic=password --answer password-problem=expired"
    assert f"   {replay}" in result.stdout.splitlines()  # longer than 40 columns: the terminal wraps it, softly


def test_search_replay_names_the_language_the_results_followed_as_diagnose_does() -> None:
    """kyuugaku is romaji: the results, and the walk of diagnose --query, are in Japanese under an English UI."""
    found = json.loads(invoke("search", "kyuugaku", "--json", "-n", "1").stdout)  # type: ignore[attr-defined]
    walked = json.loads(invoke("diagnose", "--query", "kyuugaku", "--json").stdout)  # type: ignore[attr-defined]
    assert found["lang"] == "ja" and "--lang ja" in found["results"][0]["replay"]
    assert found["results"][0]["replay"] == walked["replay"]
    shown = invoke("search", "kyuugaku", "-n", "1").stdout.splitlines()  # type: ignore[attr-defined]
    assert f"   {walked['replay']}" in shown


def test_search_with_no_match_says_so_and_succeeds() -> None:
    result = invoke("search", "zzzz")
    assert result.exit_code == 0
    assert result.stdout.strip() == "Nothing matched “zzzz”. Try other words, or see `uec-helper list`."  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("query", "echoed"),
    [
        ("forgot my password", "forgot my password"),
        ("a\n\tb\u3000 c", "a b c"),  # on one line
        ("x" * 80, "x" * 80),
        ("x" * 81, "x" * 79 + "…"),
        ("word " * 40, ("word " * 16).rstrip() + "…"),  # no space before the ellipsis
    ],
)
def test_a_line_quotes_a_query_on_one_line_and_cuts_it_to_80_characters(query: str, echoed: str) -> None:
    assert lookup.echoed_query(query) == echoed


LONG_QUERY = "qzx " * 25_000  # a paste of 100,000 characters that matches nothing


def test_search_quotes_a_long_query_cut_when_nothing_matches() -> None:
    result = invoke("search", LONG_QUERY)
    assert result.exit_code == 0
    echoed = lookup.echoed_query(LONG_QUERY)
    assert len(echoed) == 80 and echoed.endswith("…")
    shown = " ".join(result.stdout.split())  # type: ignore[attr-defined]  # wrapped to the terminal's width
    assert shown == f"Nothing matched “{echoed}”. Try other words, or see `uec-helper list`."
    searched = json.loads(invoke("search", LONG_QUERY, "--json").stdout)["query"]  # type: ignore[attr-defined]
    assert len(searched) == MAX_QUERY_CHARS  # what was searched, whole


def test_diagnose_query_quotes_a_long_query_cut_in_its_error() -> None:
    result = invoke("diagnose", "--query", LONG_QUERY, "--json")
    assert result.exit_code == 2
    error = json.loads(result.stdout)["error"]  # type: ignore[attr-defined]
    assert error["message"].startswith(f"nothing matches '{lookup.echoed_query(LONG_QUERY)}';")
    assert len(error["message"]) < 200 and len(error["query"]) == MAX_QUERY_CHARS


def test_empty_query_is_a_usage_error() -> None:
    result = invoke("search", "  ")
    assert result.exit_code == 2
    assert "the query is empty" in result.stderr  # type: ignore[attr-defined]


def test_query_space_is_pythons_whitespace_and_the_byte_order_mark() -> None:
    python_space = {chr(point) for point in range(0x110000) if chr(point).isspace()}
    assert set(lookup.QUERY_SPACE) == python_space | {"\ufeff"}


def test_a_query_is_trimmed_of_a_byte_order_mark_and_control_spaces() -> None:
    plain = json.loads(invoke("search", "forgot password", "--json").stdout)  # type: ignore[attr-defined]
    result = invoke("search", "\ufeff forgot password\x1f\x85", "--json")
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    assert json.loads(result.stdout) == plain  # type: ignore[attr-defined]
    empty = invoke("search", "\ufeff\x1c\x1f")
    assert empty.exit_code == 2 and "the query is empty" in empty.stderr  # type: ignore[attr-defined]


def test_diagnose_query_jumps_to_the_best_match() -> None:
    result = invoke("diagnose", "--query", "password expired", "--json")
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    data = json.loads(result.stdout)  # type: ignore[attr-defined]
    assert data["outcome"]["id"] == "reissue"
    answers = "--answer topic=password --answer password-problem=expired"
    assert data["replay"] == f"uec-helper --trees {SEARCH} diagnose account {answers}"


def test_diagnose_query_answers_flags_override_the_match() -> None:
    result = invoke("diagnose", "--query", "password expired", "-a", "password-problem=forgot", "--json")
    assert json.loads(result.stdout)["path"][-1]["choice"] == "forgot"  # type: ignore[attr-defined]


def test_diagnose_query_without_a_match_exits_2() -> None:
    result = invoke("diagnose", "--query", "zzzz qqqq", "--json")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["error"]["code"] == "no-match"  # type: ignore[attr-defined]


def test_diagnose_query_with_a_tree_searches_only_that_tree() -> None:
    result = invoke("diagnose", "mini", "--query", "password", "--json")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["error"]["code"] == "unknown-tree"  # type: ignore[attr-defined]


def test_menu_describe_entry_searches_and_pre_answers_the_path(keys: PipeInput, kb: KnowledgeBase) -> None:
    keys.send_text(ENTER + "forgot my pasword" + ENTER + ENTER)
    start = choose_tree(
        kb, ProblemMenu(sorted(kb.trees)), QuestionaryChooser(80, input=keys, output=DummyOutput()), Language("en")
    )
    assert start == ("account", {"topic": "password", "password-problem": "forgot"})


def test_menu_asks_for_the_index_it_is_given_once(keys: PipeInput, kb: KnowledgeBase) -> None:
    asked: list[SearchIndex] = []

    def index() -> SearchIndex:
        asked.append(SearchIndex(kb))
        return asked[-1]

    keys.send_text(ENTER + "zzzz" + ENTER + ENTER + "forgot my pasword" + ENTER + ENTER)
    menu = ProblemMenu(sorted(kb.trees), index=index)
    start = choose_tree(kb, menu, QuestionaryChooser(80, input=keys, output=DummyOutput()), Language("en"))
    assert start == ("account", {"topic": "password", "password-problem": "forgot"}) and len(asked) == 1


def test_menu_description_is_cut_to_the_longest_query_before_searching(keys: PipeInput, kb: KnowledgeBase) -> None:
    heard: list[str] = []
    keys.send_text(ENTER + "forgot my pasword " + "x" * (MAX_QUERY_CHARS + 500) + ENTER + ENTER)
    menu = ProblemMenu(sorted(kb.trees), on_search=lambda query, top, chosen: heard.append(query))
    start = choose_tree(kb, menu, QuestionaryChooser(80, input=keys, output=DummyOutput()), Language("en"))
    assert start == ("account", {"topic": "password", "password-problem": "forgot"})
    assert [len(query) for query in heard] == [MAX_QUERY_CHARS]


def test_menu_back_from_the_matches_returns_to_the_menu(keys: PipeInput, kb: KnowledgeBase) -> None:
    # describe -> "休学" -> one match, then Back -> menu -> the tree itself
    keys.send_text(ENTER + "休学" + ENTER + DOWN + ENTER + DOWN + ENTER)
    assert choose_tree(
        kb, ProblemMenu(sorted(kb.trees)), QuestionaryChooser(80, input=keys, output=DummyOutput()), Language("ja")
    ) == ("account", {})


# The menu's description follows its language as diagnose --query does; the
# line names the menu's own switch, not --lang (the walk is under way).
MENU_FOLLOWED_JA = "検索語が日本語なので、日本語で質問します(英語は「日本語 / English」)。"
MENU_KEPT_JA = "検索語は英語のようです:「日本語 / English」で英語で質問します。"


def described(keys: PipeInput, kb: KnowledgeBase, language: Language, typed: str, follows: bool = True) -> object:
    """The problem menu's description with `typed` (keys already sent for the
    menu before it and the matches after it), on a person's menu or the agent's."""
    keys.send_text(ENTER + typed + ENTER + ENTER)
    menu = ProblemMenu(sorted(kb.trees), follows_query=follows)
    return choose_tree(kb, menu, QuestionaryChooser(80, input=keys, output=DummyOutput()), language)


def test_menu_description_in_the_other_language_continues_the_walk_in_it(
    keys: PipeInput, kb: KnowledgeBase, capsys: pytest.CaptureFixture[str]
) -> None:
    language = Language("en")
    assert described(keys, kb, language, "アカウント") == ("account", {})
    assert language.current == "ja" and not language.chosen  # a later description may switch it again
    # The matches are asked in Japanese, under the one line saying why (each prompt is echoed once answered).
    assert f"? {MENU_FOLLOWED_JA}\nどれがお困りごとに近いですか?\n" in capsys.readouterr().out
    keys.send_text(DOWN + ENTER)  # 休学している
    person = PersonAnswerer(QuestionaryChooser(80, input=keys, output=DummyOutput()), language, from_menu=True)
    walk = run(Walk(kb, kb.trees["account"]), person)
    assert walk.outcome is not None and walk.outcome.id == "use-on-leave"
    assert "? 何についてですか?\n" in capsys.readouterr().out


def test_menu_description_that_matches_nothing_says_so_in_its_language(
    keys: PipeInput, kb: KnowledgeBase, capsys: pytest.CaptureFixture[str]
) -> None:
    language = Language("en")
    keys.send_text(ENTER + "印刷機" + ENTER + DOWN + ENTER)  # then the tree itself, from the menu in Japanese
    menu = ProblemMenu(sorted(kb.trees), follows_query=True)
    assert choose_tree(kb, menu, QuestionaryChooser(80, input=keys, output=DummyOutput()), language) == ("account", {})
    no_match = "「印刷機」に合うものがありませんでした。どのようなお困りごとですか?"
    assert f"? {MENU_FOLLOWED_JA}\n{no_match}\n   アカウントのトラブル\n" in capsys.readouterr().out
    assert language.current == "ja"


def test_menu_description_keeps_a_chosen_language_with_a_hint(
    keys: PipeInput, kb: KnowledgeBase, capsys: pytest.CaptureFixture[str]
) -> None:
    language = Language("en")
    keys.send_text("l" + ENTER)  # 日本語 / English: the person's own choice
    assert described(keys, kb, language, "leave of absence") == ("account", {"topic": "leave"})
    assert language.current == "ja"
    assert f"? {MENU_KEPT_JA}\nどれがお困りごとに近いですか?\n   休学中も使えます — アカウントのトラブル\n" in (
        capsys.readouterr().out
    )
    chosen = Language("en", chosen=True)  # --lang en
    assert described(keys, kb, chosen, "休学") == ("account", {"topic": "leave"})
    assert chosen.current == "en" and "The query looks Japanese: “日本語 / English” asks in Japanese.\n" in (
        capsys.readouterr().out
    )


MENU_KEPT_EN = "The query looks Japanese: “日本語 / English” asks in Japanese."
PICK_MATCH_EN, PICK_MATCH_JA = "Which of these matches your problem?", "どれがお困りごとに近いですか?"


def test_the_matches_offer_the_language_switch_their_line_names_and_show_the_same_query_in_it(
    keys: PipeInput, kb: KnowledgeBase, capsys: pytest.CaptureFixture[str]
) -> None:
    language, heard = Language("en"), list[tuple[str, str | None, bool]]()
    # describe -> Japanese, followed; l: the same matches in English, under the hint; pick the first
    keys.send_text(ENTER + "パスワードを忘れた" + ENTER + "l" + ENTER + ENTER)
    menu = ProblemMenu(sorted(kb.trees), follows_query=True, on_search=lambda *searched: heard.append(searched))
    start = choose_tree(kb, menu, QuestionaryChooser(80, input=keys, output=DummyOutput()), language)
    assert start == ("account", {"topic": "password", "password-problem": "forgot"})
    assert (language.current, language.chosen) == ("en", True)
    assert (
        f"? {MENU_FOLLOWED_JA}\n{PICK_MATCH_JA}\n   日本語 / English\n"
        f"? {MENU_KEPT_EN}\n{PICK_MATCH_EN}\n   Have the password reissued — Trouble with my account\n"
    ) in capsys.readouterr().out
    assert heard == [("パスワードを忘れた", "reissue", True)]  # one search heard, however often shown


def test_switching_the_matches_back_to_the_querys_language_drops_the_line_and_back_still_works(
    keys: PipeInput, kb: KnowledgeBase, capsys: pytest.CaptureFixture[str]
) -> None:
    language, heard = Language("en"), list[tuple[str, str | None, bool]]()
    # Japanese matches -> English -> Japanese again (no line: the query is Japanese) -> Back -> the menu in Japanese
    keys.send_text(ENTER + "パスワードを忘れた" + ENTER + "l" + ENTER + "l" + ENTER + "b" + ENTER + DOWN + ENTER)
    menu = ProblemMenu(sorted(kb.trees), follows_query=True, on_search=lambda *searched: heard.append(searched))
    start = choose_tree(kb, menu, QuestionaryChooser(80, input=keys, output=DummyOutput()), language)
    assert start == ("account", {}) and language.current == "ja"
    assert (
        f"? {MENU_KEPT_EN}\n{PICK_MATCH_EN}\n   日本語 / English\n"
        f"? {PICK_MATCH_JA}\n   ← 戻る\n? どのようなお困りごとですか?\n   アカウントのトラブル\n"
    ) in capsys.readouterr().out
    assert heard == [("パスワードを忘れた", "reissue", False)]


def test_the_agents_matches_switch_language_without_a_line(
    keys: PipeInput, kb: KnowledgeBase, capsys: pytest.CaptureFixture[str]
) -> None:
    """The agent's screen keeps its language, so no line; the switch is there as on the agent's menu."""
    keys.send_text(ENTER + "パスワードを忘れた" + ENTER + "l" + ENTER + ENTER)
    menu = ProblemMenu(sorted(kb.trees))
    start = choose_tree(kb, menu, QuestionaryChooser(80, input=keys, output=DummyOutput()), Language("en"))
    assert start == ("account", {"topic": "password", "password-problem": "forgot"})
    assert (
        f"? {PICK_MATCH_EN}\n   日本語 / English\n"
        f"? {PICK_MATCH_JA}\n   パスワードを再発行してください — アカウントのトラブル\n"
    ) in capsys.readouterr().out


def test_the_plain_matches_switch_language_and_list_the_same_querys_matches_in_it(kb: KnowledgeBase) -> None:
    language, shown = Language("en"), io.StringIO()
    typed = io.StringIO("1\nパスワードを忘れた\nl\n1\n")
    menu = ProblemMenu(sorted(kb.trees), follows_query=True)
    start = choose_tree(kb, menu, PlainChooser(stdin=typed, stdout=shown), language)
    assert start == ("account", {"topic": "password", "password-problem": "forgot"})
    japanese = f"{MENU_FOLLOWED_JA}\n{PICK_MATCH_JA}\n  1. パスワードを再発行してください — アカウントのトラブル\n"
    english = (
        f"{MENU_KEPT_EN}\n{PICK_MATCH_EN}\n  1. Have the password reissued — Trouble with my account\n"
        "  2. Trouble with my account\n  b. ← Back\n  l. 日本語 / English\n"
    )
    assert japanese in shown.getvalue() and english in shown.getvalue()


def test_menu_description_of_gibberish_keeps_the_language_and_quotes_it_cut(
    keys: PipeInput, kb: KnowledgeBase, capsys: pytest.CaptureFixture[str]
) -> None:
    """No word of either language: the Japanese menu stays Japanese, says no
    line on the language, and quotes the description cut to a line."""
    language = Language("ja")
    typed = "zzzqqq xyzzy " * 20
    keys.send_text(ENTER + typed + ENTER + DOWN + ENTER)  # then the tree itself
    menu = ProblemMenu(sorted(kb.trees), follows_query=True)
    assert choose_tree(kb, menu, QuestionaryChooser(80, input=keys, output=DummyOutput()), language) == ("account", {})
    assert language.current == "ja"
    shown = " ".join(capsys.readouterr().out.split())  # the prompt wraps at 80 columns
    assert f"? 「{lookup.echoed_query(typed)}」に合うものがありませんでした。どのようなお困りごとですか? " in shown
    assert "英語" not in shown and "English" not in shown.replace("日本語 / English", "")


@pytest.mark.parametrize(
    ("typed", "follows"), [("forgot my password", True), ("akaunto password", True), ("アカウント", False)]
)
def test_menu_description_keeps_the_language_without_a_line(
    keys: PipeInput, kb: KnowledgeBase, capsys: pytest.CaptureFixture[str], typed: str, follows: bool
) -> None:
    """In the UI's language, in no clear language (mixed), or on the agent's menu."""
    language = Language("en")
    assert described(keys, kb, language, typed, follows)[0] == "account"  # type: ignore[index]
    assert language.current == "en"
    assert "? Which of these matches your problem?\n" in capsys.readouterr().out


def test_synthetic_knowledge_base_is_valid(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from synthetic import write
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    assert write(tmp_path, 45, 11, seed=1) == 5  # 11, 11, 11, 10, 2: never a tree of one outcome
    assert [d for d in validate_folder(tmp_path) if d.severity == "error"] == []
    assert len(load_folder(tmp_path).knowledge.outcomes) == 45


def _mini_beside_a_broken_tree(folder: Path) -> Path:
    """mini.yaml, and a tree 'ends' whose outcome is defined in a broken file: diagnose refuses 'ends'."""
    (folder / "mini.yaml").write_text((GOOD / "mini.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    for source in (FIXTURES / "attacks" / "broken-outcome").iterdir():
        (folder / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def test_search_never_leads_to_a_tree_diagnose_refuses(tmp_path: Path) -> None:
    folder = _mini_beside_a_broken_tree(tmp_path)
    refused = runner.invoke(app, ["--trees", str(folder), "diagnose", "ends", "-a", "q=a"])
    assert refused.exit_code == 1 and "tree 'ends' has errors" in refused.stderr
    for query in ("ends", "mini"):
        result = runner.invoke(app, ["--trees", str(folder), "search", query, "--json"])
        assert result.exit_code == 0, result.stderr
        trees = {hit["tree"] for hit in json.loads(result.stdout)["results"]}
        assert "ends" not in trees
    assert {
        hit["tree"]
        for hit in json.loads(runner.invoke(app, ["--trees", str(folder), "search", "mini", "--json"]).stdout)[
            "results"
        ]
    } == {"mini"}


def test_diagnose_query_never_starts_a_tree_it_would_refuse(tmp_path: Path) -> None:
    folder = _mini_beside_a_broken_tree(tmp_path)
    result = runner.invoke(app, ["--trees", str(folder), "diagnose", "--query", "ends", "--json"])
    assert result.exit_code == 2, result.stdout
    assert json.loads(result.stdout)["error"]["code"] == "no-match"
