"""The command line: parse, call, print; and the one place where failures
become a one-line message, a JSON error and an exit code (`UecCli.main`).
Exit codes live in errors.py.

No `from __future__ import annotations` here: typer reads the commands'
annotations at every start, and string annotations make it compile and eval
each one (about a tenth of a scripted run); tests/test_startup_imports.py
keeps them objects."""

import contextlib
import dataclasses
import functools
import os
import sys
from collections.abc import Callable, Iterator, MutableMapping, Sequence
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn, TextIO

import typer
from typer.core import TyperGroup

from uec_helper import __version__
from uec_helper.errors import EXIT_OK, EXIT_PROBLEMS, Interrupted, Quit, UecError, UsageError
from uec_helper.file_errors import reason_of
from uec_helper.knowledge.model import Lang
from uec_helper.terminal.output import can_show, error_line, interrupted_line, note_line, print_json, warn, warn_skipped
from uec_helper.ui_text import ui, ui_message


def _wants_json(args: Sequence[str]) -> bool:
    """--json among the options (not after `--`): failures are JSON then, even
    those click finds before any command runs."""
    options = args[: list(args).index("--")] if "--" in args else args
    return "--json" in options


def _stdout_gone() -> None:
    """Points stdout at /dev/null, so the interpreter's final flush of the
    output that could not be written fails no second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (tests)
        pass


def _domain_error(exc: OSError | UnicodeEncodeError) -> UecError:
    if isinstance(exc, UnicodeEncodeError):
        encoding = getattr(sys.stdout, "encoding", None) or exc.encoding
        return UsageError("output", ui_message("err-output-encoding", encoding=encoding))
    if exc.filename is None:  # stdout itself: a closed pipe, a full disk
        _stdout_gone()
        return UsageError("output", ui_message("err-output", reason=reason_of(exc)))
    # Mostly an editor command's file (their errors stay English), else a failure no command foresaw.
    return UsageError("file-error", f"{exc.filename}: {reason_of(exc).en}")


class LazyCommands(MutableMapping[str, Any]):
    """The app's subcommands (click commands: typer vendors click), each built
    when first looked up. typer builds a command's options from its signature,
    which costs about a twentieth of a run for all commands; a run needs one
    (`--help` lists them all, and builds them all)."""

    def __init__(self, builders: dict[str, Callable[[], Any]]) -> None:
        self._builders = builders
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            self._built[name] = self._builders[name]()
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        if name not in self:
            raise KeyError(name)
        self._builders.pop(name, None)
        self._built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys([*self._builders, *self._built]))

    def __len__(self) -> int:
        return len(dict.fromkeys([*self._builders, *self._built]))


class UecCli(TyperGroup):
    """Runs a command and maps every failure: domain errors, click's usage
    errors, OSError (a file, or stdout itself: full disk, closed pipe),
    an output encoding that cannot show the text, and Ctrl-C. Its commands are
    those of `commands`, built only when looked up (LazyCommands)."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        built = self.commands  # anything registered on `app` itself
        self.commands = LazyCommands(_command_builders())
        self.commands.update(built)

    def invoke(self, ctx: Any) -> Any:  # click's Context (typer vendors click)
        try:
            return super().invoke(ctx)
        except (OSError, UnicodeEncodeError) as exc:  # before click turns a closed pipe into a silent exit 1
            raise _domain_error(exc) from exc

    def main(  # type: ignore[override]
        self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra: Any
    ) -> NoReturn:
        argv = list(sys.argv[1:] if args is None else args)
        as_json = _wants_json(argv)
        settings.lang = None  # until the command resolves its own
        try:
            code = super().main(argv, prog_name, standalone_mode=False, **extra)
            try:
                sys.stdout.flush()
            except OSError as exc:
                raise _domain_error(exc) from exc
        except UecError as error:
            _report(error, as_json)
            code = error.exit_code
        except Quit:  # picked at a menu: nothing to add
            code = Quit.exit_code
        except Interrupted as interrupted:
            for message in interrupted.warnings:
                warn(message)
            interrupted_line(interrupted.message)
            code = interrupted.exit_code
        except typer.Abort:  # EOF or Ctrl-C at a prompt
            interrupted_line(ui("interrupted", _command_lang()))
            code = Interrupted.exit_code
        except typer.TyperException as exc:  # click's usage errors: bad flag, value or argument
            show = getattr(exc, "show", None)
            if as_json or show is None:
                _report(UsageError("usage", exc.format_message()), as_json)
            else:
                show()  # the usage line, a pointer to --help, the error
            code = exc.exit_code
        sys.exit(code or EXIT_OK)


