"""What each command does, between parsing its flags and printing its result.

Nothing here prints: results are typed views (views.py) or domain errors
(errors.py); helpdesk mode draws through the CallScreen the CLI passes.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from uec_helper.errors import BrokenTrees, Interrupted, Message, Quit, UecError, UsageError
from uec_helper.helpdesk.recorder import Ending, Mode, Recorder
from uec_helper.knowledge.base import find_tree, load, load_knowledge
from uec_helper.knowledge.diagnostics import has_errors
from uec_helper.knowledge.loader import Loaded
from uec_helper.knowledge.model import Lang, Tree
from uec_helper.knowledge.paths import validate_command
from uec_helper.knowledge.usability import Usability
from uec_helper.ui_text import Language, ui, ui_message
from uec_helper.views import WalkView, replay_settings, walk_view
from uec_helper.walk.answers import (
    GivenAnswers,
    MissingAnswer,
    ScriptedAnswerer,
    check_answers,
    invalid_answer,
    parse_answer_flags,
    read_answers_file,
)
from uec_helper.walk.engine import InvalidAnswer, Walk, run

if TYPE_CHECKING:
    from uec_helper.helpdesk.agent import CallEnd, CallScreen
    from uec_helper.helpdesk.request import AgentRequest
    from uec_helper.terminal.menus import Chooser, ProblemMenu


EXPORT_FORMATS = ("mermaid", "dot", "json", "html")


def export_trees(folder: Path, tree_id: str | None, all_trees: bool, graph_format: str, lang: Lang) -> str:
    """One tree, or every tree with `all_trees`, as Mermaid, DOT or JSON text,
    or as a web page (which holds the trees a tree leads into as well)."""
    from uec_helper.authoring.export import FORMATS, build_graph

    if graph_format not in EXPORT_FORMATS:
        message = f"--format: unknown format '{graph_format}'; use one of: {', '.join(EXPORT_FORMATS)}"
        raise UsageError("invalid-format", message)
    if all_trees == (tree_id is not None):
        raise UsageError("export-what", "pass a TREE id or --all (not both)")
    if graph_format == "html":
        return _web_page(folder, tree_id, lang)
    kb = load_knowledge(folder)
    trees = [find_tree(kb, tree_id)] if tree_id is not None else sorted(kb.trees.values(), key=lambda t: t.id)
    return FORMATS[graph_format](build_graph(kb, trees, lang, tree_id or "trees"))


def _web_page(folder: Path, tree_id: str | None, lang: Lang) -> str:
    """A graph may show a broken tree to its reviewers; a published page never
    does, since its readers must not meet a dead link."""
    from uec_helper.authoring.validation import validate_folder
    from uec_helper.authoring.web_page import html_page

    loaded = load(folder)
    kb = loaded.knowledge
    if tree_id is not None:
        return html_page(kb, kb.linked_trees(_usable_tree(loaded, tree_id, folder)), lang)
    errors = [d for d in validate_folder(folder) if d.severity == "error"]
    if errors:
        raise BrokenTrees(
            "broken-tree",
            f"the trees have errors and cannot be published; run `{validate_command(folder)}` "
            f"(first: {errors[0].location}: {errors[0].message})",
        )
    return html_page(kb, sorted(kb.trees.values(), key=lambda t: t.id), lang)


def check_output(path: Path) -> None:
    """Refuses, before the export is made, a file it could not be written to."""
    from uec_helper.safe_write import check_writable

    try:
        check_writable(path, replace=True)
    except OSError as error:
        raise _cannot_write(path, error) from error


def write_output(path: Path, text: str) -> None:
    """Write all or nothing: a failed export leaves an earlier file as it was."""
    from uec_helper.safe_write import write_whole

    try:
        write_whole(path, text.encode("utf-8"), replace=True, private=False)
    except OSError as error:
        raise _cannot_write(path, error) from error


def _cannot_write(path: Path, error: OSError) -> UsageError:
    from uec_helper.safe_write import why_not_written

    return UsageError("output", f"{path}: cannot write: {why_not_written(error, '--output file').en}")


@dataclass(frozen=True)
class DiagnoseRequest:
    trees: Path
    tree_id: str | None
    answer_flags: list[str]
    answers_file: Path | None
    lang: Lang
    interactive: bool
    agent: AgentRequest | None = None  # helpdesk mode (agent.py)
    recorder: Recorder = field(default_factory=Recorder)  # where the session is, for the session log
    query: str | None = None  # diagnose --query: start at the best search match (lookup.py)
    log: Path | None = None  # --log: append the session to this file
    plain: bool = False  # the line-by-line prompt (plain.py), for --plain and TERM=dumb
    lang_chosen: bool = False  # --lang was given: a --query in the other language keeps it (and says how to switch)

    @property
    def mode(self) -> Mode:
        return "agent" if self.agent is not None else "user" if self.interactive else "scripted"


def _usable_tree(loaded: Loaded, tree_id: str, folder: Path) -> Tree:
    broken = {d.location.file for d in loaded.diagnostics if d.severity == "error"}
    tree = find_tree(loaded.knowledge, tree_id, len(broken))
    problems = Usability(loaded).problems(tree)
    if has_errors(problems):
        first = min(d for d in problems if d.severity == "error")
        command, problem = validate_command(folder), f"{first.location}: {first.message}"
        raise BrokenTrees(
            "broken-tree", ui_message("err-broken-tree", tree=tree_id, command=command, first=problem), tree=tree_id
        )
    return tree


def _missing_answer(walk: Walk, lang: Lang) -> UsageError:
    question = walk.question
    assert question is not None
    choices = [c.id for c in question.choices]
    return UsageError(
        "missing-answer",
        ui_message(
            "err-missing-answer", question=question.id, text=question.text.get(lang), choices=", ".join(choices)
        ),
        question=question.id,
        text=question.text.get(lang),
        choices=choices,
        answers=walk.answers,
    )


# Hears the line on the walk's language (diagnose --query) before the walk starts.
Announce = Callable[[str], None]


def diagnose_walk(request: DiagnoseRequest, resume: Walk | None = None, announce: Announce | None = None) -> Walk:
    """The finished walk: the answers given, then the prompts (at a terminal).
    `resume`: a helpdesk walk the agent went back into from its outcome."""
    given = parse_answer_flags(request.answer_flags)
    if request.answers_file is not None:
        given = read_answers_file(request.answers_file) | given
    loaded = load(request.trees)
    kb = loaded.knowledge
    if request.agent is not None and request.agent.escalated_to is not None:
        from uec_helper.helpdesk.request import check_escalated_to

        check_escalated_to(request.agent.escalated_to, kb.contacts)
    language = request.recorder.language = request.recorder.language or Language(request.lang, request.lang_chosen)
    chooser = None
    if request.interactive:
        from uec_helper.terminal.choosers import chooser_for

        chooser = chooser_for(request.plain)
    try:
        start = _start(request, loaded, chooser, announce) if resume is None else WalkStart(None, {})
        recorder = request.recorder
        if chooser is not None and request.agent is not None:
            walk = _agent_walk(request, loaded, chooser, start, given, resume)
        elif chooser is not None:
            walk = _person_walk(request, loaded, chooser, start, given)
        else:
            if start.tree_id is None:
                said = ui_message("err-missing-tree", trees=", ".join(sorted(kb.trees)))
                raise UsageError("missing-tree", said, trees=sorted(kb.trees))
            tree = _usable_tree(loaded, start.tree_id, request.trees)
            answers = start.answers | given.choices
            check_answers(kb, tree, answers, given.origins)
            walk = run(Walk(kb, tree), recorder.track(ScriptedAnswerer(answers)))
        recorder.finished(walk)
    except MissingAnswer as exc:
        raise _missing_answer(exc.walk, language.current) from exc
    except InvalidAnswer as exc:
        raise invalid_answer(exc.question, exc.choice_id) from exc
    except EOFError as exc:
        raise UsageError("no-input", ui_message("no-input")) from exc  # shown in the walk's language (diagnose)
    return walk


@dataclass(frozen=True)
class WalkStart:
    """Where a walk starts: a tree (None: the problem menu) and the answers
    that pre-answer its path; `note` heads the menu (the query matched nothing)."""

    tree_id: str | None
    answers: dict[str, str]
    note: str | None = None


def _start(request: DiagnoseRequest, loaded: Loaded, chooser: Chooser | None, announce: Announce | None) -> WalkStart:
    """The TREE, or the best match of --query; at a terminal a query that
    matches nothing starts at the menu (or the TREE) instead of failing.
    The walk follows the query's language as `search` does (a line says so),
    except in helpdesk mode: there the screen is the agent's, and the
    caller's language is --caller-lang."""
    if request.query is None:
        return WalkStart(request.tree_id, {})
    from uec_helper.search.lookup import WALK_NOTE, echoed_query, index_of, shown_language, start_from_query

    index = index_of(loaded)
    language = request.recorder.language
    assert language is not None
    if request.agent is None:
        shown = shown_language(index, request.query, language.current, language.chosen, WALK_NOTE)
        language.current = shown.lang
        if shown.note is not None and announce is not None:
            announce(shown.note)
    choose = None
    if chooser is not None:
        from uec_helper.terminal.menus import choose_hit

        choose = functools.partial(
            choose_hit, loaded.knowledge, lang=language.current, chooser=chooser, agent=request.agent is not None
        )
    try:
        tree_id, found = start_from_query(
            index,
            loaded.knowledge,
            request.query,
            language.current,
            request.tree_id,
            choose,
            request.recorder.searched,
            None if request.tree_id else frozenset(Usability(loaded).usable()),
        )
    except UsageError as error:
        if error.code != "no-match" or chooser is None:
            raise
        wording = "agent-no-match" if request.agent is not None else "no-match"
        said = ui(wording, language.current).format(query=echoed_query(request.query))
        return WalkStart(request.tree_id, {}, said)
    return WalkStart(tree_id, found)


