"""The ticket note: plain text for the ticket system, in the agent's language.

Built from the walk's view (`views.WalkView`), so it says exactly what the screen said.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from uec_helper.helpdesk.callscript import contact_line, lang_name
from uec_helper.helpdesk.request import Resolution
from uec_helper.knowledge.model import Lang
from uec_helper.ui_text import ui
from uec_helper.views import WalkView


@dataclass(frozen=True)
class Call:
    """What the agent adds to the walk: who, when, how it went."""

    caller_lang: Lang
    when: datetime
    duration_s: float
    resolution: Resolution | None
    note: str | None  # already screened by privacy.screen_note
    tree_title: str | None = None  # the walk's tree, in the agent's language
    escalated_to: str | None = None  # a contact's name, or what the agent typed


def duration_text(seconds: float, lang: Lang) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return ui("duration", lang).format(m=minutes, s=rest)


def ticket_note(view: WalkView, call: Call, lang: Lang) -> str:
    """The note for a finished walk's view in `lang`."""
    outcome = view.reached()
    lines = [
        ui("ticket-head", lang),
        f"{ui('ticket-time', lang)}: {call.when.strftime('%Y-%m-%d %H:%M %Z').rstrip()}",
        f"{ui('ticket-tree', lang)}: " + (f"{call.tree_title} [{view.tree}]" if call.tree_title else view.tree),
        f"{ui('ticket-caller-lang', lang)}: {lang_name(call.caller_lang, lang)}",
        f"{ui('ticket-duration', lang)}: {duration_text(call.duration_s, lang)}",
        f"{ui('ticket-path', lang)}:",
        *(f"  {n}. {step.text} → {step.label}" for n, step in enumerate(view.path, 1)),
        f"{ui('ticket-outcome', lang)}: {outcome.title} [{outcome.id}]",
        f"{ui('ticket-contacts', lang)}:",
        *([f"  - {contact_line(c, lang)}" for c in outcome.contacts] or [f"  {ui('none', lang)}"]),
        f"{ui('ticket-resolution', lang)}: "
        + (ui(f"resolution-{call.resolution}", lang) if call.resolution else ui("not-recorded", lang))
        + (f" ({ui('escalated-to-whom', lang).format(name=call.escalated_to)})" if call.escalated_to else ""),
        f"{ui('ticket-note', lang)}: {call.note or ui('none', lang)}",
        f"{ui('ticket-replay', lang)}: {view.replay}",
    ]
    return "\n".join(_one_field(line) for line in lines) + "\n"


CONTINUATION = "    "


def _one_field(line: str) -> str:
    """A field with its line breaks (a note typed over several lines, any of
    the breaks `str.splitlines` knows) continued indented: only the ticket's
    own fields start a line, so a note cannot forge "Resolution: yes"."""
    first, *rest = line.splitlines() or [""]
    return "\n".join([first, *(CONTINUATION + more for more in rest)])
