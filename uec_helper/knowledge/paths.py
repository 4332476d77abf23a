"""Where the trees are."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent


def default_trees_folder() -> Path:
    """UEC_HELPER_TREES, else the trees shipped in the wheel, else the checkout's."""
    chosen = os.environ.get("UEC_HELPER_TREES")
    return Path(chosen) if chosen else shipped_trees_folder()


def shipped_trees_folder() -> Path:
    """The trees shipped in the wheel, else the checkout's."""
    shipped = PACKAGE / "trees"
    return shipped if shipped.is_dir() else PACKAGE.parent / "trees"