def _agent_walk(
    request: DiagnoseRequest,
    loaded: Loaded,
    chooser: Chooser,
    start: WalkStart,
    given: GivenAnswers,
    resume: Walk | None,
) -> Walk:
    """The agent's walk: from the problem menu worded for the agent when no
    TREE was given; Switch tree may lead to another tree and back."""
    # Imported here: only a helpdesk agent at a terminal needs them.
    from uec_helper.helpdesk.agent import AgentAnswerer, run_switching

    agent = request.agent
    assert agent is not None
    kb = loaded.knowledge
    problems = _problems(request, loaded)
    answerer = AgentAnswerer(request.lang, agent.caller_lang, request.recorder.elapsed, problems, chooser)
    if resume is not None:
        walk, answers = resume.back(), {}
    else:
        tree_id, answers = start.tree_id, start.answers | given.choices
        if tree_id is None:
            picked = answerer.choose_tree(kb, back=False, note=start.note)
            assert picked is not None  # this menu offers no Back
            tree_id, answers = picked[0], picked[1] | given.choices
        tree = _usable_tree(loaded, tree_id, request.trees)
        check_answers(kb, tree, answers, given.origins)
        walk = Walk(kb, tree)
    return run_switching(
        walk,
        request.recorder.track(ScriptedAnswerer(answers, answerer)),
        lambda tree_id: Walk(kb, _usable_tree(loaded, tree_id, request.trees)),
    )


