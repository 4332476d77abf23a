"""What each command does, between parsing its flags and printing its result.

Nothing here prints: results are typed views (views.py) or domain errors
(errors.py); helpdesk mode draws through the CallScreen the CLI passes.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from uec_helper.errors import BrokenTrees, Interrupted, UsageError
from uec_helper.helpdesk.log import Ending, Mode, Recorder, check_log, log_session
from uec_helper.knowledge import cache
from uec_helper.knowledge.base import find_tree, load, load_knowledge
from uec_helper.knowledge.diagnostics import Diagnostic, did_you_mean, has_errors
from uec_helper.knowledge.graph import KnowledgeGraph, linked_first, linked_ids
from uec_helper.knowledge.loader import Loaded
from uec_helper.knowledge.model import Lang, Tree
from uec_helper.knowledge.paths import validate_command
from uec_helper.knowledge.validate import check_for_walk, check_knowledge, walk_files
from uec_helper.ui_text import ui
from uec_helper.views import ReplaySettings, WalkView, walk_view
from uec_helper.walk.answers import (
    MissingAnswer,
    ScriptedAnswerer,
    check_answers,
    parse_answer_flags,
    read_answers_file,
)
from uec_helper.walk.engine import Answerer, InvalidAnswer, Walk, run

if TYPE_CHECKING:
    from uec_helper.helpdesk.agent import AgentRequest, CallEnd, CallScreen


def validate_folder(folder: Path, strict: bool = False) -> list[Diagnostic]:
    """Every problem, sorted; `strict` adds unreviewed translations and makes warnings errors."""
    loaded = load(folder)
    key = cache.cache_key([("validation", loaded.key.encode())])
    diagnostics = loaded.diagnostics + cache.cached(key, list, lambda: check_knowledge(loaded.knowledge))
    if strict:
        from uec_helper.authoring.review import unreviewed

        diagnostics = [replace(d, severity="error") for d in diagnostics + unreviewed(loaded.knowledge)]
    return sorted(diagnostics)


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


def write_output(path: Path, text: str) -> None:
    """Write all or nothing: a failed export leaves an earlier file as it was."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise UsageError("output", f"{path}: cannot write: {error.strerror or error}") from error


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

    @property
    def mode(self) -> Mode:
        return "agent" if self.agent is not None else "user" if self.interactive else "scripted"


class Usability:
    """Which trees a walk can trust. Each tree's own problems are found once,
    so the menu of 400 linked trees costs 400 checks, not 400 per tree."""

    def __init__(self, loaded: Loaded) -> None:
        self.loaded = loaded
        self.graphs = KnowledgeGraph(loaded.knowledge)
        self._own: dict[str, list[Diagnostic]] = {}

    def _own_problems(self, tree: Tree) -> list[Diagnostic]:
        found = self._own.get(tree.id)
        if found is None:
            files = walk_files(self.loaded.knowledge, tree)
            found = [d for d in self.loaded.diagnostics if d.location.file in files]
            found += check_for_walk(self.loaded.knowledge, tree, self.graphs)
            self._own[tree.id] = found
        return found

    def problems(self, tree: Tree) -> list[Diagnostic]:
        """The problems of every file and graph a walk of the tree, and of the trees it leads into, reads."""
        return [p for linked in self.loaded.knowledge.linked_trees(tree) for p in self._own_problems(linked)]

    def usable(self) -> list[str]:
        """The trees without errors, the only ones the menu offers: a tree is
        usable when it has no errors of its own and every tree it leads into is
        usable (in a loop, the tree that closes it is not yet, and a loop is an error)."""
        trees = self.loaded.knowledge.trees
        ok: dict[str, bool] = {}
        for tree_id in linked_first(self.loaded.knowledge, sorted(trees)):
            tree = trees[tree_id]
            ok[tree_id] = not has_errors(self._own_problems(tree)) and all(ok.get(t, False) for t in linked_ids(tree))
        return [t for t in sorted(trees) if ok[t]]


def _usable_tree(loaded: Loaded, tree_id: str, folder: Path) -> Tree:
    broken = {d.location.file for d in loaded.diagnostics if d.severity == "error"}
    tree = find_tree(loaded.knowledge, tree_id, len(broken))
    problems = Usability(loaded).problems(tree)
    if has_errors(problems):
        first = min(d for d in problems if d.severity == "error")
        raise BrokenTrees(
            "broken-tree",
            f"tree '{tree_id}' has errors and cannot be used; run `{validate_command(folder)}` "
            f"(first: {first.location}: {first.message})",
            tree=tree_id,
        )
    return tree


def _missing_answer(walk: Walk, lang: Lang) -> UsageError:
    question = walk.question
    assert question is not None
    choices = [c.id for c in question.choices]
    return UsageError(
        "missing-answer",
        f"no answer for question '{question.id}' ({question.text.get(lang)}); "
        f"pass --answer {question.id}=CHOICE with CHOICE one of: {', '.join(choices)}",
        question=question.id,
        text=question.text.get(lang),
        choices=choices,
        answers=walk.answers,
    )


