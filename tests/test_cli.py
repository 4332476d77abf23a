from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from uec_helper import __version__
from uec_helper.cli import app
from uec_helper.ui_text import UI

from .builders import DONE_OUTCOME, chain_tree
from .conftest import GOOD, SHIPPED_TREES

runner = CliRunner()


def invoke(*args: str, trees: object = GOOD, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["--trees", str(trees), *args], env={"UEC_HELPER_LANG": "en", **(env or {})})


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"uec-helper {__version__}"


def test_scripted_diagnose_json_contract() -> None:
    result = invoke("diagnose", "mini", "--answer", "first=more", "--answer", "second=right", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["tree"] == "mini" and data["lang"] == "en"
    assert data["path"] == [
        {"question": "first", "text": "First question?", "choice": "more", "label": "Tell me more"},
        {"question": "second", "text": "Second question?", "choice": "right", "label": "Right"},
    ]
    assert data["outcome"] == {
        "id": "call-desk",
        "title": "Call the desk",
        "body": "Ask the desk.",
        "steps": [],
        "warnings": [],
        "contacts": [
            {
                "id": "desk",
                "name": "Help desk",
                "email": "desk@example.org",
                "phone": None,
                "extension": "1234",
                "location": "Room 1",
                "url": None,
            }
        ],
        "see_also": [],
    }
    assert data["replay"] == f"uec-helper --trees {GOOD} diagnose mini --answer first=more --answer second=right"


def test_scripted_diagnose_in_japanese() -> None:
    result = invoke("diagnose", "mini", "-a", "first=done", "--lang", "ja", "--json")
    data = json.loads(result.stdout)
    assert data["lang"] == "ja"
    assert data["outcome"]["title"] == "すぐ直る"
    assert data["outcome"]["steps"] == ["手順1.", "手順2."]
    assert data["outcome"]["see_also"] == [{"title": "ガイド", "url": "https://example.org/guide"}]


def test_missing_answer_reports_question_and_choices() -> None:
    result = invoke("diagnose", "mini", "-a", "first=more", "--json")
    assert result.exit_code == 2
    error = json.loads(result.stdout)["error"]
    assert error["code"] == "missing-answer"
    assert error["question"] == "second"
    assert error["text"] == "Second question?"
    assert error["choices"] == ["left", "right"]
    assert "left, right" in result.stderr and result.stderr.count("\n") == 1


def test_missing_answer_without_json_prints_one_line_and_no_prompt() -> None:
    result = invoke("diagnose", "mini")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("uec-helper: error: no answer for question 'first'")
    assert "more, done" in result.stderr


def test_invalid_answer_suggests_the_closest_choice() -> None:
    result = invoke("diagnose", "mini", "-a", "first=mroe", "--json")
    assert result.exit_code == 2
    error = json.loads(result.stdout)["error"]
    assert error["code"] == "invalid-answer"
    assert error["choices"] == ["more", "done"]
    assert "did you mean 'more'?" in error["message"]


def test_unknown_tree_suggests_the_closest_tree() -> None:
    result = invoke("diagnose", "mimi", "--json")
    assert result.exit_code == 2
    error = json.loads(result.stdout)["error"]
    assert error["code"] == "unknown-tree"
    assert error["trees"] == ["mini"]
    assert "did you mean 'mini'?" in error["message"]


def test_unknown_question_in_answer() -> None:
    result = invoke("diagnose", "mini", "-a", "frist=more")
    assert result.exit_code == 2
    assert "tree 'mini' has no question 'frist'; did you mean 'first'?" in result.stderr


@pytest.mark.parametrize("flag", ["first", "=more", "first="])
def test_malformed_answer_flag(flag: str) -> None:
    result = invoke("diagnose", "mini", "--answer", flag)
    assert result.exit_code == 2
    assert "expected QUESTION=CHOICE" in result.stderr


def test_answers_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    answers = tmp_path / "answers.yaml"
    answers.write_text("first: more\nsecond: left\n", encoding="utf-8")
    result = invoke("diagnose", "mini", "--answers-file", str(answers), "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["outcome"]["id"] == "quick-fix"


def test_answers_file_that_is_not_a_mapping(tmp_path) -> None:  # type: ignore[no-untyped-def]
    answers = tmp_path / "answers.yaml"
    answers.write_text("- first\n- more\n", encoding="utf-8")
    result = invoke("diagnose", "mini", "--answers-file", str(answers))
    assert result.exit_code == 2
    assert "answers.yaml:1:1: the answers file must be a mapping" in result.stderr


def test_flags_override_the_answers_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    answers = tmp_path / "answers.yaml"
    answers.write_text("first: more\nsecond: left\n", encoding="utf-8")
    result = invoke("diagnose", "mini", "--answers-file", str(answers), "-a", "second=right", "--json")
    assert json.loads(result.stdout)["outcome"]["id"] == "call-desk"


def test_bad_lang_is_a_usage_error() -> None:
    result = invoke("diagnose", "mini", "--lang", "fr")
    assert result.exit_code == 2
    assert "unknown language 'fr'; use 'en' or 'ja'" in result.stderr


@pytest.mark.parametrize(
    ("value", "lang"),
    [
        *[("JA", "ja"), ("Ja", "ja"), ("ja_JP", "ja"), ("ja_JP.UTF-8", "ja"), ("ja-JP", "ja")],
        *[("EN", "en"), ("en_US.UTF-8", "en"), ("en-GB", "en"), ("en_GB.UTF-8@euro", "en")],
    ],
)
@pytest.mark.parametrize("given_as", ["env", "flag"])
def test_lang_takes_any_case_and_locale_names_by_their_language_part(value: str, lang: str, given_as: str) -> None:
    other = "en" if lang == "ja" else "ja"  # the other source never decides
    if given_as == "env":
        result = invoke("list", "--json", env={"UEC_HELPER_LANG": value})
    else:
        result = invoke("list", "--json", "--lang", value, env={"UEC_HELPER_LANG": other})
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["trees"][0]["title"] == {"en": "Mini tree", "ja": "ミニツリー"}[lang]


@pytest.mark.parametrize("value", ["fr", "japanese", "jaJP", "C.UTF-8", "ja_", "_ja", "ja jp", "ｊａ", "ja-"])
def test_any_other_lang_is_one_line_naming_the_source_and_the_valid_values(value: str) -> None:
    from_env = invoke("list", env={"UEC_HELPER_LANG": value})
    from_flag = invoke("list", "--lang", value)
    for result, source in ((from_env, "UEC_HELPER_LANG"), (from_flag, "--lang")):
        assert result.exit_code == 2
        assert result.stderr == f"uec-helper: error: {source}: unknown language '{value}'; use 'en' or 'ja'\n"


def test_lang_defaults_to_japanese_under_a_japanese_locale() -> None:
    result = runner.invoke(
        app,
        ["--trees", str(GOOD), "diagnose", "mini", "-a", "first=done", "--json"],
        env={"UEC_HELPER_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "ja_JP.UTF-8"},
    )
    assert json.loads(result.stdout)["lang"] == "ja"


def test_no_tree_without_a_terminal_lists_the_trees() -> None:
    result = invoke("diagnose", "--json")
    assert result.exit_code == 2
    error = json.loads(result.stdout)["error"]
    assert error["code"] == "missing-tree" and error["trees"] == ["mini"]


def test_rich_rendering_shows_every_part_of_the_outcome() -> None:
    result = invoke("diagnose", "mini", "-a", "first=more", "-a", "second=right")
    assert result.exit_code == 0
    for expected in ("Call the desk", "Ask the desk.", "Help desk", "desk@example.org", "1234", "Room 1"):
        assert expected in result.stdout
    assert f"uec-helper --trees {GOOD} diagnose mini --answer first=more --answer second=right" in result.stdout


def test_list_json() -> None:
    result = invoke("list", "--json")
    expected = {"trees": [{"id": "mini", "title": "Mini tree", "summary": "A tree for tests."}]}
    assert json.loads(result.stdout) == expected


def test_show_draws_questions_choices_and_outcomes() -> None:
    result = invoke("show", "mini")
    assert result.exit_code == 0
    for expected in ("First question?", "Tell me more", "Second question?", "Call the desk", "[call-desk]"):
        assert expected in result.stdout


def test_missing_trees_folder(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = invoke("list", trees=tmp_path / "nowhere")
    assert result.exit_code == 2
    assert "trees folder not found" in result.stderr


def test_validate_shipped_trees_is_clean_of_errors() -> None:
    result = runner.invoke(app, ["validate", str(SHIPPED_TREES)])
    assert result.exit_code == 0, result.stdout


def test_shipped_webclass_tree_in_both_languages() -> None:
    for lang, title in (("en", "Have your password reissued"), ("ja", "パスワードを再発行してください")):
        result = runner.invoke(
            app,
            [
                "--trees",
                str(SHIPPED_TREES),
                "diagnose",
                "webclass-login",
                "-a",
                "cause=forgot-password",
                "--lang",
                lang,
                "--json",
            ],
        )
        assert result.exit_code == 0, result.stderr
        assert json.loads(result.stdout)["outcome"]["title"] == title


def test_narrow_terminal_lists_contacts_without_cutting_the_email() -> None:
    result = invoke("diagnose", "mini", "-a", "first=more", "-a", "second=right", env={"COLUMNS": "40"})
    lines = result.stdout.splitlines()
    panel = lines[:-1]
    assert all(len(line) <= 40 for line in panel)
    assert any("  E-mail: desk@example.org" in line for line in panel)
    assert not any("┏" in line for line in panel)
    # The replay command is never broken, so it pastes as one command.
    replay = f"uec-helper --trees {GOOD} diagnose mini --answer first=more --answer second=right"
    assert lines[-1] == f"Reproduce this answer with: {replay}"


@pytest.mark.parametrize("columns", ["66", "80", "100"])
def test_japanese_panel_and_table_align_in_terminal_cells(columns: str) -> None:
    from rich.cells import cell_len

    result = invoke(
        "diagnose", "mini", "-a", "first=more", "-a", "second=right", "--lang", "ja", env={"COLUMNS": columns}
    )
    lines = result.stdout.splitlines()[:-1]  # the panel, without the replay line under it
    # Every line of the panel fills exactly the terminal: double-width characters counted as two cells.
    assert {cell_len(line) for line in lines} == {int(columns)}
    table_rows = [line for line in lines if "ヘルプデスク" in line]
    assert table_rows and all("│ ヘルプデスク │ desk@example.org │" in row for row in table_rows)


def test_a_wrong_choice_for_a_question_the_walk_skips_is_still_reported() -> None:
    result = invoke("diagnose", "mini", "-a", "first=done", "-a", "second=rigth", "--json")
    assert result.exit_code == 2
    error = json.loads(result.stdout)["error"]
    assert (error["code"], error["question"], error["answer"]) == ("invalid-answer", "second", "rigth")
    assert "did you mean 'right'?" in error["message"]


# UI strings looked up through a table rather than a literal `ui("key", …)`
# call: key -> the module whose table names it.
TABLE_KEYS = {
    **dict.fromkeys(("name", "email", "phone", "extension", "location", "url"), "views.py"),
    **dict.fromkeys(
        (
            "stats-sessions",
            "stats-finished",
            "stats-abandoned",
            "stats-with-resolution",
            "stats-unresolved-rate",
            "stats-escalated-rate",
            "stats-median-duration",
            "stats-unmatched",
            "stats-searches",
            "stats-top-chosen-rate",
        ),
        "helpdesk/stats_view.py",
    ),
    # The line on the language a query is answered in, by where it is shown (lookup.NoteWording).
    **dict.fromkeys(
        (
            "search-lang-followed",
            "search-lang-switch",
            "search-lang-hint",
            "diagnose-lang-followed",
            "diagnose-lang-switch",
            "diagnose-lang-hint",
            "menu-lang-switch",
            "menu-lang-hint",
        ),
        "search/lookup.py",
    ),
    # The errors of helpdesk flags given without the one they need, by their ui key (request._refuse_given).
    **dict.fromkeys(("err-agent-only", "err-escalated-only"), "helpdesk/request.py"),
    # The warning on a log line `stats` skips and its hint, by their ui keys (log.Skipped.add).
    **dict.fromkeys(
        ("log-not-a-record", "log-cut-short", "log-line-too-long", "log-no-record-so-long"), "helpdesk/log.py"
    ),
    # The web page puts both languages of a label in the page (its `_ui`) or in the script's data.
    **dict.fromkeys(
        (
            "page-intro",
            "begin",
            "all-problems",
            "search",
            "leads-here",
            "copy",
            "copied",
            "web-search-none",
            "bad-link",
        ),
        "authoring/web_page.py",
    ),
}


def test_every_ui_string_is_used_and_bilingual() -> None:
    package = SHIPPED_TREES.parent / "uec_helper"
    source = "".join(p.read_text("utf-8") for p in package.rglob("*.py"))  # ui_text.py calls ui_message too
    called = set(re.findall(r"\bui(?:_message)?\(\s*[\"']([a-z0-9-]+)[\"']", source))  # ui_message: errors
    prefixes = set(re.findall(r"\bui\(\s*f?[\"']([a-z]+-)(?:\{|[\"'] \+)", source))  # ui(f"lang-{…}"), ui('kind-' + …)
    unused = []
    for key, (en, ja) in UI.items():
        assert en.strip() and ja.strip(), key
        in_table = key in TABLE_KEYS and f'"{key}"' in (package / TABLE_KEYS[key]).read_text("utf-8")
        if key not in called and not in_table and not any(key.startswith(p) for p in prefixes):
            unused.append(key)
    assert unused == []


# Outcomes with the longest addresses: several contacts, a contact URL, long page URLs.
LONG_ADDRESSES = [
    ("receive-account", ["who=staff", "staff-situation=no-email"]),
    ("receive-account", ["who=jsps-dc"]),
    ("password-request", ["how=mail-or-phone"]),
    ("uec-cloud-account", ["cloud-problem=first-sign-in"]),
]


@pytest.mark.parametrize("columns", [20, 30, 40, 50, 60, 66, 80, 120])
@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize(("tree", "answers"), LONG_ADDRESSES, ids=lambda x: x if isinstance(x, str) else ",".join(x))
def test_no_email_address_or_url_is_ever_split_across_lines(
    tree: str, answers: list[str], lang: str, columns: int
) -> None:
    args = ["diagnose", tree, *(a for answer in answers for a in ("-a", answer)), "--lang", lang]
    view = json.loads(invoke(*args, "--json", trees=SHIPPED_TREES).stdout)["outcome"]
    addresses = [c[f] for c in view["contacts"] for f in ("email", "url") if c[f]]
    addresses += [doc["url"] for doc in view["see_also"]]
    assert addresses
    result = invoke(*args, trees=SHIPPED_TREES, env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [a for a in addresses if not any(a in line for line in lines)] == []
    # Only an address wider than the terminal may run past its edge (the terminal wraps it, still whole).
    too_wide = [line for line in lines[:-1] if len(line) > columns and not any(a in line for a in addresses)]
    assert too_wide == []


def _menu_order() -> list[str]:
    menu = yaml.safe_load((SHIPPED_TREES / "menu.yaml").read_text("utf-8"))["menu"]["trees"]
    assert isinstance(menu, list)
    return menu


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_list_follows_the_menu_order_declared_in_the_trees(lang: str) -> None:
    menu = _menu_order()
    listed = [
        tree["id"] for tree in json.loads(invoke("list", "--json", "--lang", lang, trees=SHIPPED_TREES).stdout)["trees"]
    ]
    assert listed == menu
    assert menu[:2] == ["cannot-log-in", "password-trouble"] and menu[-1] == "about-uec-account"
    table = invoke("list", "--lang", lang, trees=SHIPPED_TREES, env={"COLUMNS": "120"}).stdout
    assert sorted(menu, key=table.index) == menu


def test_trees_a_menu_leaves_out_follow_it_by_id(tmp_path: Path) -> None:
    for tree_id in ("zeta", "mini", "alpha"):
        (tmp_path / f"{tree_id}.yaml").write_text(chain_tree(tree_id, 1, "outcome: done"), "utf-8")
    (tmp_path / "done.yaml").write_text(DONE_OUTCOME, "utf-8")
    (tmp_path / "menu.yaml").write_text("menu:\n  trees: [zeta]\n", "utf-8")
    listed = [tree["id"] for tree in json.loads(invoke("list", "--json", trees=tmp_path).stdout)["trees"]]
    assert listed == ["zeta", "alpha", "mini"]


@pytest.mark.parametrize(
    "command",
    [[], ["diagnose"], ["validate"], ["list"], ["search"], ["show"], ["schema"], ["export"], ["stats"],
     ["translations", "mark-reviewed"], ["new", "tree"], ["new", "outcome"]],
)  # fmt: skip
def test_help_names_each_value_for_what_it_is(command: list[str]) -> None:
    # A metavar typer derives from a parser's function name or a bare type
    # ("<path_value>", "<str>") tells the reader nothing.
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    assert not re.search(r"<(?:path_value|date_value|str|int|path)>|<int range>", result.output), result.output
    # Every option that takes a value names it in one style: lower case in angle brackets.
    options = re.findall(r"^\s+(?:-\w, )?--[\w-]+ (\S+)", result.output, re.MULTILINE)
    assert all(re.fullmatch(r"<[a-z|=-]+>", value) for value in options), options