def _problems(request: DiagnoseRequest, loaded: Loaded) -> ProblemMenu:
    """The problem menu: the trees without errors, searched with the cached
    index, each search heard by the session log. A person's description
    clearly in the other language switches the walk to it, as --query does;
    the agent's screen keeps the agent's language."""
    from uec_helper.search.lookup import index_of
    from uec_helper.terminal.menus import ProblemMenu

    index = functools.partial(index_of, loaded)
    usable = Usability(loaded).usable()
    return ProblemMenu(usable, on_search=request.recorder.searched, index=index, follows_query=request.agent is None)


def _person_walk(
    request: DiagnoseRequest, loaded: Loaded, chooser: Chooser, start: WalkStart, given: GivenAnswers
) -> Walk:
    """A person's walk: from the problem menu when no TREE was given, back to
    it on Back at the first question or Start over."""
    from uec_helper.terminal.menus import PersonAnswerer, ToMenu, choose_tree

    kb = loaded.knowledge
    language = request.recorder.language
    assert language is not None
    tree_id, answers, note = start.tree_id, start.answers | given.choices, start.note
    from_menu = tree_id is None
    while True:
        if from_menu:
            menu = replace(_problems(request, loaded), message=note, default=tree_id)
            picked = choose_tree(kb, menu, chooser, language)
            assert picked is not None  # this menu offers no Back
            tree_id, answers = picked[0], picked[1] | given.choices
        assert tree_id is not None
        tree = _usable_tree(loaded, tree_id, request.trees)
        check_answers(kb, tree, answers, given.origins)
        person = PersonAnswerer(chooser, language, from_menu)
        try:
            return run(Walk(kb, tree), request.recorder.track(ScriptedAnswerer(answers, person)))
        except ToMenu:
            from_menu, note = True, None


@dataclass(frozen=True)
class Diagnosis:
    view: WalkView
    call: CallEnd | None  # helpdesk mode: how the call ended
    warnings: list[str]  # e.g. a note that looks like a secret
    note: str | None = None  # the line on the walk's language (diagnose --query), as `search` has it

    def to_json(self) -> dict[str, Any]:
        data = self.view.to_json()
        data["note"] = self.note
        if self.call is not None:
            data["agent"] = self.call.to_json()
        return data


