"""The knowledge-base model: what a tree file means once it is loaded.

The dataclasses here are the single source of truth for the tree format: the
loader converts YAML into them by reading their type hints, and the JSON
Schema shipped for editors is generated from the same hints.  Fields marked
``internal`` are filled by the loader and are not part of the file format.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field
from typing import Any, Literal

Lang = Literal["en", "ja"]
LANGS: tuple[Lang, ...] = ("en", "ja")
# The shapes of the fields a reader acts on (addresses.py checks them); a
# field's metadata names its shape under "address".
AddressKind = Literal["web", "email", "phone", "extension"]

INTERNAL: dict[str, Any] = {"internal": True}
# What `uec-helper new` writes where a text or an address is still to come.
PLACEHOLDER = "TODO"


def file_fields(cls: type) -> list[dataclasses.Field[Any]]:
    """The fields that appear in a YAML file (not those the loader fills)."""
    return [f for f in dataclasses.fields(cls) if not f.metadata.get("internal")]


@dataclass(frozen=True, order=True)
class Location:
    """A place in a tree file (or an answers file), 1-based like every editor shows it."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"

    def to_json(self) -> dict[str, str | int]:
        """The location fields of a JSON diagnostic or error (a line of 0: the whole file)."""
        return {"file": self.file, "line": self.line, "column": self.column}


NOWHERE = Location("<built-in>")
WEB_ADDRESS_DOC = "A web page's whole address: http:// or https:// and a host."


@dataclass(frozen=True)
class Text:
    """A text a person reads, in every supported language."""

    en: str = field(default="", metadata={"doc": "English text."})
    ja: str = field(default="", metadata={"doc": "Japanese text."})
    ja_source: str | None = field(
        default=None,
        metadata={
            "doc": "Fingerprint of the English text the Japanese was translated "
            "from; written by `uec-helper translations mark-reviewed`."
        },
    )
    origin: Location = field(default=NOWHERE, compare=False, metadata=INTERNAL)

    def get(self, lang: Lang) -> str:
        return self.ja if lang == "ja" else self.en


@dataclass(frozen=True)
class Keywords:
    """Words callers use for a problem, per language (used by search)."""

    en: list[str] = field(default_factory=list)
    ja: list[str] = field(default_factory=list)

    def get(self, lang: Lang) -> list[str]:
        return self.ja if lang == "ja" else self.en


@dataclass(frozen=True)
class Contact:
    """An office or address to reach; defined once, referenced by id."""

    id: str
    name: Text
    email: str | None = field(
        default=None, metadata={"address": "email", "doc": "One e-mail address: name@domain, nothing else."}
    )
    phone: str | None = field(
        default=None, metadata={"address": "phone", "doc": "A number to dial: digits, spaces, '+', '-', parentheses."}
    )
    extension: str | None = field(
        default=None, metadata={"address": "extension", "doc": "An internal extension: digits (and '-')."}
    )
    location: Text | None = field(default=None, metadata={"doc": "Building, floor or room."})
    url: str | None = field(default=None, metadata={"address": "web", "doc": WEB_ADDRESS_DOC})
    origin: Location = field(default=NOWHERE, compare=False, metadata=INTERNAL)
    spans: dict[str, Location] = field(default_factory=dict, compare=False, metadata=INTERNAL)


@dataclass(frozen=True)
class SeeAlso:
    """A document to read next, by its exact title."""

    title: Text
    url: str | None = field(default=None, metadata={"address": "web", "doc": WEB_ADDRESS_DOC})
    lang: Lang | None = field(
        default=None,
        metadata={"doc": "Language of the page (en or ja); readers see the pages in their own language first."},
    )
    origin: Location = field(default=NOWHERE, compare=False, metadata=INTERNAL)


@dataclass(frozen=True)
class Outcome:
    """A remedy: where a walk ends."""

    id: str
    title: Text
    body: Text
    steps: list[Text] = field(default_factory=list, metadata={"doc": "Ordered steps."})
    warnings: list[Text] = field(default_factory=list)
    contacts: list[str] = field(default_factory=list, metadata={"doc": "Contact ids."})
    see_also: list[SeeAlso] = field(default_factory=list)
    keywords: Keywords = field(default_factory=Keywords)
    origin: Location = field(default=NOWHERE, compare=False, metadata=INTERNAL)
    spans: dict[str, Location] = field(default_factory=dict, compare=False, metadata=INTERNAL)


