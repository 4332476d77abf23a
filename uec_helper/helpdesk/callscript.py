"""What a helpdesk agent reads out at the outcome, in the caller's language.

Built from the walk's view in the caller's language, like every other view.
"""

from __future__ import annotations

from uec_helper.knowledge.model import Lang
from uec_helper.ui_text import ui
from uec_helper.views import ContactView, WalkView


def contact_line(contact: ContactView, lang: Lang) -> str:
    """A contact view on one line: 'Help desk: desk@example.org, Ext. 1234, Room 1'."""
    parts = [
        contact.email,
        f"{ui('phone', lang)} {contact.phone}" if contact.phone else None,
        f"{ui('extension', lang)} {contact.extension}" if contact.extension else None,
        contact.location,
        contact.url,
    ]
    details = ", ".join(part for part in parts if part)
    return f"{contact.name}: {details}" if details else contact.name


def say_this(view: WalkView, lang: Lang) -> list[str]:
    """The lines to read out, for a view of a finished walk in `lang`."""
    outcome = view.reached()
    lines = [outcome.title, outcome.body]
    if outcome.steps:
        lines.append(ui("say-steps", lang))
        lines += [f"{n}. {step}" for n, step in enumerate(outcome.steps, 1)]
    if outcome.warnings:
        lines.append(ui("say-warnings", lang))
        lines += [f"- {w}" for w in outcome.warnings]
    if outcome.contacts:
        lines.append(ui("say-contacts", lang))
        lines += [f"- {contact_line(c, lang)}" for c in outcome.contacts]
    if outcome.see_also:
        lines.append(ui("say-see-also", lang))
        lines += [f"- {doc.title}" + (f" ({doc.url})" if doc.url else "") for doc in outcome.see_also]
    return lines


def lang_name(lang: Lang, in_lang: Lang) -> str:
    return ui(f"lang-{lang}", in_lang)
