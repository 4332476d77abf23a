from __future__ import annotations

from pathlib import Path

import pytest

from uec_helper.loader import load_folder
from uec_helper.model import KnowledgeBase

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
