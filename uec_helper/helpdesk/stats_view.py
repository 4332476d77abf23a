"""Rich views of `stats.session_stats`: a summary table and bar charts."""

from __future__ import annotations

from rich.bar import Bar
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from uec_helper.helpdesk.stats import StatsView
from uec_helper.helpdesk.ticket import duration_text
from uec_helper.knowledge.model import Lang
from uec_helper.ui_text import ui

BAR_WIDTH = 30


def _percent(rate: float | None) -> str:
    return "-" if rate is None else f"{rate * 100:.1f} %"


def summary_table(stats: StatsView, lang: Lang) -> Table:
    table = Table(title=ui("stats-summary", lang), show_header=False, expand=False)
    table.add_column(style="bold")
    table.add_column(justify="right")
    median = stats.median_duration_s
    rows = [
        ("stats-sessions", str(stats.sessions)),
        ("stats-finished", str(stats.finished)),
        ("stats-abandoned", str(stats.abandoned)),
        ("stats-unmatched", str(stats.unmatched)),
        ("stats-searches", str(stats.searches)),
        ("stats-top-chosen-rate", _percent(stats.top_chosen_rate)),
        ("stats-with-resolution", str(stats.with_resolution)),
        ("stats-unresolved-rate", _percent(stats.unresolved_rate)),
        ("stats-escalated-rate", _percent(stats.escalated_rate)),
        ("stats-median-duration", "-" if median is None else duration_text(median, lang)),
    ]
    for key, value in rows:
        table.add_row(ui(key, lang), value)
    return table


def bar_chart(title: str, rows: list[tuple[str, int]]) -> Table:
    """One row per label: the count and a bar scaled to the largest count."""
    table = Table(title=title, show_header=False, expand=False, box=None, padding=(0, 1))
    table.add_column(style="cyan", overflow="fold")
    table.add_column(justify="right")
    table.add_column(width=BAR_WIDTH)
    largest = max((count for _, count in rows), default=0)
    for label, count in rows:
        table.add_row(label, str(count), Bar(size=largest, begin=0, end=count, width=BAR_WIDTH, color="green"))
    return table


def resolution_table(stats: StatsView, lang: Lang) -> Table:
    """Per outcome with a recorded resolution: how many calls, and the share resolved."""
    table = Table(title=ui("stats-outcome-resolution", lang), expand=False)
    table.add_column(overflow="fold")
    table.add_column(ui("stats-with-resolution", lang), justify="right")
    table.add_column(ui("stats-resolved", lang), justify="right")
    for row in stats.outcome_resolution:
        table.add_row(stats.names.outcome(row.outcome), str(row.with_resolution), _percent(row.resolved_rate))
    return table


def stats_view(stats: StatsView, lang: Lang) -> RenderableType:
    """Titles and question texts, not ids, wherever `stats.names` has them."""
    if not stats.sessions:
        return Text(ui("stats-empty", lang))
    names = stats.names
    charts = [
        (ui("stats-trees", lang), [(names.tree(tree) or "-", n) for tree, n in stats.trees]),
        (ui("stats-outcomes", lang), [(names.outcome(outcome), n) for outcome, n in stats.outcomes]),
        (
            ui("stats-abandoned-at", lang),
            [
                (f"{names.tree(tree) or '-'} / {names.question(tree, question) or '-'}", n)
                for (tree, question), n in stats.abandoned_at
            ],
        ),
        (ui("stats-unmatched-queries", lang), stats.unmatched_queries),
        (ui("stats-abandoned-queries", lang), stats.abandoned_queries),
        (ui("stats-caller-langs", lang), [(ui(f"lang-name-{code}", lang), n) for code, n in stats.caller_langs]),
    ]
    parts: list[RenderableType] = [summary_table(stats, lang)]
    parts += [bar_chart(title, rows) for title, rows in charts if rows]
    if stats.outcome_resolution:
        parts.append(resolution_table(stats, lang))
    return Group(*parts)
