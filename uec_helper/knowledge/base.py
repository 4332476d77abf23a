"""The knowledge base in use: loading a trees folder and finding a tree in
it, as the commands need them (a light module: `list`, `show` and `search`
start without the walk, validation or helpdesk code)."""

from __future__ import annotations

from pathlib import Path

from uec_helper.errors import UsageError
from uec_helper.knowledge.diagnostics import suggestion
from uec_helper.knowledge.loader import FolderError, Loaded, load_folder
from uec_helper.knowledge.model import KnowledgeBase, Tree
from uec_helper.ui_text import ui_message


def load(folder: Path) -> Loaded:
    try:
        return load_folder(folder)
    except FolderError as exc:
        raise UsageError("trees-folder", exc.text) from exc


def load_knowledge(folder: Path) -> KnowledgeBase:
    return load(folder).knowledge


def find_tree(kb: KnowledgeBase, tree_id: str, broken_files: int = 0) -> Tree:
    tree = kb.trees.get(tree_id)
    if tree is not None:
        return tree
    message = ui_message("err-unknown-tree", tree=tree_id) + suggestion(tree_id, kb.trees)
    if broken_files:
        message += ui_message("err-broken-files", count=broken_files)
    raise UsageError("unknown-tree", message, tree=tree_id, trees=sorted(kb.trees))
