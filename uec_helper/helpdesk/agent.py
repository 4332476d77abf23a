"""Helpdesk mode: an agent on the phone walks a caller through a tree.

The agent's screen is in `--lang`; what the agent reads out is in the
caller's language. Every question offers Back, Start over and Switch tree and
shows the time since the call started. At the outcome the agent sees the
remedy and a "say this" script, records whether it solved the problem (or
goes Back to the walk, before anything is recorded; "escalated" asks to
whom, with Back to that question) and an optional note, and gets a ticket note to paste.

questionary is imported only where a prompt is shown, so this module is cheap
to import for scripted runs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from uec_helper.errors import UsageError
from uec_helper.helpdesk.callscript import say_this
from uec_helper.helpdesk.recorder import Recorder
from uec_helper.helpdesk.request import RESOLUTIONS, AgentRequest, Resolution, note_file_error
from uec_helper.helpdesk.ticket import Call, ticket_note
from uec_helper.knowledge.model import KnowledgeBase, Lang, Text
from uec_helper.ui_text import Language, ui
from uec_helper.views import WalkView, walk_view
from uec_helper.walk.engine import Answerer, Move, Walk, run

if TYPE_CHECKING:
    from uec_helper.helpdesk.privacy import Secret
    from uec_helper.terminal.menus import Chooser, ProblemMenu

_SWITCH = "\0switch-tree"  # never a choice id: ids come from YAML keys checked by the schema
_OTHER = "\0other"  # "someone else" among the contacts: never a contact's name


class SwitchTree(Exception):
    """The agent left this tree for another one, maybe found by describing the
    problem: then `answers` pre-answer the start of its path."""

    def __init__(self, tree_id: str, answers: dict[str, str]) -> None:
        super().__init__(tree_id)
        self.tree_id = tree_id
        self.answers = answers

    def walk(self, fresh: Walk) -> Walk:
        """`fresh` (a walk of the new tree) with the answers applied in order."""
        walk = fresh
        for question_id, choice_id in self.answers.items():
            if walk.question is None or walk.question.id != question_id:
                break
            walk = walk.answer(choice_id)
        return walk


def run_switching(walk: Walk, answerer: Answerer, start_tree: Callable[[str], Walk]) -> Walk:
    """Runs the walk to an outcome; Switch tree starts over in the other tree
    (`start_tree` gives its fresh walk), with the answers the agent found."""
    while True:
        try:
            return run(walk, answerer)
        except SwitchTree as switch:
            walk = switch.walk(start_tree(switch.tree_id))


def clock(seconds: float) -> str:
    minutes, rest = divmod(int(seconds), 60)
    return f"⏱ {minutes:02d}:{rest:02d}"


class AgentAnswerer:
    """Asks the agent, who asks the caller, through `chooser` (menus.py)."""

    def __init__(
        self,
        lang: Lang,
        caller_lang: Lang,
        elapsed: Callable[[], float],
        problems: ProblemMenu,
        chooser: Chooser,
    ) -> None:
        self.lang = lang
        self.caller_lang = caller_lang
        self.elapsed = elapsed
        # The problem menu's trees (those without errors), its search index and
        # who hears its searches (the session log); worded here for the agent.
        self.problems = problems
        self.chooser = chooser

    def _both(self, text: Text) -> str:
        """`text` as the agent reads it, with the caller's wording when it differs."""
        mine, theirs = text.get(self.lang), text.get(self.caller_lang)
        return mine if theirs in mine else f"{mine} ({theirs})"

    def __call__(self, walk: Walk) -> str | Move:
        from uec_helper.terminal.menus import Menu, Option, back_move, start_over_move

        question = walk.question
        assert question is not None  # the engine asks only at a question
        moves = [back_move(self.lang), start_over_move(self.lang)] if walk.steps else []
        moves.append(Option(ui("switch-tree", self.lang), _SWITCH, key="t"))
        # The screen speaks the agent's language; the line under the question
        # gives the words to read out in the caller's.
        if question.agent is not None:
            ask = question.agent.get(self.lang)
        else:
            ask = f"{ui('ask-caller', self.lang)} {question.text.get(self.lang)}"
        lines = [f"{clock(self.elapsed())}  {ask}"]
        if self.lang != self.caller_lang:
            lines.append(f"{ui('read-out', self.lang)} {question.text.get(self.caller_lang)}")
        hint = question.help.get(self.lang) if question.help else ui("use-arrow-keys", self.lang)
        choices = tuple(Option(self._both(c.label), c.id) for c in question.choices)
        while True:
            answer: str | Move = self.chooser.choose(
                Menu("\n".join(lines), choices, tuple(moves), hint, lang=self.lang)
            )
            if answer != _SWITCH:
                return answer
            switched = self.choose_tree(walk.kb, back=True)
            if switched is not None:  # None: Back, to this question
                raise SwitchTree(*switched)

    def choose_tree(self, kb: KnowledgeBase, back: bool, note: str | None = None) -> tuple[str, dict[str, str]] | None:
        """The problem menu, worded for the agent, with the call timer; `note`
        (a --query that matched nothing says so) in place of its question."""
        from uec_helper.terminal.menus import choose_tree

        message = f"{clock(self.elapsed())}  {note or ui('agent-pick-tree', self.lang)}"
        problems = replace(self.problems, message=message, back=back, agent=True)
        return choose_tree(kb, problems, self.chooser, Language(self.lang))


