"""The command line: parse, call, print. Exit codes live in errors.py."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from . import __version__
from .errors import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, CliError
from .model import Lang

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
            envvar="UEC_HELPER_TREES",
            help="Folder of tree files to use instead of the shipped ones.",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    from .paths import default_trees_folder

    settings.trees = trees if trees is not None else default_trees_folder()


def _fail(error: CliError, as_json: bool) -> NoReturn:
    if as_json:
        print(json.dumps(error.to_json(), ensure_ascii=False, indent=2))
    print(f"uec-helper: error: {error.message}", file=sys.stderr)
    raise typer.Exit(error.exit_code)


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _resolve_lang(lang: str | None) -> Lang:
    from .ui_text import LanguageError, default_lang, parse_lang

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
        typer.Option("--answers-file", help="YAML mapping of QUESTION: CHOICE.", show_default=False),
    ] = None,
    lang: LangOption = None,
    as_json: JsonOption = False,
    no_input: Annotated[bool, typer.Option("--no-input", help="Never prompt; a missing answer is an error.")] = False,
) -> None:
    """Walk a troubleshooting tree and show the remedy."""
    from .session import DiagnoseRequest, diagnose_walk

    try:
        request = DiagnoseRequest(
            trees=settings.trees,
            tree_id=tree,
            answer_flags=answer or [],
            answers_file=answers_file,
            lang=_resolve_lang(lang),
            interactive=not (no_input or as_json) and sys.stdin.isatty() and sys.stdout.isatty(),
        )
        view = diagnose_walk(request)
    except CliError as error:
        _fail(error, as_json)
    if as_json:
        _print_json(view)
        return
    from rich.console import Console

    from .render import outcome_panel

    Console().print(outcome_panel(view, request.lang))


@app.command()
def validate(
    folder: Annotated[
        Path | None, typer.Argument(help="Trees folder (default: the one in use).", show_default=False)
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Check tree files and report every problem as file:line:col."""
    from .diagnostics import has_errors, summary
    from .session import validate_folder

    try:
        diagnostics = validate_folder(folder or settings.trees)
    except CliError as error:
        _fail(error, as_json)
    if as_json:
        _print_json({"diagnostics": [d.to_json() for d in diagnostics], "summary": summary(diagnostics)})
    else:
        from rich.console import Console

        from .render import diagnostic_line

        console = Console(highlight=False)
        for diagnostic in diagnostics:
            console.print(diagnostic_line(diagnostic), soft_wrap=True)
        console.print(summary(diagnostics))
    raise typer.Exit(EXIT_PROBLEMS if has_errors(diagnostics) else EXIT_OK)


@app.command("list")
def list_trees(lang: LangOption = None, as_json: JsonOption = False) -> None:
    """List the troubleshooting trees."""
    from .session import load_knowledge

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

    from .render import trees_table

    Console().print(trees_table(kb, language))


@app.command()
def show(
    tree: Annotated[str, typer.Argument(help="Tree id.", show_default=False)],
    lang: LangOption = None,
) -> None:
    """Draw a tree: its questions, choices and outcomes."""
    from .session import find_tree, load_knowledge

    try:
        language = _resolve_lang(lang)
        kb = load_knowledge(settings.trees)
        found = find_tree(kb, tree)
    except CliError as error:
        _fail(error, False)
    from rich.console import Console

    from .render import tree_view

    Console().print(tree_view(kb, found, language))


@app.command()
def schema() -> None:
    """Print the JSON Schema of tree files (for editors)."""
    from .schema import json_schema

    _print_json(json_schema())


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:  # outside a command (typer handles it inside)
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()

__all__ = ["EXIT_USAGE", "app", "main"]
