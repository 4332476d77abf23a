"""Checks that a loaded knowledge base makes sense as a whole."""

from __future__ import annotations

import dataclasses
import functools
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

from uec_helper.errors import DiagnosticCode
from uec_helper.knowledge.diagnostics import Diagnostic, did_you_mean, error, warning
from uec_helper.knowledge.graph import KnowledgeGraph
from uec_helper.knowledge.model import (
    LANGS,
    PLACEHOLDER,
    Choice,
    Contact,
    KnowledgeBase,
    Location,
    Outcome,
    Question,
    Text,
    Tree,
    file_fields,
)
from uec_helper.knowledge.translations import check_translation

MAX_DEPTH = 7
MAX_CHOICES = 9
LANGUAGE_NAMES = {"en": "English", "ja": "Japanese"}


@functools.cache
def _text_bearing_fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in file_fields(cls) if f.type not in ("str", "str | None", "list[str]", "Keywords"))


def iter_texts(obj: object) -> Iterator[Text]:
    """Every Text inside a model object, in field order."""
    if isinstance(obj, Text):
        yield obj
    elif isinstance(obj, list):
        for item in obj:
            yield from iter_texts(item)
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for name in _text_bearing_fields(type(obj)):
            yield from iter_texts(getattr(obj, name))


def check_texts(obj: object) -> list[Diagnostic]:
    problems = []
    for text in iter_texts(obj):
        for lang in LANGS:
            value = text.get(lang)
            if not value.strip():
                problems.append(
                    error(
                        text.origin,
                        "missing-language",
                        f"missing {LANGUAGE_NAMES[lang]} text ('{lang}')",
                        f"add '{lang}:' with the {LANGUAGE_NAMES[lang]} wording",
                    )
                )
            elif value.strip().startswith(PLACEHOLDER):
                problems.append(
                    error(
                        text.origin,
                        "placeholder",
                        f"{LANGUAGE_NAMES[lang]} text is still a placeholder",
                        f"replace '{value.strip()[:30]}' with the real wording",
                    )
                )
        problems += check_translation(text)
    return problems


def _missing_question(tree: Tree, question_id: str, where: Location, role: str) -> Diagnostic:
    return error(
        where,
        "missing-question",
        f"{role} '{question_id}' does not exist in tree '{tree.id}'",
        did_you_mean(question_id, [q.id for q in tree.questions]),
    )


def _check_choice(kb: KnowledgeBase, tree: Tree, question: Question, choice: Choice) -> list[Diagnostic]:
    where = choice.origin
    targets = [f"'{key}'" for key in ("next", "outcome", "tree") if getattr(choice, key) is not None]
    if not targets:
        hint = "add 'next: QUESTION', 'outcome: OUTCOME' or 'tree: TREE'"
        return [error(where, "dead-end", f"choice '{choice.id}' leads nowhere", hint)]
    if len(targets) > 1:
        message = f"choice '{choice.id}' has both {' and '.join(targets)}"
        return [error(where, "two-targets", message, "keep one")]
    if choice.tree is not None and choice.tree not in kb.trees and choice.tree not in kb.unusable:
        return [_missing(choice.spans["tree"], "missing-tree", f"tree '{choice.tree}'", choice.tree, kb.trees)]
    if choice.next is not None and tree.question(choice.next) is None and choice.next not in kb.unusable:
        return [_missing_question(tree, choice.next, choice.spans["next"], "question")]
    if choice.outcome is not None and choice.outcome not in kb.outcomes and choice.outcome not in kb.unusable:
        what = f"outcome '{choice.outcome}'"
        return [_missing(choice.spans["outcome"], "missing-outcome", what, choice.outcome, kb.outcomes)]
    return []


def _missing(where: Location, code: DiagnosticCode, what: str, wanted: str, known: Iterable[str]) -> Diagnostic:
    """`what` (e.g. "tree 'x'") does not exist; the hint names the closest known id."""
    return error(where, code, f"{what} does not exist", did_you_mean(wanted, known))


def _check_question(kb: KnowledgeBase, tree: Tree, question: Question) -> list[Diagnostic]:
    problems = []
    if len(question.choices) < 2:
        problems.append(
            error(
                question.spans.get("choices", question.origin),
                "too-few-choices",
                f"question '{question.id}' has {len(question.choices)} choice(s); a question needs at least 2",
                "add a choice, or link straight to the next step",
            )
        )
    elif len(question.choices) > MAX_CHOICES:
        problems.append(
            warning(
                question.spans["choices"],
                "too-many-choices",
                f"question '{question.id}' has {len(question.choices)} choices (more than {MAX_CHOICES})",
                "group them under a first question",
            )
        )
    problems += _duplicate_ids(question.choices, "choice", f"question '{question.id}'")
    for choice in question.choices:
        problems += _check_choice(kb, tree, question, choice)
    return problems