@dataclass(frozen=True)
class Choice:
    """One answer to a question; leads to a question of the same tree (`next`),
    an outcome, or the start of another tree (`tree`), so trees chain rather
    than repeat each other's questions."""

    id: str
    label: Text
    next: str | None = field(default=None, metadata={"doc": "Id of the next question."})
    outcome: str | None = field(default=None, metadata={"doc": "Id of the outcome."})
    tree: str | None = field(default=None, metadata={"doc": "Id of another tree to go on with."})
    origin: Location = field(default=NOWHERE, compare=False, metadata=INTERNAL)
    spans: dict[str, Location] = field(default_factory=dict, compare=False, metadata=INTERNAL)


@dataclass(frozen=True)
class Question:
    """One question of a tree, with the choices a person picks from."""

    id: str
    text: Text
    choices: list[Choice]
    help: Text | None = None
    agent: Text | None = field(default=None, metadata={"doc": "How a helpdesk agent asks it; defaults to `text`."})
    origin: Location = field(default=NOWHERE, compare=False, metadata=INTERNAL)
    spans: dict[str, Location] = field(default_factory=dict, compare=False, metadata=INTERNAL)

    def choice(self, choice_id: str) -> Choice | None:
        return next((c for c in self.choices if c.id == choice_id), None)


@dataclass(frozen=True)
class Tree:
    """A troubleshooting tree, starting from a symptom."""

    id: str
    title: Text
    summary: Text
    start: str = field(metadata={"doc": "Id of the first question."})
    questions: list[Question]
    keywords: Keywords = field(default_factory=Keywords)
    origin: Location = field(default=NOWHERE, compare=False, metadata=INTERNAL)
    spans: dict[str, Location] = field(default_factory=dict, compare=False, metadata=INTERNAL)

    @functools.cached_property
    def _questions_by_id(self) -> dict[str, Question]:
        by_id: dict[str, Question] = {}
        for question in self.questions:
            by_id.setdefault(question.id, question)  # the first wins; the validator reports the rest
        return by_id

    def question(self, question_id: str) -> Question | None:
        return self._questions_by_id.get(question_id)


@dataclass(frozen=True)
class Menu:
    """The order in which `list` and the diagnose menu offer the trees; the
    same in every language. One file of a trees folder declares it."""

    trees: list[str] = field(
        metadata={"doc": "Tree ids, the ones callers need most first; trees not listed follow, by id."}
    )
    origin: Location = field(default=NOWHERE, compare=False, metadata=INTERNAL)
    spans: dict[str, Location] = field(default_factory=dict, compare=False, metadata=INTERNAL)


@dataclass(frozen=True)
class TreeFile:
    """One YAML file: a tree, shared outcomes, contacts, the menu, or any mix of them."""

    tree: Tree | None = None
    outcomes: list[Outcome] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    menu: Menu | None = None


@dataclass(frozen=True)
class KnowledgeBase:
    """Every tree, outcome and contact of a trees folder, indexed by id."""

    trees: dict[str, Tree]
    outcomes: dict[str, Outcome]
    contacts: dict[str, Contact]
    unusable: frozenset[str] = frozenset()
    """Ids whose definitions have errors already reported; links to them are not reported again."""
    menu: Menu | None = None

    def menu_trees(self) -> list[Tree]:
        """Every tree, in the declared menu order; trees the menu leaves out follow, by id."""
        listed = [tree_id for tree_id in dict.fromkeys(self.menu.trees if self.menu else []) if tree_id in self.trees]
        rest = sorted(set(self.trees) - set(listed))
        return [self.trees[tree_id] for tree_id in listed + rest]

    def linked_trees(self, tree: Tree) -> list[Tree]:
        """The tree and every tree its choices lead into, transitively, each once."""
        found = {tree.id: tree}
        pending = [tree]
        while pending:
            for question in pending.pop().questions:
                for choice in question.choices:
                    linked = self.trees.get(choice.tree or "")
                    if linked is not None and linked.id not in found:
                        found[linked.id] = linked
                        pending.append(linked)
        return list(found.values())