def _command_lang() -> Lang:
    """The language the command speaks: its --lang or default once resolved;
    before that (click's own errors, a bad --lang) the default, whose own
    error is read in the locale's."""
    from uec_helper.ui_text import fallback_lang

    return settings.lang or fallback_lang()


def _report(error: UecError, as_json: bool) -> None:
    """In the walk's language once it has one, else the command's; in English
    on a stream whose encoding cannot show the Japanese (the output's
    encoding may be what failed)."""
    lang = error.lang or _command_lang()

    def on(stream: TextIO) -> Lang:
        return lang if can_show(error.text.get(lang), stream) else "en"

    if as_json:
        try:
            print_json(error.to_json(on(sys.stdout)))
            sys.stdout.flush()
        except (OSError, UnicodeEncodeError):  # stdout is what failed: the stderr line still says it
            _stdout_gone()
    error_line(error.text.get(on(sys.stderr)))


app = typer.Typer(
    cls=UecCli,
    name="uec-helper",
    help="Troubleshoot the UEC account: answer a few questions, get the exact remedy.",
    no_args_is_help=True,
    add_completion=False,
    # Plain help and plain tracebacks: rich help pulls in markdown and pygments (~50% slower start).
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
# The subcommands: UecCli builds each from here when it is looked up, the way
# typer builds the commands registered on `app` (all of them, at every start).
commands = typer.Typer()


def _command_builders() -> dict[str, Callable[[], Any]]:
    from typer.main import get_command_from_info, get_command_name, get_group_from_info

    style: dict[str, Any] = {
        "pretty_exceptions_short": app.pretty_exceptions_short,
        "rich_markup_mode": app.rich_markup_mode,
    }
    builders: dict[str, Callable[[], Any]] = {}
    for command in commands.registered_commands:
        assert command.callback is not None
        name = command.name or get_command_name(command.callback.__name__)
        builders[name] = functools.partial(get_command_from_info, command, **style)
    for group in commands.registered_groups:
        assert isinstance(group.name, str)
        builders[group.name] = functools.partial(
            get_group_from_info, group, suggest_commands=app.suggest_commands, **style
        )
    return builders


class Settings:
    trees: Path
    chosen_trees: Path | None  # --trees or UEC_HELPER_TREES: the only folders editor commands write to
    lang: Lang | None = None  # the command's language once resolved: its errors are in it


settings = Settings()


def path_value(value: str) -> Path:
    """A path given on the command line; an empty one ('') is refused rather
    than read as the current folder (an empty environment variable is unset)."""
    if not value:
        raise typer.BadParameter("an empty path is not allowed; name a file or folder, or leave the option out")
    return Path(value)


def input_path_value(value: str) -> Path:
    """A file to read, where `-` is standard input (knowledge/files.py): a
    file named '-' is given as ./-, which a Path would shorten to '-'."""
    path = path_value(value)
    return path.absolute() if value != "-" and str(path) == "-" else path


def _version(value: bool) -> None:
    if value:
        print(f"uec-helper {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    trees: Annotated[
        Path | None,
        typer.Option(
            "--trees",
            parser=path_value,
            metavar="<dir>",
            envvar="UEC_HELPER_TREES",
            help="Folder of tree files to use instead of the shipped ones.",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    from uec_helper.knowledge.paths import default_trees_folder

    settings.trees = trees if trees is not None else default_trees_folder()
    settings.chosen_trees = trees


def _resolve_lang(lang: str | None) -> Lang:
    from uec_helper.ui_text import LanguageError, default_lang, parse_lang

    try:
        settings.lang = parse_lang(lang, "--lang") if lang is not None else default_lang()
    except LanguageError as exc:
        raise UsageError("invalid-lang", exc.text) from exc
    return settings.lang


LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="<en|ja>",
        help="Language: en or ja. Default: UEC_HELPER_LANG, else the locale.",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]


@commands.command()
def diagnose(
    tree: Annotated[str | None, typer.Argument(help="Tree id (see `uec-helper list`).", show_default=False)] = None,
    answer: Annotated[
        list[str] | None,
        typer.Option(
            "--answer", "-a", metavar="<question=choice>", help="Answer a question. Repeatable.", show_default=False
        ),
    ] = None,
    answers_file: Annotated[
        Path | None,
        typer.Option(
            "--answers-file",
            parser=input_path_value,
            metavar="<file>",
            help="YAML mapping of QUESTION: CHOICE; - reads standard input "
            "(a FIFO or device named as the file is refused).",
            show_default=False,
        ),
    ] = None,
    query: Annotated[
        str | None,
        typer.Option(
            "--query",
            "-q",
            metavar="<text>",
            help="Describe the problem; start at the best match (see `search`).",
            show_default=False,
        ),
    ] = None,
    lang: LangOption = None,
    as_json: JsonOption = False,
    no_input: Annotated[bool, typer.Option("--no-input", help="Never prompt; a missing answer is an error.")] = False,
    agent: Annotated[
        bool, typer.Option("--agent", help="Helpdesk mode: walk a caller through it, end with a ticket note.")
    ] = False,
    caller_lang: Annotated[
        str | None,
        typer.Option(
            "--caller-lang",
            metavar="<en|ja>",
            help="Helpdesk mode: the caller's language, en or ja (default: --lang).",
            show_default=False,
        ),
    ] = None,
    resolution: Annotated[
        str | None,
        typer.Option(
            "--resolution",
            metavar="<result>",
            help="Helpdesk mode: did it solve it? yes, no or escalated.",
            show_default=False,
        ),
    ] = None,
    escalated_to: Annotated[
        str | None,
        typer.Option(
            "--escalated-to",
            metavar="<contact-id|name>",
            help="Helpdesk mode, with --resolution escalated: to whom (a contact id, recorded as its name, "
            "or a name or office).",
            show_default=False,
        ),
    ] = None,
    agent_note: Annotated[
        str | None,
        typer.Option(
            "--agent-note", metavar="<text>", help="Helpdesk mode: a note for the ticket.", show_default=False
        ),
    ] = None,
    note_file: Annotated[
        Path | None,
        typer.Option(
            "--note-file",
            parser=path_value,
            metavar="<file>",
            help="Helpdesk mode: write the ticket note to this new file.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Helpdesk mode: let --note-file replace an existing file.")
    ] = False,
    log: Annotated[
        Path | None,
        typer.Option(
            "--log",
            parser=path_value,
            metavar="<file>",
            envvar="UEC_HELPER_LOG",
            help="Append a JSON line per session to this file.",
            show_default=False,
        ),
    ] = None,
    plain: Annotated[
        bool,
        typer.Option(
            "--plain",
            help="Line-by-line prompts and plain-text output: no cursor movement, no escape sequences "
            "(also when TERM=dumb). For screen readers and serial consoles.",
        ),
    ] = False,
) -> None:
    """Walk a troubleshooting tree and show the remedy."""
    from uec_helper.helpdesk.request import agent_request
    from uec_helper.walk.session import DiagnoseRequest, diagnose

    screen = _resolve_lang(lang)
    request = DiagnoseRequest(
        trees=settings.trees,
        tree_id=tree,
        answer_flags=answer or [],
        answers_file=answers_file,
        lang=screen,
        interactive=not (no_input or as_json) and sys.stdin.isatty() and sys.stdout.isatty(),
        agent=agent_request(agent, caller_lang, screen, resolution, agent_note, note_file, force, escalated_to),
        query=query,
        log=log,
        plain=plain or os.environ.get("TERM") == "dumb",
        lang_chosen=lang is not None,
    )
    call_screen = None
    if request.agent is not None and not as_json:
        from uec_helper.terminal.call_screen import TerminalCallScreen
        from uec_helper.terminal.screen import console

        # The plain mode: no colour, no cursor movement, no escape sequence at all.
        drawn = console(force_terminal=False, color_system=None) if request.plain else console()
        call_screen = TerminalCallScreen(drawn, screen, request.interactive, request.plain)
    result = diagnose(request, call_screen, announce=None if as_json else note_line)  # --json: in the JSON
    for message in result.warnings:
        warn(message)
    if as_json:
        print_json(result.to_json())
    elif result.call is None and request.plain:
        from uec_helper.terminal.plain import outcome_text, terminal_width

        print(outcome_text(result.view, result.view.lang, terminal_width()), end="")
    elif result.call is None:  # helpdesk mode has shown the outcome and the ticket note
        from uec_helper.terminal.render import print_outcome
        from uec_helper.terminal.screen import console

        print_outcome(console(), result.view, result.view.lang)


@commands.command()
def validate(
    folder: Annotated[
        Path | None,
        typer.Argument(parser=path_value, help="Trees folder (default: the one in use).", show_default=False),
    ] = None,
    as_json: JsonOption = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Also report unreviewed translations; warnings become errors.")
    ] = False,
) -> None:
    """Check tree files and report every problem as file:line:col."""
    from uec_helper.authoring.validation import validate_folder
    from uec_helper.knowledge.diagnostics import has_errors, summary

    diagnostics = validate_folder(folder or settings.trees, strict)
    if as_json:
        print_json({"diagnostics": [d.to_json() for d in diagnostics], "summary": summary(diagnostics)})
    else:
        from uec_helper.terminal.listings import diagnostic_line
        from uec_helper.terminal.screen import console

        screen = console(highlight=False)
        for diagnostic in diagnostics:
            screen.print(diagnostic_line(diagnostic), soft_wrap=True)
        screen.print(summary(diagnostics))
    raise typer.Exit(EXIT_PROBLEMS if has_errors(diagnostics) else EXIT_OK)


@commands.command("list")
def list_trees(lang: LangOption = None, as_json: JsonOption = False) -> None:
    """List the troubleshooting trees."""
    from uec_helper.knowledge.base import load_knowledge

    language = _resolve_lang(lang)
    kb = load_knowledge(settings.trees)
    trees = kb.menu_trees()
    if as_json:
        print_json(
            {"trees": [{"id": t.id, "title": t.title.get(language), "summary": t.summary.get(language)} for t in trees]}
        )
        return
    from uec_helper.terminal.listings import TreeMenu
    from uec_helper.terminal.screen import console

    console().print(TreeMenu(kb, language))


@commands.command()
def search(
    query: Annotated[
        str,
        typer.Argument(metavar="QUERY", help="The problem in your own words, English or Japanese.", show_default=False),
    ],
    lang: LangOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, metavar="<n>", help="Show at most N results.")] = 5,
    as_json: JsonOption = False,
) -> None:
    """Find the trees and answers that match a problem described in your own words."""
    from uec_helper.knowledge.base import load
    from uec_helper.search.lookup import search_knowledge

    language = _resolve_lang(lang)
    view = search_knowledge(load(settings.trees), query, language, limit, lang is not None, settings.trees)
    if as_json:
        print_json(view.to_json())
        return
    from uec_helper.search.render import results_view
    from uec_helper.terminal.screen import console

    console().print(results_view(view, view.lang), crop=False)  # each replay command on one line, whole


