"""The command line: parse, call, print. Exit codes live in errors.py."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from uec_helper import __version__
from uec_helper.errors import EXIT_INTERRUPTED, EXIT_OK, EXIT_PROBLEMS, CliError
from uec_helper.knowledge.model import Lang
from uec_helper.ui_text import ui

app = typer.Typer(
    name="uec-helper",
    help="Troubleshoot the UEC account: answer a few questions, get the exact remedy.",
    no_args_is_help=True,
    add_completion=False,
    # Plain help and plain tracebacks: rich help pulls in markdown and pygments (~50% slower start).
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


class Settings:
    trees: Path


settings = Settings()


def path_value(value: str) -> Path:
    """A path given on the command line; an empty one ('') is refused rather
    than read as the current folder (an empty environment variable is unset)."""
    if not value:
        raise typer.BadParameter("an empty path is not allowed; name a file or folder, or leave the option out")
    return Path(value)


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


def _fail(error: CliError, as_json: bool) -> NoReturn:
    if as_json:
        print(json.dumps(error.to_json(), ensure_ascii=False, indent=2))
    print(f"uec-helper: error: {error.message}", file=sys.stderr)
    raise typer.Exit(error.exit_code)


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _warn(*messages: str) -> None:
    for message in messages:
        print(f"uec-helper: warning: {message}", file=sys.stderr)


def _resolve_lang(lang: str | None) -> Lang:
    from uec_helper.ui_text import LanguageError, default_lang, parse_lang

    try:
        return parse_lang(lang, "--lang") if lang is not None else default_lang()
    except LanguageError as exc:
        raise CliError("invalid-lang", str(exc)) from exc


LangOption = Annotated[
    str | None,
    typer.Option("--lang", help="Language: en or ja. Default: UEC_HELPER_LANG, else the locale.", show_default=False),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]


@app.command()
def diagnose(
    tree: Annotated[str | None, typer.Argument(help="Tree id (see `uec-helper list`).", show_default=False)] = None,
    answer: Annotated[
        list[str] | None,
        typer.Option("--answer", "-a", help="Answer a question: QUESTION=CHOICE. Repeatable.", show_default=False),
    ] = None,
    answers_file: Annotated[
        Path | None,
        typer.Option("--answers-file", parser=path_value, help="YAML mapping of QUESTION: CHOICE.", show_default=False),
    ] = None,
    query: Annotated[
        str | None,
        typer.Option(
            "--query", "-q", help="Describe the problem; start at the best match (see `search`).", show_default=False
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
            help="Helpdesk mode: the caller's language, en or ja (default: --lang).",
            show_default=False,
        ),
    ] = None,
    resolution: Annotated[
        str | None,
        typer.Option("--resolution", help="Helpdesk mode: did it solve it? yes, no or escalated.", show_default=False),
    ] = None,
    agent_note: Annotated[
        str | None, typer.Option("--agent-note", help="Helpdesk mode: a note for the ticket.", show_default=False)
    ] = None,
    note_file: Annotated[
        Path | None,
        typer.Option(
            "--note-file", parser=path_value, help="Helpdesk mode: write the ticket note here.", show_default=False
        ),
    ] = None,
    log: Annotated[
        Path | None,
        typer.Option(
            "--log",
            parser=path_value,
            envvar="UEC_HELPER_LOG",
            help="Append a JSON line per session to this file.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Walk a troubleshooting tree and show the remedy."""
    from uec_helper.helpdesk.agent import agent_request
    from uec_helper.walk.session import DiagnoseRequest, Interrupted, diagnose

    screen: Lang = "en"
    try:
        screen = _resolve_lang(lang)
        request = DiagnoseRequest(
            trees=settings.trees,
            tree_id=tree,
            answer_flags=answer or [],
            answers_file=answers_file,
            lang=screen,
            interactive=not (no_input or as_json) and sys.stdin.isatty() and sys.stdout.isatty(),
            agent=agent_request(agent, caller_lang, screen, resolution, agent_note, note_file),
            query=query,
            log=log,
        )
        result = diagnose(request, show=not as_json)
    except CliError as error:
        _fail(error, as_json)
    except Interrupted as interrupted:
        _warn(*interrupted.warnings)
        print(f"\nuec-helper: {ui('interrupted', screen)}", file=sys.stderr)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    _warn(*result.warnings)
    if as_json:
        _print_json(result.view)
    elif not result.shown:
        from rich.console import Console

        from uec_helper.terminal.render import print_outcome

        print_outcome(Console(), result.view, screen)


