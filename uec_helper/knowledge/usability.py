"""Which trees a walk can trust: those without errors of their own or in the trees they lead into."""

from __future__ import annotations

from uec_helper.knowledge import cache
from uec_helper.knowledge.diagnostics import Diagnostic, has_errors
from uec_helper.knowledge.loader import Loaded
from uec_helper.knowledge.model import Tree

# What check_for_walk finds in a tree alone, and the files a walk of it reads
# (whose load problems count too), by tree id.
OwnChecks = dict[str, tuple[frozenset[str], list[Diagnostic]]]


def _own_checks(loaded: Loaded) -> OwnChecks:
    """Every tree's own checks. They depend on the trees alone, so they are
    cached with them: a walk of unchanged trees imports neither the validator
    nor the graphs."""
    from uec_helper.knowledge.graph import KnowledgeGraph
    from uec_helper.knowledge.validate import check_for_walk, walk_files

    kb = loaded.knowledge
    graphs = KnowledgeGraph(kb)
    return {tree.id: (frozenset(walk_files(kb, tree)), check_for_walk(kb, tree, graphs)) for tree in kb.trees.values()}


class Usability:
    """Which trees a walk can trust. Each tree's own problems are found once
    per content of the trees folder (cached), so the menu of 400 linked trees
    costs 400 checks, not 400 per tree."""

    def __init__(self, loaded: Loaded) -> None:
        self.loaded = loaded
        key = cache.cache_key("walk-checks", [("trees", loaded.key.encode())])
        self._checks: OwnChecks = cache.cached(key, dict, lambda: _own_checks(loaded))
        self._own: dict[str, list[Diagnostic]] = {}

    def _own_problems(self, tree: Tree) -> list[Diagnostic]:
        found = self._own.get(tree.id)
        if found is None:
            # Not cached: the load problems include files that could not be looked at this time.
            files, checked = self._checks[tree.id]
            found = [d for d in self.loaded.diagnostics if d.location.file in files] + checked
            self._own[tree.id] = found
        return found

    def problems(self, tree: Tree) -> list[Diagnostic]:
        """The problems of every file and graph a walk of the tree, and of the trees it leads into, reads."""
        return [p for linked in self.loaded.knowledge.linked_trees(tree) for p in self._own_problems(linked)]

    def usable(self) -> list[str]:
        """The trees without errors, the only ones the menu offers: a tree is
        usable when it has no errors of its own and every tree it leads into is
        usable (in a loop, the tree that closes it is not yet, and a loop is an error)."""
        trees = self.loaded.knowledge.trees
        if not has_errors(self.loaded.diagnostics) and not any(has_errors(found) for _, found in self._checks.values()):
            return sorted(trees)  # the usual case, without importing the graphs (a search's start-up)
        from uec_helper.knowledge.graph import linked_first, linked_ids

        ok: dict[str, bool] = {}
        for tree_id in linked_first(self.loaded.knowledge, sorted(trees)):
            tree = trees[tree_id]
            ok[tree_id] = not has_errors(self._own_problems(tree)) and all(ok.get(t, False) for t in linked_ids(tree))
        return [t for t in sorted(trees) if ok[t]]