class BackToWalk(Exception):
    """The agent went back from the outcome, before anything was recorded."""


def ask_resolution(lang: Lang, chooser: Chooser) -> Resolution:
    """Did it solve it? Back (raises BackToWalk) returns to the last question."""
    from uec_helper.terminal.menus import Menu, Option, back_move

    options = tuple(Option(ui(f"resolution-{r}", lang), r) for r in RESOLUTIONS)
    menu = Menu(ui("did-it-solve", lang), options, (back_move(lang),), ui("use-arrow-keys", lang), lang=lang)
    picked = chooser.choose(menu)
    if picked is Move.BACK:
        raise BackToWalk
    resolution: Resolution = picked
    return resolution


class BackToResolution(Exception):
    """The agent went back from "Escalated to:" (Escalated was picked by mistake)."""


def ask_escalated_to(kb: KnowledgeBase, lang: Lang, chooser: Chooser) -> str:
    """To whom the call was escalated: a contact's id from the registry, or a
    name typed in; either way what `--escalated-to` would say (escalation_name).
    Back raises BackToResolution; Enter alone at the name returns to the list."""
    from uec_helper.terminal.menus import Menu, Option, back_move

    contacts = sorted(kb.contacts.values(), key=lambda c: c.name.get(lang))
    options = tuple(Option(c.name.get(lang), c.id) for c in contacts)
    other = Option(ui("escalated-other", lang), _OTHER)
    menu = Menu(ui("escalated-to", lang), (*options, other), (back_move(lang),), ui("use-arrow-keys", lang), lang=lang)
    while True:
        picked = chooser.choose(menu)
        if picked is Move.BACK:
            raise BackToResolution
        if picked is not _OTHER:
            contact_id: str = picked
            return contact_id
        typed = chooser.ask_text(ui("escalated-to-name", lang))
        if typed.strip():
            return typed


# A name or an office, not a note: longer is a paste gone wrong, and the ticket's line stays readable.
MAX_ESCALATED_TO_CHARS = 200


def escalation_name(kb: KnowledgeBase, given: str, lang: Lang) -> tuple[str | None, tuple[Secret, ...]]:
    """Whom the ticket and the log name for `given` (a flag's value, or the
    agent's pick or typing at the terminal), and the kinds of secret masked in
    it. A contact id of the registry is that contact's name in `lang`; anything
    else is what was typed, treated as a note is (`_plain`, then masked), on one
    line, cut at MAX_ESCALATED_TO_CHARS. None: nothing left to record."""
    contact = kb.contacts.get(given)
    if contact is not None:
        return contact.name.get(lang), ()
    typed = " ".join(_plain(given).split())
    if not typed:
        return None, ()
    from uec_helper.helpdesk.privacy import screen_note

    screened = screen_note(typed)
    return screened.text[:MAX_ESCALATED_TO_CHARS], screened.found


def ask_note(lang: Lang, chooser: Chooser) -> str:
    """The agent's note; Ctrl-D (end of input) means no note, as Enter alone does."""
    return chooser.ask_text(ui("agent-note", lang))


