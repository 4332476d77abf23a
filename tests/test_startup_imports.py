"""Prompt libraries cost ~100 ms to import: only a shown prompt may load them;
the helpdesk loads only in helpdesk mode; with a warm cache, a command loads
neither YAML nor the validator, nor the modules of other commands."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import GOOD

PROBE = """
import sys
from uec_helper.cli import main
sys.argv = ["uec-helper", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print("MODULES:" + ",".join(sorted(sys.modules)), file=sys.stderr)
loaded = sorted({name.split(".")[0] for name in sys.modules} & {"questionary", "prompt_toolkit", "pydantic"})
print("LOADED:" + ",".join(loaded), file=sys.stderr)
print("HELPDESK:" + str("uec_helper.helpdesk.agent" in sys.modules), file=sys.stderr)
"""
# Found in the cache once the trees are unchanged: parsing them, validating
# them and the graphs that validation builds.
CACHED_WORK = {"yaml", "uec_helper.knowledge.schema", "uec_helper.knowledge.validate", "uec_helper.knowledge.graph"}


def probe(args: list[str], cache: Path, runs: int = 1) -> list[str]:
    """The probe's last lines after the last of `runs` runs (an earlier one fills the cache)."""
    command = [sys.executable, "-c", PROBE, "--trees", str(GOOD), *args]
    env = {"UEC_HELPER_LANG": "en", "PATH": "/usr/bin:/bin", "UEC_HELPER_CACHE": str(cache)}
    for _ in range(runs):
        result = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL, env=env, timeout=60)
    return result.stderr.splitlines()[-3:]


def run_modules(args: list[str], cache: Path, runs: int = 1) -> set[str]:
    return set(probe(args, cache, runs)[0].removeprefix("MODULES:").split(","))


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["list"],
        ["validate", str(GOOD)],
        ["diagnose", "mini", "--answer", "first=done", "--json"],
        ["diagnose", "mini", "--answer", "first=done"],
        ["diagnose", "mini"],  # no TTY: a missing answer is an error, not a prompt
    ],
    ids=lambda args: " ".join(a for a in args if "/" not in a),
)
def test_non_interactive_runs_do_not_import_prompt_libraries(args: list[str], private_cache: Path) -> None:
    assert probe(args, private_cache)[-2:] == ["LOADED:", "HELPDESK:False"]


@pytest.mark.parametrize(
    ("args", "unwanted"),
    [
        (
            ["diagnose", "mini", "--answer", "first=done", "--json"],
            CACHED_WORK | {"uec_helper.helpdesk.log", "uec_helper.search.index", "rich.console"},
        ),
        (
            ["diagnose", "mini", "--agent", "--answer", "first=done", "--resolution", "yes", "--json"],
            CACHED_WORK | {"uec_helper.helpdesk.privacy", "uec_helper.helpdesk.log", "rich.console"},
        ),
        (  # the plain mode breaks its lines with rich.cells alone
            ["diagnose", "mini", "--answer", "first=done", "--plain"],
            CACHED_WORK | {"rich.console", "rich.text"},
        ),
        (["validate", str(GOOD)], CACHED_WORK | {"uec_helper.walk.session", "uec_helper.views"}),
        (["validate", str(GOOD), "--json"], CACHED_WORK | {"uec_helper.walk.session", "rich.console"}),
        (["list"], CACHED_WORK | {"uec_helper.walk.session", "uec_helper.views"}),
        (["search", "password", "--json"], {"yaml", "uec_helper.walk.engine", "uec_helper.walk.session"}),
    ],
    ids=lambda value: " ".join(a for a in value if "/" not in a) if isinstance(value, list) else "",
)
def test_warm_runs_import_only_what_they_use(args: list[str], unwanted: set[str], private_cache: Path) -> None:
    assert run_modules(args, private_cache, runs=2) & unwanted == set()


def test_the_probe_sees_what_a_cold_run_imports(private_cache: Path) -> None:
    """The first run parses and validates: the probe would see it."""
    assert run_modules(["validate", str(GOOD)], private_cache) >= CACHED_WORK


def test_command_annotations_are_objects_not_strings() -> None:
    """typer reads every command's annotations at each start; a string
    annotation (`from __future__ import annotations` in cli.py) is compiled
    and evaluated every time."""
    from uec_helper import cli

    callbacks = [
        info.callback
        for group in (cli.app, cli.commands, cli.translations_app, cli.new_app)
        for info in group.registered_commands
    ]
    callbacks.append(cli.main_options)
    strings = {
        f"{callback.__name__}({name})"
        for callback in callbacks
        if callback is not None
        for name, annotation in callback.__annotations__.items()
        if isinstance(annotation, str)
    }
    assert len(callbacks) > 10
    assert strings == set()


@pytest.mark.parametrize(
    ("args", "built"),
    [
        (["schema"], ["schema"]),
        (["new", "tree", "--help"], ["new_tree", "new_outcome"]),  # typer builds a group whole
        (
            ["--help"],
            [
                "diagnose",
                "validate",
                "list_trees",
                "search",
                "show",
                "schema",
                "export",
                "stats",
                "mark_reviewed",
                "new_tree",
                "new_outcome",
            ],
        ),
    ],
)
def test_a_run_builds_only_the_commands_it_uses(
    args: list[str], built: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """typer builds a command's options from its signature, which costs; the
    app builds a command only when it is looked up (`--help` looks at all)."""
    import typer.main
    from typer.testing import CliRunner

    from uec_helper import cli

    seen: list[str] = []
    build = typer.main.get_command_from_info

    def spy(command_info: typer.models.CommandInfo, **style: Any) -> Any:
        seen.append(getattr(command_info.callback, "__name__", ""))
        return build(command_info, **style)

    monkeypatch.setattr(typer.main, "get_command_from_info", spy)
    result = CliRunner().invoke(cli.app, args)
    assert result.exit_code == 0, result.output
    assert seen == built
