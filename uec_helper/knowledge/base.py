"""The knowledge base in use: loading a trees folder and finding a tree in
it, as the commands need them (a light module: `list`, `show` and `search`
start without the walk, validation or helpdesk code)."""

from __future__ import annotations

from pathlib import Path

from uec_helper.errors import UsageError
from uec_helper.knowledge.diagnostics import did_you_mean
from uec_helper.knowledge.loader import FolderError, Loaded, load_folder
from uec_helper.knowledge.model import KnowledgeBase, Tree


def load(folder: Path) -> Loaded:
    try:
        return load_folder(folder)
    except FolderError as exc:
        raise UsageError("trees-folder", str(exc)) from exc


def load_knowledge(folder: Path) -> KnowledgeBase:
    return load(folder).knowledge


def find_tree(kb: KnowledgeBase, tree_id: str, broken_files: int = 0) -> Tree:
    tree = kb.trees.get(tree_id)
    if tree is not None:
        return tree
    hint = did_you_mean(tree_id, kb.trees)
    message = f"unknown tree '{tree_id}'" + (f"; {hint}" if hint else "")
    if broken_files:
        message += f" ({broken_files} tree file(s) have errors: run `uec-helper validate`)"
    raise UsageError("unknown-tree", message, tree=tree_id, trees=sorted(kb.trees))
