"""The trees as one self-contained web page (`export --format html`).

Every tree, question and outcome is a section with a stable id, and every
choice a plain link to the next section, so the page works without
JavaScript; page.js then shows one section at a time and keeps the walk in
the URL fragment. Both languages are in the page, each text marked with its
`lang`. The templates, style and script are files in authoring/web/.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator
from importlib import resources
from string import Template
from urllib.parse import quote

from uec_helper.authoring.markup import Markup, element, escape, join, script_json
from uec_helper.authoring.web_search import FIELDS, search_data
from uec_helper.knowledge.addresses import is_web_address
from uec_helper.knowledge.model import LANGS, Choice, Contact, KnowledgeBase, Lang, Outcome, Question, Text, Tree
from uec_helper.ui_text import ui

# Texts the script shows itself (search results and why each matched, the
# results' language, copy status, a link that does not fit).
_SCRIPT_UI = (
    "page-title",
    "copied",
    "web-search-none",
    "bad-link",
    "search-results",
    "kind-tree",
    "kind-outcome",
    "search-lang-followed",
    *(f"why-{field}" for field in FIELDS),
)


def _asset(name: str) -> str:
    return resources.files("uec_helper.authoring").joinpath("web", name).read_text(encoding="utf-8")


class TextTable:
    """Numbers every text of the page. The first element that shows a text
    carries its number (`data-t`), and the search data names texts by number,
    so the script reads a shown text from the page instead of a second copy."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}
        self.shown: set[int] = set()

    def number(self, text: str) -> int:
        return self.numbers.setdefault(text, len(self.numbers))

    def show(self, text: str) -> str | None:
        """The number for the element that shows `text`, if none shows it yet."""
        number = self.number(text)
        if number in self.shown:
            return None
        self.shown.add(number)
        return str(number)

    def unshown(self) -> list[str | None]:
        """The texts by number; null where the page shows the text."""
        return [None if n in self.shown else text for text, n in self.numbers.items()]


def _ui(key: str, tag: str = "span") -> Markup:
    return join(element(tag, ui(key, lang), lang=lang) for lang in LANGS)


def _ui_texts(keys: tuple[str, ...]) -> dict[str, dict[str, str]]:
    return {key: {lang: ui(key, lang) for lang in LANGS} for key in keys}


def tree_anchor(tree_id: str) -> str:
    return f"tree-{tree_id}"


def question_anchor(tree_id: str, question_id: str) -> str:
    return f"question-{tree_id}-{question_id}"


def outcome_anchor(outcome_id: str) -> str:
    return f"outcome-{outcome_id}"


def web_link(url: str | None, label: Markup | str) -> Markup:
    """A link when the URL is a plain web address; text (with the address) otherwise.
    The loader refuses any other shape already; this keeps a page built from a
    knowledge base that skipped it from ever linking one."""
    if url is None:
        return join([label])
    if is_web_address(url):
        return element("a", label, href=url)
    return join([label, " (", url, ")"])


def _walk_controls() -> Markup:
    """What only the script fills and shows: the path, the replay command, Back and Start over."""
    journey = element(
        "div",
        element("h3", _ui("path")),
        element("ol", id="journey-path"),
        element("h3", _ui("replay")),
        element(
            "p",
            element("code", id="replay"),
            element("button", _ui("copy"), type="button", id="copy"),
            element("span", id="copy-status", role="status"),
            class_="replay",
        ),
        id="journey",
        class_="journey js-only",
        hidden=True,
    )
    controls = element(
        "div",
        element("button", _ui("back"), type="button", id="back"),
        element("button", _ui("start-over"), type="button", id="start-over"),
        id="controls",
        class_="controls js-only",
        hidden=True,
    )
    notice = element("p", id="notice", class_="notice", role="status", hidden=True)
    return join([notice, journey, controls])


