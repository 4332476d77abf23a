"""Checks the shipped trees: they load cleanly, every scenario in
scenarios.yaml reaches its outcome showing the key facts, every outcome is
covered in both languages, and every entry of the ITC's FAQ has an outcome."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from uec_helper.knowledge.loader import load_folder
from uec_helper.knowledge.model import KnowledgeBase
from uec_helper.knowledge.validate import check_knowledge
from uec_helper.views import outcome_view, walk_view
from uec_helper.walk.engine import Walk

ROOT = Path(__file__).resolve().parent.parent
TREES = ROOT / "trees"
SCENARIOS_FILE = Path(__file__).resolve().parent / "scenarios.yaml"
LANGS = ("en", "ja")

# The ITC's FAQ (uec-account-faq.txt), in its order: entry -> (question,
# outcomes that carry its answer).
FAQ_ENTRIES: dict[int, tuple[str, list[str]]] = {
    1: ("What is the UEC account?", ["what-is-uec-account"]),
    2: (
        "How and where is the UEC account issued and distributed",
        ["account-issue-students", "account-issue-faculty"],
    ),
    3: (
        "I received an email with my UEC account notification but cannot read the contents",
        ["notification-email-unreadable"],
    ),
    4: (
        "I have not received my UEC account notification email after the previously communicated time period",
        ["notification-email-not-received"],
    ),
    5: ("Does the UEC have an expiry date?", ["account-has-expiry"]),
    6: ("Can I use the UEC account while on leave from the university?", ["account-on-leave"]),
    7: (
        "The password expiry date has passed and I am unable to use the UEC account. What should I do?",
        ["reissue-password"],
    ),
    8: ("I have forgotten my UEC account password. What should I do?", ["reissue-password"]),
    9: (
        "When I tried to log in, I was asked for an authentication code in addition to the password. "
        "What should I enter?",
        ["enter-auth-code", "set-up-2fa"],
    ),
    10: (
        "I am unable to log into WebClass, which I was previously able to access. What should I do?",
        ["reissue-password", "set-up-2fa", "account-period-over", "webclass-contact-elearning"],
    ),
    11: (
        "I am unable to log into the academic information system, which I was previously able to access. "
        "What should I do?",
        [
            "complete-pledge-and-infoss",
            "reissue-password",
            "set-up-2fa",
            "account-period-over",
            "academic-system-contact-academic-affairs",
        ],
    ),
    12: (
        "I am due to be appointed, but I need a UEC account for preparation. What should I do?",
        ["account-before-appointment"],
    ),
    13: (
        "I was contacted by email or telephone by somebody saying they wanted me to tell them my "
        "UEC account password ... What should I do?",
        [
            "phishing-password-request",
            "aruba-web-login-legitimate",
            "password-leaked-contact-csirt",
            "uec-domain-password-page",
        ],
    ),
    14: (
        "What happens to my UEC account after graduation, completion or retirement?",
        ["after-graduation-retirement"],
    ),
    15: (
        "I have moved on to graduate school. Can I still use the undergraduate UEC account?",
        ["moving-to-graduate-school"],
    ),
    16: ("I have forgotten my 2-factor authentication settings", ["forgot-2fa-settings", "set-up-vpn"]),
    17: (
        "There is a message that says 2-factor authentication is not set. ... What should I do?",
        ["message-2fa-not-set", "set-up-vpn"],
    ),
    18: (
        "Some servers failed to change the user information. Please contact your system administrator. "
        "message appeared. What should I do?",
        ["some-servers-failed-harmless"],
    ),
    19: (
        "The one-time password email setting for the integrated authentication system is not reflected "
        "even after the setting has been changed. What should I do?",
        ["otp-email-not-updated"],
    ),
    20: (
        "学振 (JSPS) DC の学生です.旅費システムを使うためのアカウントが必要です.どうしたら良いですか?",
        ["jsps-dc-travel-system"],
    ),
}


def _load_scenarios() -> list[dict[str, Any]]:
    data = yaml.safe_load(SCENARIOS_FILE.read_text(encoding="utf-8"))
    assert isinstance(data, list), "scenarios.yaml must be a list"
    return data


SCENARIOS = _load_scenarios()


def _scenario_id(scenario: dict[str, Any]) -> str:
    path = ",".join(f"{q}={c}" for q, c in scenario["answers"].items())
    return f"{scenario['lang']}:{scenario['tree']}[{path}]->{scenario['outcome']}"


@pytest.fixture(scope="module")
def loaded():
    return load_folder(TREES)


@pytest.fixture(scope="module")
def kb(loaded) -> KnowledgeBase:
    return loaded.knowledge


def test_trees_load_without_errors(loaded) -> None:
    errors = [str(d) for d in loaded.diagnostics if d.severity == "error"]
    assert errors == []


def test_trees_have_no_problems(loaded) -> None:
    problems = [str(d) for d in loaded.diagnostics + check_knowledge(loaded.knowledge)]
    assert problems == []


def walk_to_outcome(kb: KnowledgeBase, tree_id: str, answers: dict[str, str]) -> Walk:
    walk = Walk(kb, kb.trees[tree_id])
    asked: list[str] = []
    while not walk.finished:
        question = walk.question
        assert question is not None
        assert question.id in answers, f"no answer for question '{question.id}' (asked so far: {asked})"
        asked.append(question.id)
        walk = walk.answer(answers[question.id])
    assert asked == list(answers), f"answers given for questions never asked: {set(answers) - set(asked)}"
    return walk


@pytest.mark.parametrize("scenario", SCENARIOS, ids=_scenario_id)
def test_scenario(kb: KnowledgeBase, scenario: dict[str, Any]) -> None:
    assert scenario["lang"] in LANGS
    assert scenario["tree"] in kb.trees, f"unknown tree '{scenario['tree']}'"
    walk = walk_to_outcome(kb, scenario["tree"], scenario["answers"])
    assert walk.outcome is not None
    assert walk.outcome.id == scenario["outcome"]
    text = json.dumps(walk_view(walk, scenario["lang"]).to_json(), ensure_ascii=False)
    assert scenario["facts"], "a scenario must name the facts its outcome shows"
    missing = [fact for fact in scenario["facts"] if fact not in text]
    assert missing == [], f"facts missing from the {scenario['lang']} outcome: {missing}"


def test_every_outcome_has_a_scenario_in_each_language(kb: KnowledgeBase) -> None:
    covered = {(s["outcome"], s["lang"]) for s in SCENARIOS}
    uncovered = sorted(
        f"{outcome_id} ({lang})" for outcome_id in kb.outcomes for lang in LANGS if (outcome_id, lang) not in covered
    )
    assert uncovered == []


# Outcomes whose facts come from an ITC page other than the UEC account FAQ:
# outcome id -> the page it is drawn from.
CLOUD_PAGES = (
    "UEC Cloud Account pages https://www.cc.uec.ac.jp/ug/en/cloud_account/index.html and "
    "https://www.cc.uec.ac.jp/ug/ja/cloud_account/index.html, and the UEC Cloud Account FAQ "
    "https://www.cc.uec.ac.jp/ug/en/cloud_account/faq.html"
)
OTHER_SOURCES: dict[str, str] = {
    "cloud-account-what-is": CLOUD_PAGES,
    "cloud-first-sign-in": CLOUD_PAGES,
    "cloud-forgot-password": CLOUD_PAGES,
    "cloud-password-admin-reset": CLOUD_PAGES,
    "cloud-change-password": CLOUD_PAGES,
    "cloud-after-leaving": CLOUD_PAGES + "; https://www.cc.uec.ac.jp/ug/en/guidance/close_account.html",
    "login-other-service-ask-itc": "FAQ entries 10, 11 and 13 (the causes; the ITC's address support@cc.uec.ac.jp)",
}


def test_every_outcome_states_where_its_facts_come_from(kb: KnowledgeBase) -> None:
    answering = {outcome for _, outcomes in FAQ_ENTRIES.values() for outcome in outcomes}
    unsourced = sorted(set(kb.outcomes) - answering - set(OTHER_SOURCES))
    assert unsourced == [], (
        "these outcomes answer no FAQ entry: add them to FAQ_ENTRIES, or to OTHER_SOURCES "
        "in tests/test_content.py with the ITC page their facts come from"
    )


@pytest.mark.parametrize("entry", sorted(FAQ_ENTRIES), ids=lambda n: f"faq-{n:02d}")
def test_faq_entry_has_reached_outcomes(kb: KnowledgeBase, entry: int) -> None:
    question, outcome_ids = FAQ_ENTRIES[entry]
    assert outcome_ids, f"FAQ {entry} ({question}) has no outcome"
    reached = {s["outcome"] for s in SCENARIOS}
    for outcome_id in outcome_ids:
        assert outcome_id in kb.outcomes, f"FAQ {entry}: outcome '{outcome_id}' does not exist"
        assert outcome_id in reached, f"FAQ {entry}: outcome '{outcome_id}' is reached by no scenario"


def test_every_choice_is_taken_by_a_scenario(kb: KnowledgeBase) -> None:
    # Every answer a caller can give is walked somewhere, so no path goes untested.
    taken = {
        (step.tree.id, step.question.id, step.choice.id)
        for scenario in SCENARIOS
        for step in walk_to_outcome(kb, scenario["tree"], scenario["answers"]).steps
    }
    untaken = sorted(
        f"{tree.id}: {question.id}={choice.id}"
        for tree in kb.trees.values()
        for question in tree.questions
        for choice in question.choices
        if (tree.id, question.id, choice.id) not in taken
    )
    assert untaken == []


def _outcome_text(kb: KnowledgeBase, outcome_id: str, lang: str) -> str:
    outcome = kb.outcomes[outcome_id]
    parts = [outcome.title, outcome.body, *outcome.steps, *outcome.warnings, *(s.title for s in outcome.see_also)]
    return " ".join(" ".join(text.get(lang).split()) for text in parts)  # type: ignore[arg-type]


# The four statements issue 12 found wrong, each kept right by a test.
def test_account_name_is_family_initial_plus_number_for_everyone(kb: KnowledgeBase) -> None:
    english = _outcome_text(kb, "what-is-uec-account", "en")
    assert "the first letter of your family name in the alphabet (with some exceptions) followed by a number" in english
    assert "without its last digit" in english and "x2000000" in english
    assert "students use their student number;" not in english
    assert "姓の頭文字（アルファベット。一部例外あり）に続けて番号" in _outcome_text(kb, "what-is-uec-account", "ja")


def test_red_frame_is_said_to_be_on_the_faq_screenshot(kb: KnowledgeBase) -> None:
    assert "drawn on the screenshot in the FAQ, not on your screen" in _outcome_text(kb, "otp-email-not-updated", "en")
    assert "実際の画面には表示されません" in _outcome_text(kb, "otp-email-not-updated", "ja")
    assert "https://www.cc.uec.ac.jp/ug/en/account/faq.html" in [
        s.url for s in kb.outcomes["otp-email-not-updated"].see_also
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_the_account_notification_is_never_called_an_application_form(kb: KnowledgeBase, lang: str) -> None:
    texts = {outcome_id: _outcome_text(kb, outcome_id, lang) for outcome_id in kb.outcomes}
    assert [o for o, text in texts.items() if "申請書" in text or "application form" in text] == []
    assert "UEC アカウント登録票" in _outcome_text(kb, "account-issue-students", "ja")


def test_itc_office_has_its_own_name_and_floor(kb: KnowledgeBase) -> None:
    office = kb.contacts["itc-office"]
    assert office.name.ja == "情報基盤センター業務事務室"
    assert office.location is not None and office.location.ja == "東 3 号館 4 階"


def test_every_itc_page_link_states_its_language(kb: KnowledgeBase) -> None:
    wrong = [
        f"{outcome.id}: {s.url} (lang: {s.lang})"
        for outcome in kb.outcomes.values()
        for s in outcome.see_also
        if s.url and (m := re.match(r"https://www\.cc\.uec\.ac\.jp/ug/(en|ja)/", s.url)) and s.lang != m.group(1)
    ]
    assert wrong == []


@pytest.mark.parametrize("lang", LANGS)
def test_readers_see_the_pages_in_their_own_language_first(kb: KnowledgeBase, lang: str) -> None:
    page_lang = {s.url: s.lang for o in kb.outcomes.values() for s in o.see_also}
    for outcome in kb.outcomes.values():
        shown = [page_lang[doc.url] for doc in outcome_view(kb, outcome, lang).see_also]  # type: ignore[arg-type]
        others = [n for n, page in enumerate(shown) if page not in (None, lang)]
        assert not others or all(page not in (None, lang) for page in shown[others[0] :]), outcome.id
    first = outcome_view(kb, kb.outcomes["what-is-uec-account"], lang).see_also[0].url  # type: ignore[arg-type]
    assert f"/ug/{lang}/account/" in first
