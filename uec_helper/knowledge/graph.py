"""One graph of the questions: of a tree, and of the trees leading into each other.

Validate (reachability, loops, depth), show, export and search walk it, all in one
way: iteratively (a chain of 1,500 questions or 330 linked trees must not
exhaust Python's recursion limit) and visiting each question and each
choice once (a diamond of 22 questions has 4 million paths but 44 edges).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

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


Step = Literal["enter", "again", "loop", "later", "missing", "leave"]


@dataclass(frozen=True)
class Visit:
    """One step of a depth-first walk of a tree's questions.

    "enter": `question` is reached for the first time; "again": reached once
    more, already left; "loop": reached again while on the path to it;
    "later": nested too deep, continued from the top once the rest is done;
    "missing": no question `question_id` in the tree; "leave": every
    question below `question` has been walked."""

    step: Step
    question_id: str
    question: Question | None
    source: Question | None = None  # None for the start and for a continuation from the top
    choice: Choice | None = None  # the choice of `source` that leads here
    nesting: int = 0  # choices from the start, or from where the walk continued


def depth_first(tree: Tree, max_nesting: int | None = None) -> Iterator[Visit]:
    """The tree's questions from its start, each entered once, choices in order,
    iteratively. A question that would be nested deeper than `max_nesting` is
    entered later from the top instead, after everything else."""
    state: dict[str, str] = {}  # "open" while on the path from where the walk began, then "done"
    later = [tree.start]  # where the walk begins: the start, then the continuations
    while later:
        question_id = later.pop(0)
        root = tree.question(question_id)
        if root is None or question_id in state:
            yield Visit("missing" if root is None else "again", question_id, root)
            continue
        state[question_id] = "open"
        yield Visit("enter", question_id, root)
        stack = [(root, iter(root.choices), 0)]
        while stack:
            question, choices, nesting = stack[-1]
            for choice in choices:
                if not choice.next:
                    continue
                target = tree.question(choice.next)
                seen = state.get(choice.next)
                if target is None or seen is not None:
                    step: Step = "missing" if target is None else "loop" if seen == "open" else "again"
                    yield Visit(step, choice.next, target, question, choice, nesting + 1)
                elif max_nesting is not None and nesting + 1 > max_nesting:
                    yield Visit("later", choice.next, target, question, choice, nesting + 1)
                    if choice.next not in later:
                        later.append(choice.next)
                else:
                    state[target.id] = "open"
                    yield Visit("enter", target.id, target, question, choice, nesting + 1)
                    stack.append((target, iter(target.choices), nesting + 1))
                    break
            else:
                stack.pop()
                state[question.id] = "done"
                yield Visit("leave", question.id, question, nesting=nesting)


def tree_graph(tree: Tree) -> TreeGraph:
    reached: list[Question] = []
    finished: list[Question] = []
    loops: list[Loop] = []
    for visit in depth_first(tree):
        if visit.question is None:
            continue
        if visit.step == "enter":
            reached.append(visit.question)
        elif visit.step == "leave":
            finished.append(visit.question)
        elif visit.step == "loop" and visit.source is not None and visit.choice is not None:
            loops.append(Loop(visit.source, visit.choice, visit.question))
    return TreeGraph(tree, tuple(reached), tuple(finished), tuple(loops))


def _outcome_users(kb: KnowledgeBase) -> dict[str, set[str]]:
    """Outcome id -> ids of the trees that lead to it."""
    users: dict[str, set[str]] = {}
    for tree in kb.trees.values():
        for question in tree.questions:
            for choice in question.choices:
                if choice.outcome:
                    users.setdefault(choice.outcome, set()).add(tree.id)
    return users


def shared_outcomes(kb: KnowledgeBase) -> set[str]:
    """The outcomes a change to which reaches more than one place: used by
    several trees, or defined in another file than a tree using it."""
    shared: set[str] = set()
    for outcome_id, users in _outcome_users(kb).items():
        outcome = kb.outcomes.get(outcome_id)
        if outcome is not None and (
            len(users) > 1 or any(kb.trees[t].origin.file != outcome.origin.file for t in users)
        ):
            shared.add(outcome_id)
    return shared


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
