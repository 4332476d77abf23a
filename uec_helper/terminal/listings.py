"""Listings that need neither outcome views nor panels: the tree menu
(`list`) and one line per diagnostic (`validate`). Kept apart from
render.py so that those commands start without the outcome views."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text as RichText

from uec_helper.knowledge.diagnostics import Diagnostic
from uec_helper.knowledge.model import KnowledgeBase, Lang
from uec_helper.terminal.linebreak import Paragraph
from uec_helper.ui_text import ui

UNBOUNDED = 10_000  # cells: wider than any table, so that rich measures every word whole


class TreeMenu:
    """The menu's trees (`list`): a table where every word fits whole in its
    cell; on a terminal too narrow for that, each tree's id on a line and its
    title and summary under it, so that no word is cut."""

    def __init__(self, kb: KnowledgeBase, lang: Lang) -> None:
        self.title = ui("trees", lang)
        self.rows = [(tree.id, tree.title.get(lang), tree.summary.get(lang)) for tree in kb.menu_trees()]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        table = self._table()
        unbounded = options.update_width(UNBOUNDED)  # rich caps a cell's measure at the width it is offered
        if Measurement.get(console, unbounded, table).minimum <= options.max_width:
            yield table
            return
        yield Paragraph(self.title, style="bold")
        for tree_id, title, summary in self.rows:
            yield Paragraph(tree_id, style="cyan")
            yield Paragraph(title, prefix="  ")
            yield Paragraph(summary, prefix="  ", style="dim")

    def _table(self) -> Table:
        table = Table(title=self.title, show_header=False, expand=False)
        table.add_column(style="cyan", no_wrap=True)
        table.add_column()
        for tree_id, title, summary in self.rows:
            table.add_row(tree_id, Group(Paragraph(title), Paragraph(summary, style="dim")))
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
