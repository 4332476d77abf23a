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