@dataclass(frozen=True)
class CallEnd:
    """How the call ended: what was said, how it went, the ticket note."""

    call: Call
    say_this: list[str]
    privacy: tuple[Secret, ...]  # masked in the note
    ticket: str
    note_file_error: UsageError | None  # the ticket could not be written; reported after the session is logged
    escalated_privacy: tuple[Secret, ...] = ()  # masked in the name escalated to

    def to_json(self) -> dict[str, Any]:
        return {
            "caller_lang": self.call.caller_lang,
            "say_this": self.say_this,
            "resolution": self.call.resolution,
            "escalated_to": self.call.escalated_to,
            "note": self.call.note,
            "privacy_warnings": list(dict.fromkeys(self.privacy + self.escalated_privacy)),
            "ticket": self.ticket,
        }

    def warnings(self, lang: Lang) -> list[str]:
        """A line for each of the note and the name escalated to that had a secret masked."""
        joiner = " / " if lang == "ja" else " or "
        return [
            ui("privacy-warning", lang).format(
                field=ui(f"privacy-{field}", lang), what=joiner.join(ui(f"secret-{kind}", lang) for kind in found)
            )
            for field, found in (("note", self.privacy), ("escalated-to", self.escalated_privacy))
            if found
        ]


class CallScreen(Protocol):
    """Where the agent sees the call close: the terminal's (terminal/call_screen.py),
    or none under --json. It asks only when the agent is at a terminal."""

    def show_outcome(self, view: WalkView, script: list[str], caller_lang: Lang) -> None: ...

    def ask_resolution(self) -> Resolution | None:
        """None when nobody is asked; Back raises BackToWalk."""

    def ask_escalated_to(self, kb: KnowledgeBase) -> str | None:
        """None when nobody is asked; Back raises BackToResolution."""

    def ask_note(self) -> str | None: ...

    def show_ticket(self, ticket: str, note_file: Path | None) -> None: ...


def close_call(
    agent: AgentRequest, walk: Walk, view: WalkView, recorder: Recorder, screen: CallScreen | None
) -> CallEnd:
    """Shows the finished walk's outcome with the say-this script, asks how
    it went (what the flags did not say), and writes the ticket note."""
    script = say_this(walk_view(walk, agent.caller_lang), agent.caller_lang)
    if screen is not None:
        screen.show_outcome(view, script, agent.caller_lang)
    resolution, escalated_to = _how_it_went(agent, walk.kb, screen)
    whom, whom_secrets = escalation_name(walk.kb, escalated_to, view.lang) if escalated_to is not None else (None, ())
    recorder.resolution = resolution  # kept if Ctrl-C ends the call at the note prompt
    note = agent.note
    if note is None and screen is not None:
        note = screen.ask_note()
    note = _plain(note) if note else None
    screened = None
    if note:
        # Imported here: its patterns cost about a tenth of a scripted call's start, and most calls have no note.
        from uec_helper.helpdesk.privacy import screen_note

        screened = screen_note(note)
    call = Call(
        agent.caller_lang,
        datetime.now().astimezone(),
        recorder.elapsed(),
        resolution,
        screened.text if screened else None,
        walk.tree.title.get(view.lang),
        whom,
    )
    ticket = ticket_note(view, call, view.lang)
    error = _write(agent.note_file, ticket, agent.force) if agent.note_file is not None else None
    if screen is not None:
        # Shown even when it could not be written: the agent can still copy it.
        screen.show_ticket(ticket, agent.note_file if error is None else None)
    return CallEnd(call, script, screened.found if screened else (), ticket, error, whom_secrets)


def _how_it_went(
    agent: AgentRequest, kb: KnowledgeBase, screen: CallScreen | None
) -> tuple[Resolution | None, str | None]:
    """The resolution and to whom it was escalated: the flags', else asked
    on `screen`. Back from "Escalated to:" asks "Did this solve it?" again,
    or, when --resolution said it, returns to the walk (BackToWalk), as Back
    there does: nothing is recorded yet."""
    resolution, escalated_to = agent.resolution, agent.escalated_to
    while screen is not None:
        if agent.resolution is None:
            resolution = screen.ask_resolution()  # Back raises BackToWalk
        if resolution != "escalated" or escalated_to is not None:
            break
        try:
            escalated_to = screen.ask_escalated_to(kb)
            break
        except BackToResolution:
            if agent.resolution is not None:
                raise BackToWalk from None
    return resolution, escalated_to


def _plain(note: str) -> str:
    """The note as the ticket file and the log can carry it: bytes that were
    not UTF-8 on the command line (lone surrogates) become visible escapes,
    and characters that steer a terminal (ESC, bidi overrides) are dropped,
    since someone will `cat` the ticket file."""
    from uec_helper.terminal.screen import printable

    return printable(note.encode("utf-8", "backslashreplace").decode("utf-8")).strip()


def _write(path: Path, ticket: str, force: bool) -> UsageError | None:
    from uec_helper.safe_write import write_whole

    try:
        write_whole(path, ticket.encode("utf-8"), replace=force)
    except OSError as exc:
        return note_file_error(path, exc)
    return None
