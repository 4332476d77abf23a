"""The rich view of search results (reads `search.views.SearchView`)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text as RichText

from uec_helper.knowledge.model import Lang
from uec_helper.search.lookup import echoed_query
from uec_helper.search.views import SearchView
from uec_helper.terminal.linebreak import Paragraph, Unbroken
from uec_helper.ui_text import ui

# Under the number: the "why" line and the command line.
INDENT = "   "


def results_view(view: SearchView, lang: Lang) -> Group:
    """Per hit: its title and kind, why it matched, and the command that leads
    there on one unbroken line (print with crop=False); first a line when the
    results follow the query's language. Texts wrap as Japanese does."""
    note = [Paragraph(view.note, style="dim")] if view.note else []
    query = echoed_query(view.query)
    if not view.results:
        return Group(*note, Paragraph(ui("search-none", lang).format(query=query), style="yellow"))
    parts: list[RenderableType] = [*note, Paragraph(ui("search-results", lang).format(query=query), style="bold")]
    for number, result in enumerate(view.results, 1):
        head = RichText.assemble(
            (result.title, "bold green" if result.kind == "outcome" else "bold"),
            (f"  [{ui('kind-' + result.kind, lang)}]", "dim"),
        )
        if result.kind == "outcome":
            head.append(f" · {result.tree_title}", style="dim")
        parts += [
            RichText(""),
            Paragraph(head, prefix=RichText(f"{number}. ", style="bold")),
            Paragraph(result.why, prefix=INDENT, style="dim"),
            Unbroken(INDENT, (result.replay, "cyan")),
        ]
    return Group(*parts)
