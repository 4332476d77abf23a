"""Rich views of outcomes, trees and diagnostics. Reads views, never walks."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.panel import Panel
from rich.table import Table
from rich.text import Text as RichText
from rich.tree import Tree as RichTree

from uec_helper.knowledge.graph import depth_first
from uec_helper.knowledge.model import KnowledgeBase, Lang, Tree
from uec_helper.terminal.linebreak import Paragraph, Unbroken
from uec_helper.ui_text import ui
from uec_helper.views import ContactView, OutcomeView, WalkView

ADDRESS_FIELDS = ("email", "url")
PANEL_FRAME = 4  # a panel's borders and padding, in cells


def _section(title: str) -> RichText:
    return RichText(f"\n{title}", style="bold")


def _whole(address: str, width: int) -> Unbroken:
    """An e-mail address or URL on a line of its own, never broken: indented
    where it fits, else flush left and left for the terminal to wrap."""
    return Unbroken(f"  {address}" if cell_len(address) + 2 <= width else address)


def _addresses(outcome: OutcomeView) -> list[str]:
    """The outcome's e-mail addresses and URLs: what a reader copies."""
    found = [address for c in outcome.contacts for address in (c.email, c.url) if address]
    return found + [doc.url for doc in outcome.see_also if doc.url]


class Contacts:
    """A table where it fits with every address whole; otherwise one
    "field: value" line each, an address that does not fit after its label
    on a line of its own, so an e-mail address or URL is never cut into
    pieces that can't be copied."""

    TABLE_MIN_WIDTH = 60

    def __init__(self, contacts: Sequence[ContactView], lang: Lang) -> None:
        self.lang = lang
        self.contacts = [dict(contact.fields()) for contact in contacts]
        # Only the columns some contact fills; the name comes first.
        self.columns = [key for key in self.contacts[0] if any(c[key] for c in self.contacts)] if contacts else []

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        if width >= self.TABLE_MIN_WIDTH:
            table = self._table()
            if self._keeps_addresses_whole(console, options, table):
                yield table
                return
        for contact in self.contacts:
            yield Paragraph(contact["name"] or "", style="bold")
            for column in self.columns[1:]:
                value = contact[column]
                if not value:
                    continue
                line = f"  {ui(column, self.lang)}: {value}"
                if column in ADDRESS_FIELDS and cell_len(line) > width:
                    yield RichText(f"  {ui(column, self.lang)}:")
                    yield _whole(value, width)
                else:
                    yield RichText(line)

    def _keeps_addresses_whole(self, console: Console, options: ConsoleOptions, table: Table) -> bool:
        lines = console.render_lines(table, options, pad=False)
        rendered = "\n".join("".join(segment.text for segment in line) for line in lines)
        return all(value in rendered for c in self.contacts for f in ADDRESS_FIELDS if (value := c[f]))

    def _table(self) -> Table:
        table = Table(show_header=True, header_style="bold", expand=False)
        for column in self.columns:
            table.add_column(ui(column, self.lang), overflow="fold", no_wrap=column in ADDRESS_FIELDS)
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
    elif title.cell_len > console.width - 6:  # a frame's title would be cut: it goes inside, wrapped
        console.print(Panel(Group(Paragraph(title.plain, style=title.style), body), border_style=border_style))
    else:
        console.print(Panel(body, title=title, title_align="left", border_style=border_style))


class Document:
    """A "see also" entry: "title — url" on one line where it fits, else the
    title and then the URL on a line of its own, never broken."""

    def __init__(self, title: str, url: str | None) -> None:
        self.title = title
        self.url = url

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        line = self.title + (f" — {self.url}" if self.url else "")
        if not self.url or cell_len(f"• {line}") <= options.max_width:
            yield Paragraph(line, prefix="• ")
            return
        yield Paragraph(self.title, prefix="• ")
        yield _whole(self.url, options.max_width)