class _Page:
    """The sections of one page; `texts` numbers what they show."""

    def __init__(self, kb: KnowledgeBase, trees: list[Tree]) -> None:
        self.kb = kb
        self.trees = trees
        self.texts = TextTable()

    def both(self, text: Text, tag: str = "span") -> Markup:
        """A text in every language, each in its own element marked with its `lang`."""
        return join(element(tag, text.get(lang), lang=lang, data_t=self.texts.show(text.get(lang))) for lang in LANGS)

    def choice_link(self, tree: Tree, choice: Choice) -> Markup:
        if choice.next:
            target = question_anchor(tree.id, choice.next)
        elif choice.tree:
            target = tree_anchor(choice.tree)
        else:
            target = outcome_anchor(choice.outcome or "")
        return element(
            "a",
            self.both(choice.label),
            href=f"#{target}",
            data_choice=choice.id,
            data_next=choice.next,
            data_tree=choice.tree,
            data_outcome=choice.outcome,
        )

    def question_section(self, tree: Tree, question: Question) -> Markup:
        return element(
            "section",
            element("p", self.both(tree.title), class_="crumb"),
            element("h2", self.both(question.text), tabindex="-1"),
            self.both(question.help, "p") if question.help else None,
            element(
                "ul", [element("li", self.choice_link(tree, choice)) for choice in question.choices], class_="choices"
            ),
            id=question_anchor(tree.id, question.id),
            class_="node",
            data_kind="question",
            data_tree=tree.id,
            data_question=question.id,
        )

    def tree_section(self, tree: Tree) -> Markup:
        return element(
            "section",
            element("h2", self.both(tree.title), tabindex="-1"),
            self.both(tree.summary, "p"),
            element("p", element("a", _ui("begin"), href=f"#{question_anchor(tree.id, tree.start)}", class_="begin")),
            id=tree_anchor(tree.id),
            class_="node",
            data_kind="tree",
            data_tree=tree.id,
            data_start=tree.start,
        )

    def contact_fields(self, contact: Contact) -> Iterator[tuple[str, Markup]]:
        if contact.email:
            yield "email", element("a", contact.email, href="mailto:" + quote(contact.email, safe="@"))
        if contact.phone:
            yield "phone", element("a", contact.phone, href="tel:" + re.sub(r"[^0-9+]", "", contact.phone))
        if contact.extension:
            yield "extension", join([contact.extension])
        if contact.location:
            yield "location", self.both(contact.location)
        if contact.url:
            yield "url", web_link(contact.url, contact.url)

    def contact(self, contact: Contact) -> Markup:
        rows = [
            element("div", element("dt", _ui(name)), element("dd", value))
            for name, value in self.contact_fields(contact)
        ]
        return element(
            "div", element("p", self.both(contact.name), class_="contact-name"), element("dl", rows), class_="contact"
        )

    def leads_here(self, outcome_id: str) -> Markup:
        """Without the script the page cannot know the reader's own path, so an
        outcome lists every answer that leads to it, each a link to its question."""
        items = [
            element(
                "li",
                element("a", self.both(question.text), href=f"#{question_anchor(tree.id, question.id)}"),
                " → ",
                self.both(choice.label),
            )
            for tree in self.trees
            for question in tree.questions
            for choice in question.choices
            if choice.outcome == outcome_id
        ]
        return element("div", element("h3", _ui("leads-here")), element("ul", items), class_="static-only")

    def outcomes(self) -> list[Outcome]:
        used = {c.outcome for tree in self.trees for q in tree.questions for c in q.choices if c.outcome}
        return [self.kb.outcomes[o] for o in sorted(used) if o in self.kb.outcomes]

    def main(self) -> Markup:
        return join(
            [
                self.start_section(),
                [self.tree_section(tree) for tree in self.trees],
                [self.question_section(tree, question) for tree in self.trees for question in tree.questions],
                [self.outcome_section(outcome) for outcome in self.outcomes()],
                _walk_controls(),
            ]
        )

    def outcome_section(self, outcome: Outcome) -> Markup:
        contacts = [self.kb.contacts[c] for c in outcome.contacts if c in self.kb.contacts]
        see_also = [element("li", web_link(doc.url, self.both(doc.title))) for doc in outcome.see_also]
        return element(
            "section",
            element("h2", self.both(outcome.title), tabindex="-1"),
            element("div", self.both(outcome.body, "p"), class_="body"),
            [element("h3", _ui("steps")), element("ol", [element("li", self.both(s)) for s in outcome.steps])]
            if outcome.steps
            else None,
            [
                element("h3", _ui("warnings")),
                element("ul", [element("li", self.both(w)) for w in outcome.warnings], class_="warnings"),
            ]
            if outcome.warnings
            else None,
            [element("h3", _ui("contacts")), [self.contact(c) for c in contacts]] if contacts else None,
            [element("h3", _ui("see-also")), element("ul", see_also)] if see_also else None,
            self.leads_here(outcome.id),
            id=outcome_anchor(outcome.id),
            class_="node outcome",
            data_kind="outcome",
            data_outcome=outcome.id,
        )

    def start_section(self) -> Markup:
        entries = [
            element(
                "li",
                element(
                    "a",
                    element("span", self.both(tree.title), class_="title"),
                    element("span", self.both(tree.summary), class_="summary"),
                    href=f"#{tree_anchor(tree.id)}",
                    data_tree=tree.id,
                ),
            )
            for tree in self.trees
        ]
        search = element(
            "form",
            element("label", _ui("describe-problem"), for_="search-query"),
            element(
                "div",
                Markup('<input id="search-query" type="search" autocomplete="off" spellcheck="false">'),
                element("button", _ui("search"), type="submit"),
                class_="search-row",
            ),
            id="search",
            role="search",
            class_="js-only",
        )
        return element(
            "section",
            element("h2", _ui("pick-tree"), tabindex="-1"),
            _ui("page-intro", "p"),
            search,
            element("div", id="search-results", class_="js-only", aria_live="polite"),
            element("ul", entries, class_="tree-list"),
            id="start",
            class_="start",
        )


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def html_page(kb: KnowledgeBase, trees: list[Tree], lang: Lang) -> str:
    """The page for these trees (the first listed first); `lang` is the
    language of the page before the script picks the reader's own."""
    style, head_script, script = _asset("page.css"), _asset("head.js"), _asset("page.js")
    page = _Page(kb, trees)
    main = page.main()
    search = search_data(kb, {tree.id for tree in trees}, page.texts.number)
    data = {"ui": _ui_texts(_SCRIPT_UI), "search": search | {"texts": page.texts.unshown()}}
    # Nothing may load from anywhere; only this page's own style and scripts run.
    policy = (
        f"default-src 'none'; style-src {_csp_hash(style)}; script-src {_csp_hash(head_script)} {_csp_hash(script)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    home = element("a", _ui("all-problems"), href="#start", id="home")
    switch = element(
        "button",
        element("span", ui("lang-ja", "ja"), lang="ja"),
        element("span", ui("lang-en", "en"), lang="en"),
        type="button",
        id="lang-switch",
        class_="js-only",
    )
    return Template(_asset("page.html")).substitute(
        lang=lang,
        title=escape(ui("page-title", lang)),
        policy=policy,
        style=style,
        head_script=head_script,
        heading=element("h1", _ui("page-title")),
        navigation=join([home, switch]),
        main=main,
        data=script_json(data),
        script=script,
    )
