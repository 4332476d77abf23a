"""Tree files written by tests that need shapes no fixture has (long chains),
and knowledge no loader would give."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import yaml

from uec_helper.knowledge.loader import load_folder
from uec_helper.knowledge.model import KnowledgeBase

DONE_OUTCOME = (
    "outcomes:\n  - {id: done, title: {en: Done, ja: 完了}, body: {en: B, ja: B},"
    " see_also: [{title: {en: Guide, ja: 案内}, url: https://example.org/guide}]}\n"
)


def chain_tree(tree_id: str, questions: int, last: str) -> str:
    """A tree of `questions` questions in a row; the last one's first choice is `last`."""
    lines = [
        f"tree:\n  id: {tree_id}\n  title: {{en: {tree_id}, ja: {tree_id}}}\n"
        f"  summary: {{en: S, ja: S}}\n  start: {tree_id}-0\n  questions:"
    ]
    for n in range(questions):
        onward = f"next: {tree_id}-{n + 1}" if n < questions - 1 else last
        lines.append(
            f"    - {{id: {tree_id}-{n}, text: {{en: Q, ja: Q}}, choices: ["
            f"{{id: on, label: {{en: On, ja: 次}}, {onward}}}, "
            f"{{id: off, label: {{en: Off, ja: 止}}, outcome: done}}]}}"
        )
    return "\n".join(lines) + "\n"


def linked_chain(folder: Path, trees: int) -> None:
    """`trees` one-question trees, each leading into the next."""
    for n in range(trees):
        onward = f"tree: t{n + 1}" if n < trees - 1 else "outcome: done"
        (folder / f"t{n}.yaml").write_text(chain_tree(f"t{n}", 1, onward), "utf-8")
    (folder / "done.yaml").write_text(DONE_OUTCOME, "utf-8")


def diamond_tree(tree_id: str, questions: int) -> str:
    """Questions in a row where both choices lead to the next one: 2**questions paths, `questions` nodes."""
    lines = [
        f"tree:\n  id: {tree_id}\n  title: {{en: {tree_id}, ja: {tree_id}}}\n"
        f"  summary: {{en: S, ja: S}}\n  start: q0\n  questions:"
    ]
    for n in range(questions):
        onward = f"next: q{n + 1}" if n < questions - 1 else "outcome: done"
        lines.append(
            f"    - {{id: q{n}, text: {{en: Q{n}, ja: Q{n}}}, choices: ["
            f"{{id: a, label: {{en: A, ja: A}}, {onward}}}, {{id: b, label: {{en: B, ja: B}}, {onward}}}]}}"
        )
    return "\n".join(lines) + "\n" + DONE_OUTCOME


def wide_tree(tree_id: str, choices: int) -> str:
    """One question with `choices` choices, written densely: 100,000 fit under 5 MiB."""
    items = "\n".join(f"   - {{id: {n}, label: {{en: C, ja: C}}, outcome: d}}" for n in range(choices))
    return (
        f"tree:\n id: {tree_id}\n title: {{en: W, ja: W}}\n summary: {{en: S, ja: S}}\n start: q\n"
        f" questions:\n - id: q\n   text: {{en: Q, ja: Q}}\n   choices:\n{items}\n"
        "outcomes:\n - {id: d, title: {en: Done, ja: 完了}, body: {en: B, ja: B}}\n"
    )


def with_raw_addresses(folder: Path, file_name: str) -> KnowledgeBase:
    """The folder's knowledge with the addresses the loader drops (a
    `javascript:` link, a quote in an e-mail address) put back as the file
    writes them: what a view does with them is its own defence."""
    raw = yaml.safe_load((folder / file_name).read_text(encoding="utf-8"))
    kb = load_folder(folder).knowledge
    contacts = {
        item["id"]: replace(kb.contacts[item["id"]], **{k: item.get(k) for k in ("email", "phone", "extension", "url")})
        for item in raw.get("contacts", [])
    }
    outcomes = {
        item["id"]: replace(
            kb.outcomes[item["id"]],
            see_also=[
                replace(doc, url=written.get("url"))
                for doc, written in zip(kb.outcomes[item["id"]].see_also, item.get("see_also", []), strict=True)
            ],
        )
        for item in raw.get("outcomes", [])
    }
    return replace(kb, contacts={**kb.contacts, **contacts}, outcomes={**kb.outcomes, **outcomes})