def _duplicate_ids(items: Sequence[Choice] | Sequence[Question], kind: str, owner: str) -> list[Diagnostic]:
    """An error at each repeat of an id among `owner`'s choices or questions."""
    seen: set[str] = set()
    problems = []
    for item in items:
        if item.id in seen:
            message = f"duplicate {kind} id '{item.id}' in {owner}"
            problems.append(error(item.spans["id"], "duplicate-id", message))
        seen.add(item.id)
    return problems


def _check_graph(kb: KnowledgeBase, tree: Tree, graphs: KnowledgeGraph) -> list[Diagnostic]:
    """Unreachable questions, loops and over-deep paths (linked trees counted), from the start."""
    if tree.question(tree.start) is None:
        return [_missing_question(tree, tree.start, tree.spans["start"], "start question")]
    graph = graphs.of(tree.id)
    problems = [
        error(
            loop.choice.spans["next"],
            "cycle",
            f"choice '{loop.choice.id}' of '{loop.question.id}' goes back to '{loop.target.id}', making a loop",
            "a walk must always move towards an outcome",
        )
        for loop in graph.loops
    ]
    depth = graphs.depth(tree.id)
    if depth > MAX_DEPTH:
        problems.append(
            warning(
                tree.spans["start"],
                "too-deep",
                f"a path through tree '{tree.id}' asks {depth} questions (more than {MAX_DEPTH})",
                "callers give up on deep trees: ask less, or split a branch into a tree of its own",
            )
        )
    reached = {question.id for question in graph.reached}
    for question in tree.questions:
        if question.id not in reached:
            problems.append(
                error(
                    question.spans["id"],
                    "unreachable",
                    f"question '{question.id}' cannot be reached from the start of tree '{tree.id}'",
                    "link it from a choice with 'next:', or remove it",
                )
            )
    return problems


def check_tree(kb: KnowledgeBase, tree: Tree, graphs: KnowledgeGraph) -> list[Diagnostic]:
    """Problems of one tree: its questions, links and texts."""
    problems = check_texts(tree)
    problems += _duplicate_ids(tree.questions, "question", f"tree '{tree.id}'")
    for question in tree.questions:
        problems += _check_question(kb, tree, question)
    return problems + _check_graph(kb, tree, graphs)


def check_outcome(kb: KnowledgeBase, outcome: Outcome) -> list[Diagnostic]:
    problems = check_texts(outcome)
    for contact_id in outcome.contacts:
        if contact_id not in kb.contacts and contact_id not in kb.unusable:
            problems.append(
                error(
                    outcome.spans["contacts"],
                    "missing-contact",
                    f"contact '{contact_id}' of outcome '{outcome.id}' does not exist",
                    did_you_mean(contact_id, kb.contacts),
                )
            )
    return problems


def check_contact(contact: Contact) -> list[Diagnostic]:
    return check_texts(contact)


def outcomes_of(tree: Tree) -> list[str]:
    return sorted({c.outcome for q in tree.questions for c in q.choices if c.outcome})


def _check_links(kb: KnowledgeBase, tree: Tree) -> list[Diagnostic]:
    """A tree must not lead back into itself through other trees, nor share a
    question id with a tree it leads into (answers are given by question id)."""
    problems = []
    own = {q.id for q in tree.questions}
    for question in tree.questions:
        for choice in question.choices:
            target = kb.trees.get(choice.tree or "")
            if target is None:
                continue
            linked = kb.linked_trees(target)
            if any(t.id == tree.id for t in linked):
                problems.append(
                    error(
                        choice.spans["tree"],
                        "cycle",
                        f"choice '{choice.id}' of '{question.id}' leads into tree '{target.id}', "
                        f"which leads back into '{tree.id}', making a loop",
                        "a walk must always move towards an outcome",
                    )
                )
                continue
            for other in linked:
                for clash in sorted(own & {q.id for q in other.questions}):
                    problems.append(
                        error(
                            choice.spans["tree"],
                            "question-id-clash",
                            f"tree '{tree.id}' and tree '{other.id}', which it leads into, both have a "
                            f"question '{clash}'",
                            "rename one: answers are given by question id",
                        )
                    )
    return problems


def _broken_definition(where: Location, kind: str, ref: str) -> Diagnostic:
    return error(
        where,
        "broken-definition",
        f"{kind} '{ref}' is defined in a file with errors",
        "run `uec-helper validate` and fix that file first",
    )


def _unusable_references(kb: KnowledgeBase, trees: list[Tree]) -> list[Diagnostic]:
    """Links to definitions dropped for errors: `validate` reports the errors
    once, at the definition; a walk must not reach them."""
    problems = []
    for tree in trees:
        for question in tree.questions:
            for choice in question.choices:
                for kind, ref, table in (("tree", choice.tree, kb.trees), ("outcome", choice.outcome, kb.outcomes)):
                    if ref is not None and ref in kb.unusable and ref not in table:
                        problems.append(_broken_definition(choice.spans[kind], kind, ref))
    return problems


