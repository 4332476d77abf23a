"""The helpdesk agent's screen as the call closes: the outcome and the
"say this" script, the questions how it went, the ticket note to paste."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console, Group
from rich.rule import Rule
from rich.text import Text

from uec_helper.helpdesk.callscript import lang_name
from uec_helper.helpdesk.request import Resolution
from uec_helper.knowledge.model import KnowledgeBase, Lang
from uec_helper.terminal.linebreak import Paragraph
from uec_helper.terminal.menus import Chooser
from uec_helper.terminal.render import print_framed, print_outcome
from uec_helper.ui_text import ui
from uec_helper.views import WalkView


class TerminalCallScreen:
    """Draws on `console` in `lang`; asks only when `at_terminal` (else what
    the flags did not say stays unrecorded), with the plain prompt if `plain`."""

    def __init__(self, console: Console, lang: Lang, at_terminal: bool, plain: bool = False) -> None:
        self.console = console
        self.lang = lang
        self.at_terminal = at_terminal
        self.plain = plain

    def _chooser(self) -> Chooser:
        from uec_helper.terminal.choosers import chooser_for

        return chooser_for(self.plain)

    def show_outcome(self, view: WalkView, script: list[str], caller_lang: Lang) -> None:
        title = Text(ui("say-this", self.lang).format(lang=lang_name(caller_lang, self.lang)), style="bold magenta")
        if self.plain:  # plain text: no frame for a screen reader to read out
            from uec_helper.terminal.plain import outcome_text, wrapped

            width = self.console.width
            self.console.print(Text(outcome_text(view, self.lang, width)), end="", soft_wrap=True)
            said = [piece for line in script for piece in wrapped(line, width)]
            self.console.print(Text("\n".join(["", f"{title.plain}:", *said, ""])), soft_wrap=True)
            return
        print_outcome(self.console, view, self.lang)
        # Paragraphs, not a markup string: the FAQ's own texts contain [brackets].
        script_lines = Group(*(Paragraph(line) for line in script))
        print_framed(self.console, script_lines, title, border_style="magenta")

    def ask_resolution(self) -> Resolution | None:
        from uec_helper.helpdesk.agent import ask_resolution

        return ask_resolution(self.lang, self._chooser()) if self.at_terminal else None

    def ask_escalated_to(self, kb: KnowledgeBase) -> str | None:
        from uec_helper.helpdesk.agent import ask_escalated_to

        return ask_escalated_to(kb, self.lang, self._chooser()) if self.at_terminal else None

    def ask_note(self) -> str | None:
        from uec_helper.helpdesk.agent import ask_note

        return ask_note(self.lang, self._chooser()) if self.at_terminal else None

    def show_ticket(self, ticket: str, note_file: Path | None) -> None:
        self.console.print(Rule(ui("ticket", self.lang), align="left"))
        self.console.print(Text(ticket), end="", soft_wrap=True)  # plain text, ready to paste: no line breaks added
        if note_file is not None:
            self.console.print(ui("ticket-written", self.lang).format(file=note_file), style="dim", highlight=False)