@commands.command()
def show(
    tree: Annotated[str, typer.Argument(help="Tree id.", show_default=False)],
    lang: LangOption = None,
) -> None:
    """Draw a tree: its questions, choices and outcomes."""
    from uec_helper.knowledge.base import find_tree, load_knowledge

    language = _resolve_lang(lang)
    kb = load_knowledge(settings.trees)
    found = find_tree(kb, tree)
    from uec_helper.terminal.render import tree_view
    from uec_helper.terminal.screen import console

    console().print(tree_view(kb, found, language))


@commands.command()
def schema() -> None:
    """Print the JSON Schema of tree files (for editors)."""
    from uec_helper.knowledge.schema import json_schema

    print_json(json_schema())


# --- Tools for the people who keep the trees current ------------------------


@commands.command()
def export(
    tree: Annotated[str | None, typer.Argument(help="Tree id (or --all).", show_default=False)] = None,
    graph_format: Annotated[
        str,
        typer.Option(
            "--format", "-f", metavar="<format>", help="mermaid, dot, json, or html (a web page of the trees)."
        ),
    ] = "mermaid",
    all_trees: Annotated[bool, typer.Option("--all", help="Every tree in one graph.")] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="<file>", help="Write to this file instead of printing.", show_default=False
        ),
    ] = None,
    lang: LangOption = None,
) -> None:
    """Print a tree as a graph for reviewers (Mermaid, Graphviz DOT or JSON), or as a web page."""
    from uec_helper.walk.session import check_output, export_trees, write_output

    if output is not None:
        check_output(output)
    text = export_trees(settings.trees, tree, all_trees, graph_format, _resolve_lang(lang))
    if output is not None:
        write_output(output, text)
    else:
        print(text, end="")