def walk_files(kb: KnowledgeBase, tree: Tree) -> set[str]:
    """The files a walk of this tree (not of those it leads into) reads: its own, its outcomes' and contacts'."""
    outcomes = [kb.outcomes[o] for o in outcomes_of(tree) if o in kb.outcomes]
    contacts = [kb.contacts[c] for o in outcomes for c in o.contacts if c in kb.contacts]
    origins = [tree.origin] + [o.origin for o in outcomes] + [c.origin for c in contacts]
    return {origin.file for origin in origins}


def check_for_walk(kb: KnowledgeBase, tree: Tree, graphs: KnowledgeGraph) -> list[Diagnostic]:
    """What must hold before a walk through this tree can be trusted; a walk
    into linked trees needs this of each of them too."""
    problems = check_tree(kb, tree, graphs) + _check_links(kb, tree) + _unusable_references(kb, [tree])
    outcomes = [kb.outcomes[o] for o in outcomes_of(tree) if o in kb.outcomes]
    for outcome in outcomes:
        problems += check_outcome(kb, outcome)
        problems += [
            _broken_definition(outcome.spans["contacts"], "contact", c)
            for c in outcome.contacts
            if c in kb.unusable and c not in kb.contacts
        ]
    for contact_id in sorted({c for o in outcomes for c in o.contacts if c in kb.contacts}):
        problems += check_contact(kb.contacts[contact_id])
    return problems


def _check_titles_differ(kb: KnowledgeBase) -> list[Diagnostic]:
    """Outcomes with one title look alike in search results and menus."""
    problems: list[Diagnostic] = []
    for lang in LANGS:
        first: dict[str, Outcome] = {}
        for outcome in kb.outcomes.values():
            title = outcome.title.get(lang).strip()
            if title in first:
                problems.append(
                    warning(
                        outcome.spans["title"],
                        "duplicate-title",
                        f"outcome '{outcome.id}' has the same {LANGUAGE_NAMES[lang]} title as '{first[title].id}'",
                        "say in the title what sets it apart; search results show titles only",
                    )
                )
            elif title:
                first[title] = outcome
    return problems


def _has_address(contact: Contact) -> bool:
    return any((contact.email, contact.url, contact.phone, contact.extension, contact.location))


def _check_way_to_act(kb: KnowledgeBase, outcome: Outcome) -> list[Diagnostic]:
    """A remedy must leave the caller something to do: a page to open or an office to reach."""
    if any(s.url for s in outcome.see_also):
        return []
    # A contact that does not exist is reported on its own; what it would give is unknown.
    if any(c not in kb.contacts or _has_address(kb.contacts[c]) for c in outcome.contacts):
        return []
    return [
        warning(
            outcome.spans["id"],
            "no-way-to-act",
            f"outcome '{outcome.id}' has neither a link nor a contact with an address",
            "add a see_also with a verified url, or a contact with an e-mail, phone, extension, room or url",
        )
    ]


def _check_menu(kb: KnowledgeBase) -> list[Diagnostic]:
    if kb.menu is None:
        return []
    where = kb.menu.spans.get("trees", kb.menu.origin)
    problems = [
        error(
            where,
            "missing-tree",
            f"the menu lists tree '{tree_id}', which does not exist",
            did_you_mean(tree_id, kb.trees),
        )
        for tree_id in kb.menu.trees
        if tree_id not in kb.trees and tree_id not in kb.unusable
    ]
    problems += [
        warning(where, "duplicate-id", f"the menu lists tree '{tree_id}' more than once", "keep one")
        for tree_id, count in Counter(kb.menu.trees).items()
        if count > 1
    ]
    problems += [
        warning(
            tree.spans["id"],
            "not-in-menu",
            f"tree '{tree.id}' is not in the menu, so it is offered last",
            f"add it to the menu at {kb.menu.origin}",
        )
        for tree in kb.trees.values()
        if tree.id not in kb.menu.trees
    ]
    return problems


def check_knowledge(kb: KnowledgeBase) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    used_outcomes: set[str] = set()
    graphs = KnowledgeGraph(kb)
    for tree in kb.trees.values():
        problems += check_tree(kb, tree, graphs) + _check_links(kb, tree)
        used_outcomes.update(outcomes_of(tree))
    used_contacts: set[str] = set()
    for outcome in kb.outcomes.values():
        problems += check_outcome(kb, outcome)
        used_contacts.update(outcome.contacts)
        if outcome.id in used_outcomes:
            problems += _check_way_to_act(kb, outcome)
        else:
            problems.append(
                warning(
                    outcome.spans["id"],
                    "unreachable",
                    f"outcome '{outcome.id}' is not reached by any tree",
                    "lead a choice to it with 'outcome:', or remove it",
                )
            )
    problems += _check_titles_differ(kb) + _check_menu(kb)
    for contact in kb.contacts.values():
        problems += check_contact(contact)
        if contact.id not in used_contacts:
            problems.append(
                warning(contact.spans["id"], "unused-contact", f"contact '{contact.id}' is not used by any outcome")
            )
    return problems
