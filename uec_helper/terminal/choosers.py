"""Which prompt asks: the plain one (plain.py) or the arrow-key one (prompts.py)."""

from __future__ import annotations

from uec_helper.terminal.menus import Chooser
from uec_helper.ui_text import Language


def chooser_for(plain: bool, language: Language) -> Chooser:
    """The plain prompt, or the arrow-key one (which loads questionary)."""
    if plain:
        from uec_helper.terminal.plain import PlainChooser

        return PlainChooser(language)
    from uec_helper.terminal.prompts import QuestionaryChooser

    return QuestionaryChooser()
