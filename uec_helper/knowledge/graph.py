"""One graph of the questions: of a tree, and of the trees leading into each other.

Validate (reachability, loops, depth), show and search walk it, all in one
way: iteratively (a chain of 1,500 questions or 330 linked trees must not
exhaust Python's recursion limit) and visiting each question and each
choice once (a diamond of 22 questions has 4 million paths but 44 edges).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass

from uec_helper.knowledge.model import Choice, KnowledgeBase, Question, Text, Tree


@dataclass(frozen=True)
class Loop:
    """A choice leading back to a question on the path to it."""

    question: Question
    choice: Choice
    target: Question


@dataclass(frozen=True)
class TreeGraph:
    """A tree's questions as reached from its start, depth first, choices in order."""

    tree: Tree
    reached: tuple[Question, ...]  # in the order first reached
    finished: tuple[Question, ...]  # each after every question below it (loops aside)
    loops: tuple[Loop, ...]

    def longest(self, linked_depth: Callable[[str], int]) -> int:
        """Most questions a walk from the start asks; `linked_depth` gives a linked tree's."""
        deepest: dict[str, int] = {}
        for question in self.finished:
            below = [0]
            for choice in question.choices:
                if choice.next:
                    below.append(deepest.get(choice.next, 0))  # 0 for a loop, reported on its own
                elif choice.tree:
                    below.append(linked_depth(choice.tree))
            deepest[question.id] = 1 + max(below)
        return deepest[self.reached[0].id] if self.reached else 0


def targets(tree: Tree, question: Question) -> Iterator[tuple[Choice, Question]]:
    """The choices of a question that lead to another question of the tree, with it."""
    for choice in question.choices:
        target = tree.question(choice.next) if choice.next else None
        if target is not None:
            yield choice, target


def tree_graph(tree: Tree) -> TreeGraph:
    start = tree.question(tree.start)
    if start is None:
        return TreeGraph(tree, (), (), ())
    reached = [start]
    finished: list[Question] = []
    loops: list[Loop] = []
    state = {start.id: "open"}  # "open" while on the path from the start, then "done"
    stack = [(start, targets(tree, start))]
    while stack:
        question, onward = stack[-1]
        for choice, target in onward:
            seen = state.get(target.id)
            if seen == "open":
                loops.append(Loop(question, choice, target))
            elif seen is None:
                state[target.id] = "open"
                reached.append(target)
                stack.append((target, targets(tree, target)))
                break
        else:
            stack.pop()
            state[question.id] = "done"
            finished.append(question)
    return TreeGraph(tree, tuple(reached), tuple(finished), tuple(loops))


def linked_ids(tree: Tree) -> Iterator[str]:
    """The ids of the trees a tree's choices lead into, in order, with repeats."""
    for question in tree.questions:
        for choice in question.choices:
            if choice.tree:
                yield choice.tree


class KnowledgeGraph:
    """The graphs of every tree of a knowledge base, built on first use."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._graphs: dict[str, TreeGraph] = {}
        self._depths: dict[str, int] = {}

    def of(self, tree_id: str) -> TreeGraph:
        graph = self._graphs.get(tree_id)
        if graph is None:
            graph = self._graphs[tree_id] = tree_graph(self.kb.trees[tree_id])
        return graph

    def depth(self, tree_id: str) -> int:
        """Most questions a walk from the tree's start asks, the trees it leads into included.
        A tree leading back into one not yet finished (a loop, reported on its own) counts 0."""
        for done in linked_first(self.kb, [tree_id], skip=self._depths):
            self._depths[done] = self.of(done).longest(lambda linked: self._depths.get(linked, 0))
        return self._depths.get(tree_id, 0)


def linked_first(kb: KnowledgeBase, roots: Iterable[str], skip: Collection[str] = ()) -> Iterator[str]:
    """The trees reachable from `roots` through links, each after the trees it
    leads into (depth first, iteratively); in a loop, the one met first comes last.
    Trees in `skip` are neither yielded nor entered."""
    seen = set(skip)
    for root in roots:
        if root in seen or root not in kb.trees:
            continue
        seen.add(root)
        stack = [(root, linked_ids(kb.trees[root]))]
        while stack:
            tree_id, onward = stack[-1]
            for linked in onward:
                if linked in kb.trees and linked not in seen:
                    seen.add(linked)
                    stack.append((linked, linked_ids(kb.trees[linked])))
                    break
            else:
                stack.pop()
                yield tree_id


Route = list[tuple[str, str, Text]]  # (question id, choice id, choice label) from the start


def shortest_routes(tree: Tree) -> dict[str, Route]:
    """For each reachable question, the answers that reach it first (breadth first)."""
    start = tree.question(tree.start)
    if start is None:
        return {}
    routes: dict[str, Route] = {start.id: []}
    queue = deque([start])
    while queue:
        question = queue.popleft()
        for choice, target in targets(tree, question):
            if target.id not in routes:
                routes[target.id] = [*routes[question.id], (question.id, choice.id, choice.label)]
                queue.append(target)
    return routes
