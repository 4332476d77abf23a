"""Listings that need neither outcome views nor panels: the tree menu as a
table (`list`) and one line per diagnostic (`validate`). Kept apart from
render.py so that those commands start without the outcome views."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text as RichText

from uec_helper.knowledge.diagnostics import Diagnostic
from uec_helper.knowledge.model import KnowledgeBase, Lang
from uec_helper.ui_text import ui


def trees_table(kb: KnowledgeBase, lang: Lang) -> Table:
    table = Table(title=ui("trees", lang), show_header=False, expand=False)
    table.add_column(style="cyan", no_wrap=True)
    table.add_column(overflow="fold")
    for tree in kb.menu_trees():
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
