"""Listings that need neither outcome views nor panels: the tree menu
(`list`) and one line per diagnostic (`validate`). Kept apart from
render.py so that those commands start without the outcome views."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text as RichText

from uec_helper.knowledge.diagnostics import Diagnostic
from uec_helper.knowledge.model import KnowledgeBase, Lang
from uec_helper.ui_text import ui

# A two-column table's borders and padding, in cells: "│ id │ text │".
TABLE_FRAME = 7


class TreeMenu:
    """The menu's trees (`list`): a table where every word fits whole in its
    cell; on a terminal too narrow for that, each tree's id on a line and its
    title and summary under it, so that no word is cut."""

    def __init__(self, kb: KnowledgeBase, lang: Lang) -> None:
        from uec_helper.terminal.linebreak import Paragraph  # here: validate, which shares the module, breaks no line

        self.title = ui("trees", lang)
        self.rows = [
            (tree.id, Paragraph(tree.title.get(lang)), Paragraph(tree.summary.get(lang), style="dim"))
            for tree in kb.menu_trees()
        ]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from uec_helper.terminal.linebreak import Paragraph

        ids = max((cell_len(tree_id) for tree_id, *_ in self.rows), default=0)
        words = max((text.extent.minimum for _, *texts in self.rows for text in texts), default=0)
        if ids + words + TABLE_FRAME <= options.max_width:
            yield self._table()
            return
        yield Paragraph(self.title, style="bold")
        for tree_id, title, summary in self.rows:
            yield Paragraph(tree_id, style="cyan")
            yield Paragraph(title.content, prefix="  ")
            yield Paragraph(summary.content, prefix="  ")

    def _table(self) -> Table:
        table = Table(title=self.title, show_header=False, expand=False)
        table.add_column(style="cyan", no_wrap=True)
        table.add_column()
        for tree_id, title, summary in self.rows:  # the summary on a row of its own: no row lines are drawn
            table.add_row(tree_id, title)
            table.add_row("", summary)
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
