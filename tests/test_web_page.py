"""`export --format html`: the page as a file (the browser tests are in test_web_browser.py)."""

from __future__ import annotations

import json
import os
import re
import stat
from html.parser import HTMLParser
from pathlib import Path

from typer.testing import CliRunner

from uec_helper.authoring.markup import element, script_json
from uec_helper.authoring.web_page import html_page
from uec_helper.cli import app
from uec_helper.knowledge.loader import load_folder

from .builders import with_raw_addresses
from .conftest import FIXTURES, GOOD, SHIPPED_TREES

runner = CliRunner()
HOSTILE = FIXTURES / "hostile"
SIZE_BUDGET = 300_000


def export_html(trees: Path, *args: str) -> str:
    result = runner.invoke(app, ["--trees", str(trees), "export", "--format", "html", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


class Structure(HTMLParser):
    """The ids, tags and script bodies of a page, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.tags: list[str] = []
        self.links: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(values["id"] or "")
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def parse(page: str) -> Structure:
    structure = Structure()
    structure.feed(page)
    return structure


def test_all_trees_go_to_one_file_under_the_size_budget(tmp_path: Path) -> None:
    out = tmp_path / "uec-helper.html"
    assert export_html(SHIPPED_TREES, "--all", "-o", str(out)) == ""
    page = out.read_text(encoding="utf-8")
    assert len(page.encode("utf-8")) < SIZE_BUDGET
    kb = load_folder(SHIPPED_TREES).knowledge
    ids = parse(page).ids
    assert len(ids) == len(set(ids))
    for tree in kb.trees.values():
        assert f"tree-{tree.id}" in ids
        assert {f"question-{tree.id}-{q.id}" for q in tree.questions} <= set(ids)
    used = {c.outcome for t in kb.trees.values() for q in t.questions for c in q.choices if c.outcome}
    assert {f"outcome-{o}" for o in used} <= set(ids)


def test_every_choice_links_to_a_section_of_the_page() -> None:
    structure = parse(export_html(SHIPPED_TREES, "--all"))
    targets = {link[1:] for link in structure.links if link.startswith("#")}
    assert targets - {"start"} <= set(structure.ids)
    assert structure.tags.count("h1") == 1


def test_nothing_is_fetched_from_anywhere() -> None:
    page = export_html(SHIPPED_TREES, "--all")
    assert not re.search(r"<(link|img|iframe|object|embed)\b|\bsrc=|@import|url\(", page)
    assert "default-src 'none'" in page


def test_one_tree_brings_the_trees_it_leads_into() -> None:
    ids = parse(export_html(FIXTURES / "chain", "entry")).ids
    assert "tree-entry" in ids and "tree-detail" in ids


def test_links_mail_and_phone_in_contacts() -> None:
    page = export_html(GOOD, "mini")
    assert 'href="mailto:desk@example.org"' in page
    assert 'href="https://example.org/guide"' in page


def test_hostile_tree_texts_stay_text() -> None:
    kb = with_raw_addresses(HOSTILE, "hostile.yaml")
    page = html_page(kb, [kb.trees["hostile"]], "en")
    structure = parse(page)
    assert structure.tags.count("script") == 3  # head, data, page script: none from the tree
    assert not {"img", "iframe", "svg", "b", "i", "u"} & set(structure.tags)
    assert structure.tags.count("style") == structure.tags.count("form") == 1  # the page's own
    assert not any(link.lower().startswith(("javascript:", "data:")) for link in structure.links)
    assert not any('"' in link or "<" in link for link in structure.links)
    data = json.loads(structure.scripts[1])
    assert {"</script>", "<b>太字</b>"} <= set(data["search"]["texts"])  # keywords, which the page does not show


def test_a_tree_with_a_javascript_link_is_not_published() -> None:
    result = runner.invoke(app, ["--trees", str(HOSTILE), "export", "--format", "html", "hostile"])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith("uec-helper: error: tree 'hostile' has errors and cannot be used")
    assert "hostile.yaml:44:14: 'url' must be a web address starting with https:// or http://" in result.stderr


def test_inline_json_cannot_close_its_script() -> None:
    text = script_json({"x": "</script><!-- \u2028 &"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"x": "</script><!-- \u2028 &"}


def test_markup_escapes_text_and_attributes() -> None:
    assert element("a", '<b>"&', href='x" onclick="y') == '<a href="x&quot; onclick=&quot;y">&lt;b&gt;&quot;&amp;</a>'


def test_unwritable_output_is_a_one_line_usage_error(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder" / "page.html"
    result = runner.invoke(app, ["--trees", str(GOOD), "export", "mini", "-f", "html", "-o", str(missing)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "cannot write" in result.stderr and "Traceback" not in result.output
    assert not list(tmp_path.iterdir())


def test_an_unwritable_output_is_refused_before_the_export_is_made(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder" / "page.html"
    # An unknown tree would fail the export: the output is checked first.
    result = runner.invoke(app, ["--trees", str(GOOD), "export", "nope", "-f", "html", "-o", str(missing)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"uec-helper: error: {missing}: cannot write: no folder {missing.parent}; choose another --output file\n"
    )


def test_a_failed_export_keeps_the_earlier_file(tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    out.write_text("earlier", encoding="utf-8")
    result = runner.invoke(app, ["--trees", str(GOOD), "export", "nope", "-f", "html", "-o", str(out)])
    assert result.exit_code == 2
    assert out.read_text(encoding="utf-8") == "earlier"


def test_trees_with_errors_are_not_published(tmp_path: Path) -> None:
    broken = tmp_path / "trees"
    broken.mkdir()
    mini = (GOOD / "mini.yaml").read_text(encoding="utf-8")
    (broken / "mini.yaml").write_text(mini.replace("next: second", "next: secnod"), encoding="utf-8")
    for args in (["--all"], ["mini"]):
        result = runner.invoke(app, ["--trees", str(broken), "export", *args, "-f", "html", "-o", str(tmp_path / "x")])
        assert result.exit_code == 1, result.output
        assert "mini.yaml:" in result.stderr and "uec-helper validate" in result.stderr
    assert not (tmp_path / "x").exists()


def test_export_writes_through_no_planted_link_and_is_readable_by_all(tmp_path: Path) -> None:
    out, victim = tmp_path / "page.html", tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    (tmp_path / ".page.html.partial").symlink_to(victim)  # the name the old export wrote through
    old_mask = os.umask(0o022)
    try:
        result = runner.invoke(app, ["--trees", str(GOOD), "export", "mini", "-f", "html", "-o", str(out)])
    finally:
        os.umask(old_mask)
    assert result.exit_code == 0, result.output
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")
