"""Rich views of outcomes, trees and diagnostics. Reads views, never walks."""

from __future__ import annotations

from typing import Any

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.panel import Panel
from rich.table import Table
from rich.text import Text as RichText
from rich.tree import Tree as RichTree

from uec_helper.knowledge.diagnostics import Diagnostic
from uec_helper.knowledge.model import KnowledgeBase, Lang, Tree
from uec_helper.terminal.linebreak import Paragraph
from uec_helper.ui_text import ui

CONTACT_COLUMNS = ("name", "email", "phone", "extension", "location", "url")


def _section(title: str) -> RichText:
    return RichText(f"\n{title}", style="bold")


class Contacts:
    """A table where it fits; on a narrow terminal one "field: value" line
    each, so an e-mail address is never cut into pieces that can't be copied."""

    TABLE_MIN_WIDTH = 60

    def __init__(self, contacts: list[dict[str, Any]], lang: Lang) -> None:
        self.contacts = contacts
        self.lang = lang
        # Only the columns some contact fills.
        self.columns = [c for c in CONTACT_COLUMNS if any(contact[c] for contact in contacts)]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if options.max_width >= self.TABLE_MIN_WIDTH:
            yield self._table()
            return
        for contact in self.contacts:
            yield RichText(contact["name"], style="bold")
            for column in self.columns[1:]:
                if contact[column]:
                    yield RichText(f"  {ui(column, self.lang)}: {contact[column]}")

    def _table(self) -> Table:
        table = Table(show_header=True, header_style="bold", expand=False)
        for column in self.columns:
            table.add_column(ui(column, self.lang), overflow="fold")
        for contact in self.contacts:
            table.add_row(*(contact[c] or "" for c in self.columns))
        return table


# Below this width a panel's border and padding leave no room for its text.
NARROWEST_PANEL = 10


def print_framed(console: Console, body: RenderableType, title: RichText, border_style: str = "none") -> None:
    """`body` in a panel titled `title`; on a terminal too narrow for a frame,
    the title and the body without one, so no word is lost."""
    if console.width < NARROWEST_PANEL:
        console.print(Group(title, body))
    else:
        console.print(Panel(body, title=title, title_align="left", border_style=border_style))


def outcome_parts(view: dict[str, Any], lang: Lang) -> Group:
    """The outcome's text, without a frame."""
    outcome = view["outcome"]
    parts: list[RenderableType] = [Paragraph(outcome["body"])]
    if outcome["steps"]:
        parts.append(_section(ui("steps", lang)))
        parts += [Paragraph(step, prefix=f"{n}. ") for n, step in enumerate(outcome["steps"], 1)]
    if outcome["warnings"]:
        parts.append(_section(ui("warnings", lang)))
        parts += [Paragraph(w, prefix="⚠ ", style="yellow") for w in outcome["warnings"]]
    if outcome["contacts"]:
        parts.append(_section(ui("contacts", lang)))
        parts.append(Contacts(outcome["contacts"], lang))
    if outcome["see_also"]:
        parts.append(_section(ui("see-also", lang)))
        for doc in outcome["see_also"]:
            line = doc["title"] + (f" — {doc['url']}" if doc["url"] else "")
            parts.append(Paragraph(line, prefix="• "))
    if view["path"]:
        parts.append(_section(ui("path", lang)))
        parts += [Paragraph(f"{step['text']} → {step['label']}", prefix="• ", style="dim") for step in view["path"]]
    return Group(*parts)


def print_outcome(console: Console, view: dict[str, Any], lang: Lang) -> None:
    """The outcome panel, then the replay command on a line of its own that
    is never broken, so it copies and pastes as one command."""
    print_framed(console, outcome_parts(view, lang), RichText(view["outcome"]["title"], style="bold green"))
    replay = RichText.assemble((f"{ui('replay', lang)}: ", "bold"), (view["replay"], "cyan"))
    console.print(replay, soft_wrap=True)


def tree_view(kb: KnowledgeBase, tree: Tree, lang: Lang) -> RichTree:
    root = RichTree(RichText(f"{tree.title.get(lang)}  [{tree.id}]", style="bold"))

    def add_question(branch: RichTree, question_id: str, seen: frozenset[str]) -> None:
        question = tree.question(question_id)
        if question is None or question_id in seen:
            branch.add(RichText(f"? {question_id}", style="red"))
            return
        node = branch.add(RichText(f"{question.text.get(lang)}  [{question.id}]", style="cyan"))
        for choice in question.choices:
            edge = node.add(RichText(f"{choice.label.get(lang)}  [{choice.id}]"))
            if choice.next:
                add_question(edge, choice.next, seen | {question_id})
            elif choice.outcome:
                outcome = kb.outcomes.get(choice.outcome)
                title = outcome.title.get(lang) if outcome else "?"
                edge.add(RichText(f"✔ {title}  [{choice.outcome}]", style="green"))
            elif choice.tree:
                linked = kb.trees.get(choice.tree)
                title = linked.title.get(lang) if linked else "?"
                edge.add(RichText(f"↪ {title}  [{choice.tree}]", style="magenta"))

    add_question(root, tree.start, frozenset())
    return root


def trees_table(kb: KnowledgeBase, lang: Lang) -> Table:
    table = Table(title=ui("trees", lang), show_header=False, expand=False)
    table.add_column(style="cyan", no_wrap=True)
    table.add_column(overflow="fold")
    for tree in sorted(kb.trees.values(), key=lambda t: t.id):
        table.add_row(tree.id, RichText.assemble(tree.title.get(lang), "\n", (tree.summary.get(lang), "dim")))
    return table


def diagnostic_line(diagnostic: Diagnostic) -> RichText:
    style = "red" if diagnostic.severity == "error" else "yellow"
    line = RichText()
    line.append(f"{diagnostic.location}: ", style="bold")
    line.append(f"{diagnostic.severity}: ", style=f"bold {style}")
    line.append(diagnostic.message)
    if diagnostic.hint:
        line.append(f" ({diagnostic.hint})", style="dim")
    line.append(f" [{diagnostic.code}]", style="dim")
    return line