translations_app = typer.Typer(
    help="Keep the Japanese texts in step with the English.", no_args_is_help=True, rich_markup_mode=None
)
commands.add_typer(translations_app, name="translations")


@translations_app.command("mark-reviewed")
def mark_reviewed(
    folder: Annotated[
        Path | None,
        typer.Argument(parser=path_value, help="Trees folder (default: the one in use).", show_default=False),
    ] = None,
    file: Annotated[
        Path | None,
        typer.Option("--file", parser=path_value, metavar="<file>", help="Only this tree file.", show_default=False),
    ] = None,
    lang: LangOption = None,
) -> None:
    """Record that the Japanese texts were checked against the current English (writes `ja_source`)."""
    from uec_helper.authoring.review import mark_files
    from uec_helper.knowledge.paths import editor_trees_folder

    language = _resolve_lang(lang)
    if file is not None:
        where, changed = file, mark_files(file.parent, file)
    else:
        where = folder or editor_trees_folder(settings.chosen_trees)
        changed = mark_files(where)
    for done in changed:
        print(f"{done.file}: {done.count}")
    print(ui("marked-reviewed", language).format(count=sum(d.count for d in changed), files=len(changed), where=where))


new_app = typer.Typer(
    help="Start a tree or an outcome from a template with TODO placeholders.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
commands.add_typer(new_app, name="new")
PrintOption = Annotated[bool, typer.Option("--print", help="Print the template instead of writing a file.")]


def _editor_folder(print_only: bool) -> Path:
    """The folder a new file goes into; --print writes nothing, so it may check ids against the trees in use."""
    from uec_helper.knowledge.paths import editor_trees_folder

    if print_only and settings.chosen_trees is None and not Path("trees").is_dir():
        return settings.trees
    return editor_trees_folder(settings.chosen_trees)


def _written(path: Path, folder: Path, lang: Lang) -> None:
    from uec_helper.knowledge.paths import validate_command

    print(ui("scaffold-written", lang).format(file=path, command=validate_command(folder)))


@new_app.command("tree")
def new_tree(
    tree_id: Annotated[str, typer.Argument(metavar="ID", help="Id of the new tree.", show_default=False)],
    print_only: PrintOption = False,
    lang: LangOption = None,
) -> None:
    """Write TREES/ID.yaml: a tree with one question and one outcome to fill in."""
    from uec_helper.authoring.scaffold import new_file, plan_tree

    language = _resolve_lang(lang)
    folder = _editor_folder(print_only)
    text = plan_tree(folder, tree_id)
    if print_only:
        print(text, end="")
        return
    path = new_file(folder / f"{tree_id}.yaml", text)
    _written(path, folder, language)


@new_app.command("outcome")
def new_outcome(
    outcome_id: Annotated[str, typer.Argument(metavar="ID", help="Id of the new outcome.", show_default=False)],
    file: Annotated[
        Path | None,
        typer.Option(
            "--file",
            parser=path_value,
            metavar="<file>",
            help="Add it to this tree file (default: a new TREES/ID.yaml).",
            show_default=False,
        ),
    ] = None,
    print_only: PrintOption = False,
    lang: LangOption = None,
) -> None:
    """Add an outcome to fill in: to a new file, or at the end of a file's outcomes."""
    from uec_helper.authoring.scaffold import add_to_file, new_file, plan_outcome

    language = _resolve_lang(lang)
    folder = _editor_folder(print_only)
    text = plan_outcome(folder, outcome_id)
    if print_only:
        print(text, end="")
        return
    path = add_to_file(file, outcome_id) if file else new_file(folder / f"{outcome_id}.yaml", text)
    _written(path, folder if file is None else path.parent, language)


class SessionMode(StrEnum):
    user = "user"
    agent = "agent"
    scripted = "scripted"


def date_value(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"'{value}' is not a date; use YYYY-MM-DD") from None


@commands.command()
def stats(
    logs: Annotated[
        list[Path],
        typer.Argument(
            parser=input_path_value,
            help="Session logs written by `diagnose --log`, or folders of them (one log per machine); "
            "- reads standard input, e.g. `zcat old.jsonl.gz | uec-helper stats -` (a FIFO or device named as "
            "a file is refused).",
            show_default=False,
        ),
    ],
    mode: Annotated[
        SessionMode | None, typer.Option("--mode", help="Only sessions of this mode.", show_default=False)
    ] = None,
    since: Annotated[
        date | None,
        typer.Option("--since", parser=date_value, metavar="<yyyy-mm-dd>", help="Only sessions from this day on."),
    ] = None,
    lang: LangOption = None,
    as_json: JsonOption = False,
) -> None:
    """Summarise session logs: common problems and outcomes, resolution rates,
    searches that found nothing, callers' languages. A file given twice, or two
    copies of one log, count once."""
    from uec_helper.helpdesk.log import LoggedSession, Skipped, read_sessions
    from uec_helper.helpdesk.log_files import log_files
    from uec_helper.helpdesk.stats import names_for, selected, session_stats
    from uec_helper.knowledge.base import load

    language = _resolve_lang(lang)
    skipped = Skipped(language)

    def cannot_read(path: Path, exc: OSError) -> UsageError:
        return UsageError("log-file", ui_message("err-log-read", path=path, reason=reason_of(exc)), log=str(path))

    try:
        found = log_files(logs)
    except OSError as exc:
        raise cannot_read(Path(exc.filename or logs[0]), exc) from exc
    for duplicate, same in found.duplicates:
        warn(ui("stats-duplicate-log", language).format(file=duplicate, same=same))

    def sessions() -> Iterator[LoggedSession]:
        for path in found.files:
            try:
                yield from read_sessions(path, skipped)
            except OSError as exc:
                raise cannot_read(path, exc) from exc

    summary = session_stats(selected(sessions(), mode.value if mode else None, since))
    for diagnostic in skipped.shown:
        warn_skipped(diagnostic)
    if skipped.count > len(skipped.shown):
        files = ", ".join(map(str, found.files))
        warn(ui("stats-more-skipped", language).format(files=files, count=skipped.count - len(skipped.shown)))
    with contextlib.suppress(UecError):  # no trees to read titles from: the ids stand for themselves
        summary = dataclasses.replace(summary, names=names_for(summary, load(settings.trees).knowledge, language))
    if as_json:
        print_json(
            {
                **summary.to_json(),
                "skipped_lines": skipped.count,
                "files": [str(path) for path in found.files],
                "duplicates": [{"file": str(d), "same_as": str(s)} for d, s in found.duplicates],
                "filters": {"mode": mode.value if mode else None, "since": since.isoformat() if since else None},
            }
        )
        return
    from uec_helper.helpdesk.stats_view import stats_view
    from uec_helper.terminal.screen import console

    console().print(stats_view(summary, language))


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:  # before a command starts (typer handles it inside)
        sys.exit(Interrupted.exit_code)


if __name__ == "__main__":  # pragma: no cover
    main()