def outcome_parts(view: WalkView, lang: Lang) -> Group:
    """The outcome's text, without a frame."""
    outcome = view.reached()
    parts: list[RenderableType] = [Paragraph(outcome.body)]
    if outcome.steps:
        parts.append(_section(ui("steps", lang)))
        parts += [Paragraph(step, prefix=f"{n}. ") for n, step in enumerate(outcome.steps, 1)]
    if outcome.warnings:
        parts.append(_section(ui("warnings", lang)))
        parts += [Paragraph(w, prefix="⚠ ", style="yellow") for w in outcome.warnings]
    if outcome.contacts:
        parts.append(_section(ui("contacts", lang)))
        parts.append(Contacts(outcome.contacts, lang))
    if outcome.see_also:
        parts.append(_section(ui("see-also", lang)))
        parts += [Document(doc.title, doc.url) for doc in outcome.see_also]
    if view.path:
        parts.append(_section(ui("path", lang)))
        parts += [Paragraph(f"{step.text} → {step.label}", prefix="• ", style="dim") for step in view.path]
    return Group(*parts)


def print_outcome(console: Console, view: WalkView, lang: Lang) -> None:
    """The outcome panel, then the replay command on a line of its own that
    is never broken, so it copies and pastes as one command."""
    outcome = view.reached()
    title = RichText(outcome.title, style="bold green")
    # A panel crops what is wider than its inside; where an address would not
    # fit in it, the outcome goes unframed so that no address is cut.
    if max((cell_len(a) for a in _addresses(outcome)), default=0) <= console.width - PANEL_FRAME:
        print_framed(console, outcome_parts(view, lang), title)
    else:
        console.print(Group(title, outcome_parts(view, lang)), crop=False)
    console.print(Unbroken((f"{ui('replay', lang)}: ", "bold"), (view.replay, "cyan")), crop=False)


# Questions nested deeper than this continue at the top level: a long chain
# drawn as one staircase would leave no width for the texts.
MAX_NESTING = 6


def tree_view(kb: KnowledgeBase, tree: Tree, lang: Lang) -> RichTree:
    """The tree from its start, each question drawn once: where a question is
    reached again (a shared sub-path, a loop) a line refers to it instead,
    so a diamond of 22 questions is 22 questions, not 4 million paths."""
    root = RichTree(Paragraph(f"{tree.title.get(lang)}  [{tree.id}]", style="bold"))
    # Each choice's line, by identity (two choices may be equal), for what it leads to.
    choice_lines: dict[int, RichTree] = {}
    for visit in depth_first(tree, MAX_NESTING):
        if visit.step == "leave":
            continue
        branch = root if visit.choice is None else choice_lines[id(visit.choice)]
        question = visit.question
        if question is None:
            branch.add(Paragraph(visit.question_id, prefix="? ", style="red"))
            continue
        label = f"{question.text.get(lang)}  [{question.id}]"
        if visit.step in ("again", "loop"):
            branch.add(Paragraph(label, prefix="↑ ", style="dim"))
        elif visit.step == "later":
            branch.add(Paragraph(label, prefix="↓ ", style="dim"))
        else:
            node = branch.add(Paragraph(label, style="cyan"))
            for choice in question.choices:
                edge = choice_lines[id(choice)] = node.add(Paragraph(f"{choice.label.get(lang)}  [{choice.id}]"))
                if choice.next:
                    continue  # drawn when the walk reaches it
                if choice.outcome:
                    outcome = kb.outcomes.get(choice.outcome)
                    title = outcome.title.get(lang) if outcome else "?"
                    edge.add(Paragraph(f"{title}  [{choice.outcome}]", prefix="✔ ", style="green"))
                elif choice.tree:
                    linked = kb.trees.get(choice.tree)
                    title = linked.title.get(lang) if linked else "?"
                    edge.add(Paragraph(f"{title}  [{choice.tree}]", prefix="↪ ", style="magenta"))
    return root
