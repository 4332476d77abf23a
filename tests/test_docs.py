"""The README's promises: the two commands, links that resolve, nothing
cited from outside the repository."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def command_under(marker: str) -> str:
    readme = (ROOT / "README.md").read_text("utf-8")
    found = re.findall(rf"<!-- {marker} -->\n```sh\n(.+)\n```", readme)
    assert len(found) == 1, f"README.md needs exactly one command under <!-- {marker} -->"
    return found[0]


def test_readme_installs_into_a_virtualenv_then_runs_diagnose() -> None:
    command = command_under("run-command")
    assert command.startswith("python3 -m venv .venv && . .venv/bin/activate && pip install .")
    assert command.endswith("&& uec-helper diagnose")


def test_ci_runs_the_readme_test_command() -> None:
    command = command_under("test-command")
    assert "pip install -e '.[test]'" in command and command.endswith("python -m pytest")
    assert "<!-- test-command -->" in (ROOT / ".ci" / "run").read_text("utf-8")


def test_docs_cite_nothing_outside_the_repository() -> None:
    outside = [
        f"{doc.name}: {line}" for doc in DOCS for line in doc.read_text("utf-8").splitlines() if "../shared" in line
    ]
    assert outside == []


def test_relative_links_in_the_docs_resolve() -> None:
    broken = []
    for doc in DOCS:
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", doc.read_text("utf-8")):
            if not (doc.parent / target).exists():
                broken.append(f"{doc.relative_to(ROOT)} -> {target}")
    assert broken == []
