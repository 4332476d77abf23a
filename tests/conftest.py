from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from prompt_toolkit.input import PipeInput, create_pipe_input

from uec_helper.knowledge.loader import load_folder
from uec_helper.knowledge.model import KnowledgeBase
from uec_helper.walk.engine import Walk

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOOD = FIXTURES / "good"
SHIPPED_TREES = ROOT / "trees"
SCRATCH = pytest.StashKey[Path]()


def clean_knowledge(folder: Path) -> KnowledgeBase:
    """A fixture folder's knowledge base, which must load without a problem."""
    loaded = load_folder(folder)
    assert loaded.diagnostics == []
    return loaded.knowledge


@pytest.fixture(scope="session")
def mini_kb() -> KnowledgeBase:
    return clean_knowledge(GOOD)


def pytest_configure(config: pytest.Config) -> None:
    """Keep every cache the tests cause out of the user's ~/.cache: set before
    any fixture (session-scoped ones included) and inherited by the
    `uec-helper` processes the terminal tests start."""
    scratch = Path(tempfile.mkdtemp(prefix="uec-helper-tests-"))
    os.environ["XDG_CACHE_HOME"] = str(scratch / "xdg-cache")
    os.environ["UEC_HELPER_CACHE"] = str(scratch / "uec-helper-cache")
    config.stash[SCRATCH] = scratch


def pytest_unconfigure(config: pytest.Config) -> None:
    scratch = config.stash.get(SCRATCH, None)
    if scratch is not None:
        shutil.rmtree(scratch, ignore_errors=True)


@pytest.fixture
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of the test's own."""
    folder = tmp_path / "uec-helper-cache"
    monkeypatch.setenv("UEC_HELPER_CACHE", str(folder))
    return folder


@pytest.fixture
def trees(tmp_path: Path) -> Path:
    """A trees folder of its own holding the good mini tree, free to change."""
    folder = tmp_path / "trees"
    folder.mkdir()
    shutil.copy(GOOD / "mini.yaml", folder)
    return folder


@pytest.fixture
def keys() -> Iterator[PipeInput]:
    """Keystrokes for a prompt, fed through a pipe as questionary's own tests do."""
    with create_pipe_input() as pipe:
        yield pipe


@pytest.fixture
def start(mini_kb: KnowledgeBase) -> Walk:
    return Walk(mini_kb, mini_kb.trees["mini"])
