from __future__ import annotations

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


@pytest.fixture(scope="session")
def mini_kb() -> KnowledgeBase:
    loaded = load_folder(GOOD)
    assert loaded.diagnostics == []
    return loaded.knowledge


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep the parse cache of in-process tests out of the user's ~/.cache."""
    folder = tmp_path_factory.getbasetemp() / "uec-helper-cache"
    monkeypatch.setenv("UEC_HELPER_CACHE", str(folder))
    return folder


@pytest.fixture
def keys() -> Iterator[PipeInput]:
    """Keystrokes for a prompt, fed through a pipe as questionary's own tests do."""
    with create_pipe_input() as pipe:
        yield pipe


@pytest.fixture
def start(mini_kb: KnowledgeBase) -> Walk:
    return Walk(mini_kb, mini_kb.trees["mini"])