@app.command()
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
    from uec_helper.knowledge.diagnostics import has_errors, summary
    from uec_helper.walk.session import validate_folder

    try:
        diagnostics = validate_folder(folder or settings.trees, strict)
    except CliError as error:
        _fail(error, as_json)
    if as_json:
        _print_json({"diagnostics": [d.to_json() for d in diagnostics], "summary": summary(diagnostics)})
    else:
        from rich.console import Console

        from uec_helper.terminal.render import diagnostic_line

        console = Console(highlight=False)
        for diagnostic in diagnostics:
            console.print(diagnostic_line(diagnostic), soft_wrap=True)
        console.print(summary(diagnostics))
    raise typer.Exit(EXIT_PROBLEMS if has_errors(diagnostics) else EXIT_OK)


@app.command("list")
def list_trees(lang: LangOption = None, as_json: JsonOption = False) -> None:
    """List the troubleshooting trees."""
    from uec_helper.knowledge.base import load_knowledge

    try:
        language = _resolve_lang(lang)
        kb = load_knowledge(settings.trees)
    except CliError as error:
        _fail(error, as_json)
    trees = sorted(kb.trees.values(), key=lambda t: t.id)
    if as_json:
        _print_json(
            {"trees": [{"id": t.id, "title": t.title.get(language), "summary": t.summary.get(language)} for t in trees]}
        )
        return
    from rich.console import Console

    from uec_helper.terminal.render import trees_table

    Console().print(trees_table(kb, language))


@app.command()
def search(
    query: Annotated[
        str,
        typer.Argument(metavar="QUERY", help="The problem in your own words, English or Japanese.", show_default=False),
    ],
    lang: LangOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Show at most N results.")] = 5,
    as_json: JsonOption = False,
) -> None:
    """Find the trees and answers that match a problem described in your own words."""
    from uec_helper.knowledge.base import load
    from uec_helper.search.lookup import search_knowledge

    try:
        language = _resolve_lang(lang)
        view = search_knowledge(load(settings.trees), query, language, limit)
    except CliError as error:
        _fail(error, as_json)
    if as_json:
        _print_json(view)
        return
    from rich.console import Console

    from uec_helper.search.render import results_view

    Console().print(results_view(view, language))


@app.command()
def show(
    tree: Annotated[str, typer.Argument(help="Tree id.", show_default=False)],
    lang: LangOption = None,
) -> None:
    """Draw a tree: its questions, choices and outcomes."""
    from uec_helper.knowledge.base import find_tree, load_knowledge

    try:
        language = _resolve_lang(lang)
        kb = load_knowledge(settings.trees)
        found = find_tree(kb, tree)
    except CliError as error:
        _fail(error, False)
    from rich.console import Console

    from uec_helper.terminal.render import tree_view

    Console().print(tree_view(kb, found, language))


@app.command()
def schema() -> None:
    """Print the JSON Schema of tree files (for editors)."""
    from uec_helper.knowledge.schema import json_schema

    _print_json(json_schema())


# --- Tools for the people who keep the trees current ------------------------


@app.command()
def export(
    tree: Annotated[str | None, typer.Argument(help="Tree id (or --all).", show_default=False)] = None,
    graph_format: Annotated[str, typer.Option("--format", "-f", help="mermaid, dot or json.")] = "mermaid",
    all_trees: Annotated[bool, typer.Option("--all", help="Every tree in one graph.")] = False,
    lang: LangOption = None,
) -> None:
    """Print a tree as a graph for reviewers: Mermaid, Graphviz DOT or JSON."""
    from uec_helper.walk.session import export_trees

    try:
        print(export_trees(settings.trees, tree, all_trees, graph_format, _resolve_lang(lang)), end="")
    except CliError as error:
        _fail(error, False)