def lang_in_force(request: DiagnoseRequest) -> Lang:
    """--lang, or the language the person switched to during the walk."""
    language = request.recorder.language
    return language.current if language is not None else request.lang


class _Heard:
    """The line on the walk's language, once said, passed on to `announce`."""

    def __init__(self, announce: Announce | None) -> None:
        self.announce = announce
        self.note: str | None = None

    def __call__(self, note: str) -> None:
        self.note = note
        if self.announce is not None:
            self.announce(note)


def diagnose(
    request: DiagnoseRequest, call_screen: CallScreen | None = None, announce: Announce | None = None
) -> Diagnosis:
    """A whole session: the walk, in helpdesk mode the close of the call (on
    `call_screen` if any; the agent may go back from it into the walk), and
    the session log, also when Ctrl-C ends it. `announce` hears the line on
    the walk's language before the walk. The result carries the line too, and
    so does every error after it (`note`); every error once the walk has a
    language carries it (`lang`): a script learns in which language an
    error's question and the line are, and whether the walk followed the query's.

    A log that cannot be written is an error (`log-file`): checked before the
    walk, and again at the end, where the error carries the session's result."""
    if request.log is not None:
        from uec_helper.helpdesk.log import check_log

        check_log(request.log)
    heard = _Heard(announce)
    try:
        return _session(request, call_screen, heard)
    except UecError as error:
        error.details.update(_walk_language(request, heard))
        if request.recorder.language is not None:  # shown in the walk's language, as its quoted texts are
            error.lang = request.recorder.language.current
        raise


def _walk_language(request: DiagnoseRequest, heard: _Heard) -> dict[str, str]:
    """What an error tells of the walk's language, once the walk has one: the
    language (`lang`), and the line on it if said (`note`)."""
    language = request.recorder.language
    if language is None:  # the answers or the trees failed before the walk began
        return {}
    return {"lang": language.current} | ({"note": heard.note} if heard.note is not None else {})


def _session(request: DiagnoseRequest, call_screen: CallScreen | None, heard: _Heard) -> Diagnosis:
    caller_lang = request.agent.caller_lang if request.agent is not None else None
    try:
        try:
            walk = diagnose_walk(request, announce=heard)
        except UsageError as error:
            if error.code == "no-match":  # what callers typed and did not find: the log's most useful line
                _log(request, Ending(request.mode, lang_in_force(request), caller_lang=caller_lang))
            raise
        end = None
        while True:
            lang = lang_in_force(request)
            view = walk_view(walk, lang, replay_settings(request.trees, lang))
            if request.agent is None:
                break
            from uec_helper.helpdesk.agent import BackToWalk, close_call

            try:
                end = close_call(request.agent, walk, view, request.recorder, call_screen)
                break
            except BackToWalk:
                walk = diagnose_walk(request, resume=walk)
    except (KeyboardInterrupt, Quit) as stopped:
        # An agent's resolution chosen before Ctrl-C (at the note prompt) is kept.
        lang = lang_in_force(request)
        ending = Ending(request.mode, lang, request.recorder.resolution, caller_lang=caller_lang)
        problem = _log(request, ending)
        if isinstance(stopped, KeyboardInterrupt):
            raise Interrupted(ui("interrupted", lang), [problem.get(lang)] if problem else []) from None
        if problem is not None:  # Quit, as the person asked; but a log that cannot be written is an error
            raise UsageError("log-file", problem, log=str(request.log)) from None
        raise
    note = heard.note
    if end is None:
        result, ending = Diagnosis(view, None, [], note), Ending(request.mode, lang, caller_lang=caller_lang)
    else:
        result = Diagnosis(view, end, end.warnings(request.lang), note)
        ending = Ending(request.mode, lang, end.call.resolution, end.call.note, end.call.escalated_to, caller_lang)
    problem = _log(request, ending)
    if problem is not None:
        raise UsageError("log-file", problem, log=str(request.log), session=result.to_json())
    if end is not None and end.note_file_error is not None:
        raise end.note_file_error
    return result


def _log(request: DiagnoseRequest, ending: Ending) -> Message | None:
    """Appends the session to `--log`, if given (only then is the log module
    imported: a scripted run without a log does not pay for it); returns a
    problem writing it, or None."""
    if request.log is None:
        return None
    from uec_helper.helpdesk.log import log_session

    return log_session(request.log, request.recorder, ending)
