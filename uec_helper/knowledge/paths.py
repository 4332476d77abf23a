"""Where the trees are."""

from __future__ import annotations

import os
from pathlib import Path

from uec_helper.errors import UsageError

PACKAGE = Path(__file__).resolve().parent.parent


def default_trees_folder() -> Path:
    """UEC_HELPER_TREES, else the trees shipped in the wheel, else the checkout's."""
    chosen = os.environ.get("UEC_HELPER_TREES")
    return Path(chosen) if chosen else shipped_trees_folder()


def shipped_trees_folder() -> Path:
    """The trees shipped in the wheel, else the checkout's."""
    shipped = PACKAGE / "trees"
    return shipped if shipped.is_dir() else PACKAGE.parent / "trees"


def editor_trees_folder(chosen: Path | None) -> Path:
    """Where editor commands write: the folder chosen with --trees or
    UEC_HELPER_TREES, else ./trees when it exists; never the installed trees,
    whose drafts would appear in every user's menu."""
    if chosen is not None:
        return chosen
    local = Path("trees")
    if local.is_dir():
        return local
    raise UsageError(
        "trees-folder",
        "no trees folder to write to: pass --trees DIR, set UEC_HELPER_TREES, or run this where ./trees "
        "exists (the installed trees are never edited)",
    )


def validate_command(folder: Path) -> str:
    """The exact command that validates the folder, to paste into a shell."""
    import shlex

    return f"uec-helper validate {shlex.quote(str(folder))}"
