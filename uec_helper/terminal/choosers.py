"""Which prompt asks: the plain one (plain.py) or the arrow-key one (prompts.py)."""

from __future__ import annotations

from uec_helper.terminal.menus import Chooser


def chooser_for(plain: bool) -> Chooser:
    """The plain prompt, or the arrow-key one (which loads questionary)."""
    if plain:
        from uec_helper.terminal.plain import PlainChooser

        return PlainChooser()
    from uec_helper.terminal.prompts import QuestionaryChooser

    return QuestionaryChooser()