translations_app = typer.Typer(
    help="Keep the Japanese texts in step with the English.", no_args_is_help=True, rich_markup_mode=None
)
app.add_typer(translations_app, name="translations")


@translations_app.command("mark-reviewed")
def mark_reviewed(
    folder: Annotated[
        Path | None,
        typer.Argument(parser=path_value, help="Trees folder (default: the one in use).", show_default=False),
    ] = None,
    file: Annotated[
        Path | None, typer.Option("--file", parser=path_value, help="Only this tree file.", show_default=False)
    ] = None,
    lang: LangOption = None,
) -> None:
    """Record that the Japanese texts were checked against the current English (writes `ja_source`)."""
    from uec_helper.authoring.review import mark_files

    try:
        language = _resolve_lang(lang)
        changed = mark_files(folder or settings.trees, file)
    except CliError as error:
        _fail(error, False)
    for done in changed:
        print(f"{done.file}: {done.count}")
    print(ui("marked-reviewed", language).format(count=sum(d.count for d in changed), files=len(changed)))


new_app = typer.Typer(
    help="Start a tree or an outcome from a template with TODO placeholders.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(new_app, name="new")
PrintOption = Annotated[bool, typer.Option("--print", help="Print the template instead of writing a file.")]


@new_app.command("tree")
def new_tree(
    tree_id: Annotated[str, typer.Argument(metavar="ID", help="Id of the new tree.", show_default=False)],
    print_only: PrintOption = False,
    lang: LangOption = None,
) -> None:
    """Write TREES/ID.yaml: a tree with one question and one outcome to fill in."""
    from uec_helper.authoring.scaffold import new_file, plan_tree

    try:
        language = _resolve_lang(lang)
        text = plan_tree(settings.trees, tree_id)
        if print_only:
            print(text, end="")
            return
        path = new_file(settings.trees / f"{tree_id}.yaml", text)
    except CliError as error:
        _fail(error, False)
    print(ui("scaffold-written", language).format(file=path))


@new_app.command("outcome")
def new_outcome(
    outcome_id: Annotated[str, typer.Argument(metavar="ID", help="Id of the new outcome.", show_default=False)],
    file: Annotated[
        Path | None,
        typer.Option(
            "--file",
            parser=path_value,
            help="Add it to this tree file (default: a new TREES/ID.yaml).",
            show_default=False,
        ),
    ] = None,
    print_only: PrintOption = False,
    lang: LangOption = None,
) -> None:
    """Add an outcome to fill in: to a new file, or at the end of a file's outcomes."""
    from uec_helper.authoring.scaffold import add_to_file, new_file, plan_outcome

    try:
        language = _resolve_lang(lang)
        text = plan_outcome(settings.trees, outcome_id)
        if print_only:
            print(text, end="")
            return
        path = add_to_file(file, outcome_id) if file else new_file(settings.trees / f"{outcome_id}.yaml", text)
    except CliError as error:
        _fail(error, False)
    print(ui("scaffold-written", language).format(file=path))


@app.command()
def stats(
    logfile: Annotated[
        Path, typer.Argument(parser=path_value, help="Session log written by `diagnose --log`.", show_default=False)
    ],
    lang: LangOption = None,
    as_json: JsonOption = False,
) -> None:
    """Summarise a session log: common problems and outcomes, unresolved and escalated rates."""
    from uec_helper.helpdesk.log import read_records
    from uec_helper.helpdesk.stats import session_stats

    try:
        language = _resolve_lang(lang)
        records, skipped = read_records(logfile)
    except CliError as error:
        _fail(error, as_json)
    except OSError as exc:
        _fail(CliError("log-file", f"{logfile}: cannot read the session log: {exc.strerror}"), as_json)
    for diagnostic in skipped:
        print(diagnostic, file=sys.stderr)
    summary = session_stats(records)
    if as_json:
        _print_json({**summary, "skipped_lines": len(skipped)})
        return
    from rich.console import Console

    from uec_helper.helpdesk.stats_view import stats_view

    Console().print(stats_view(summary, language))


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:  # outside a command (typer handles it inside)
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()