def _invalid_answer(exc: InvalidAnswer) -> UsageError:
    choices = [c.id for c in exc.question.choices]
    hint = did_you_mean(exc.choice_id, choices)
    return UsageError(
        "invalid-answer",
        f"'{exc.choice_id}' is not a choice of question '{exc.question.id}'; "
        + (f"{hint} " if hint.startswith("did") else "")
        + f"valid choices: {', '.join(choices)}",
        question=exc.question.id,
        answer=exc.choice_id,
        choices=choices,
    )


def diagnose_walk(request: DiagnoseRequest) -> Walk:
    """The finished walk: the answers given, then the prompts (at a terminal)."""
    answers = parse_answer_flags(request.answer_flags)
    if request.answers_file is not None:
        answers = read_answers_file(request.answers_file) | answers
    loaded = load(request.trees)
    kb = loaded.knowledge
    try:
        tree_id = request.tree_id
        if request.query is not None:
            from uec_helper.search.lookup import start_from_query

            choose = None
            if request.interactive:
                from uec_helper.terminal.prompts import choose_hit

                choose = functools.partial(choose_hit, kb, lang=request.lang)
            tree_id, found = start_from_query(loaded, request.query, request.lang, tree_id, choose)
            answers = found | answers
        elif tree_id is None:
            if not request.interactive:
                raise UsageError(
                    "missing-tree",
                    "no tree given; pass one of: " + ", ".join(sorted(kb.trees)),
                    trees=sorted(kb.trees),
                )
            from uec_helper.terminal.prompts import choose_tree

            tree_id, found = choose_tree(kb, request.lang, Usability(loaded).usable())
            answers = found | answers
        tree = _usable_tree(loaded, tree_id, request.trees)
        check_answers(kb, tree, answers)
        recorder = request.recorder
        if request.interactive and request.agent is not None:
            # Imported here: only a helpdesk agent at a terminal needs them.
            from uec_helper.helpdesk.agent import AgentAnswerer, run_switching

            agent = AgentAnswerer(request.lang, request.agent.caller_lang, recorder.elapsed, Usability(loaded).usable())
            walk = run_switching(
                Walk(kb, tree),
                recorder.track(ScriptedAnswerer(answers, agent)),
                lambda tree_id: Walk(kb, _usable_tree(loaded, tree_id, request.trees)),
            )
        else:
            fallback: Answerer | None = None
            if request.interactive:
                from uec_helper.terminal.prompts import KeyboardAnswerer

                fallback = KeyboardAnswerer(request.lang)
            walk = run(Walk(kb, tree), recorder.track(ScriptedAnswerer(answers, fallback)))
        recorder.finished(walk)
    except MissingAnswer as exc:
        raise _missing_answer(exc.walk, request.lang) from exc
    except InvalidAnswer as exc:
        raise _invalid_answer(exc) from exc
    except EOFError as exc:
        raise UsageError("no-input", "the terminal closed before an answer was given") from exc
    return walk


def replay_settings(trees: Path, lang: Lang) -> ReplaySettings:
    """--trees unless the trees are the shipped ones, --lang unless it is the default."""
    from uec_helper.knowledge.paths import shipped_trees_folder
    from uec_helper.ui_text import LanguageError, default_lang

    try:
        default = default_lang()
    except LanguageError:  # a bad UEC_HELPER_LANG: only --lang reproduces the language
        default = None
    shipped = trees.resolve() == shipped_trees_folder().resolve()
    return ReplaySettings(None if shipped else trees.resolve(), None if lang == default else lang)


@dataclass(frozen=True)
class Diagnosis:
    view: WalkView
    call: CallEnd | None  # helpdesk mode: how the call ended
    warnings: list[str]  # e.g. a note that looks like a secret

    def to_json(self) -> dict[str, Any]:
        data = self.view.to_json()
        if self.call is not None:
            data["agent"] = self.call.to_json()
        return data


def diagnose(request: DiagnoseRequest, call_screen: CallScreen | None = None) -> Diagnosis:
    """A whole session: the walk, in helpdesk mode the close of the call (on
    `call_screen` if any), and the session log, also when Ctrl-C ends it.

    A log that cannot be written is an error (`log-file`): checked before the
    walk, and again at the end, where the error carries the session's result."""
    if request.log is not None:
        check_log(request.log)
    try:
        walk = diagnose_walk(request)
        view = walk_view(walk, request.lang, replay_settings(request.trees, request.lang))
        end = None
        if request.agent is not None:
            from uec_helper.helpdesk.agent import close_call

            end = close_call(request.agent, walk, view, request.recorder, call_screen)
    except KeyboardInterrupt:
        # An agent's resolution chosen before Ctrl-C (at the note prompt) is kept.
        ending = Ending(request.mode, request.lang, request.recorder.resolution)
        problem = log_session(request.log, request.recorder, ending)
        raise Interrupted(ui("interrupted", request.lang), [problem] if problem else []) from None
    if end is None:
        result, ending = Diagnosis(view, None, []), Ending(request.mode, request.lang)
    else:
        from uec_helper.helpdesk.agent import privacy_warning

        privacy = [privacy_warning(end.privacy, request.lang)] if end.privacy else []
        result = Diagnosis(view, end, privacy)
        ending = Ending(request.mode, request.lang, end.call.resolution, end.call.note)
    problem = log_session(request.log, request.recorder, ending)
    if problem is not None:
        raise UsageError("log-file", problem, log=str(request.log), session=result.to_json())
    if end is not None and end.note_file_error is not None:
        raise end.note_file_error
    return result
