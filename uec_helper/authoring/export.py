"""A tree as a graph, for reviewers who do not read YAML: Mermaid, DOT or JSON.

Questions are nodes, choices are labelled edges, outcomes are styled apart,
and an outcome shared between trees or files is marked, so that a reviewer
sees when a change to it reaches other trees too.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from uec_helper.knowledge.graph import shared_outcomes
from uec_helper.knowledge.model import Choice, KnowledgeBase, Lang, Tree
from uec_helper.ui_text import ui

NodeKind = Literal["tree", "question", "outcome", "missing"]


@dataclass(frozen=True)
class Node:
    id: str  # unique in the graph, e.g. "question:mini/first"
    kind: NodeKind
    ref: str  # the id in the tree file
    label: str
    tree: str | None = None  # the tree a question belongs to
    shared: bool = False  # an outcome used by several trees or defined in another file


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str = ""
    choice: str | None = None


@dataclass(frozen=True)
class Graph:
    name: str
    lang: Lang
    nodes: list[Node]
    edges: list[Edge]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def build_graph(kb: KnowledgeBase, trees: Iterable[Tree], lang: Lang, name: str) -> Graph:
    shared = shared_outcomes(kb)
    nodes: dict[str, Node] = {}
    edges: list[Edge] = []

    def node(key: str, kind: NodeKind, ref: str, label: str, tree: str | None = None, shared: bool = False) -> str:
        nodes.setdefault(key, Node(key, kind, ref, label, tree, shared))
        return key

    def missing(key: str, ref: str, tree: str | None = None) -> str:
        """A link to nothing, drawn so that a broken tree can still be reviewed."""
        return node(f"missing:{key}", "missing", ref, f"? {ref}", tree)

    def question_node(tree: Tree, question_id: str) -> str:
        question = tree.question(question_id)
        if question is None:
            return missing(f"{tree.id}/{question_id}", question_id, tree.id)
        return node(
            f"question:{tree.id}/{question.id}", "question", question.id, _one_line(question.text.get(lang)), tree.id
        )

    def outcome_node(outcome_id: str) -> str:
        outcome = kb.outcomes.get(outcome_id)
        if outcome is None:
            return missing(outcome_id, outcome_id)
        title = _one_line(outcome.title.get(lang))
        return node(f"outcome:{outcome_id}", "outcome", outcome_id, title, shared=outcome_id in shared)

    def tree_node(tree_id: str) -> str:
        """A tree's entry: where its walk starts, and where other trees lead into it."""
        tree = kb.trees.get(tree_id)
        if tree is None:
            return missing(f"tree/{tree_id}", tree_id)
        return node(f"tree:{tree.id}", "tree", tree.id, _one_line(tree.title.get(lang)))

    def targets(tree: Tree, choice: Choice) -> list[str]:
        found = [question_node(tree, choice.next)] if choice.next else []
        found += [tree_node(choice.tree)] if choice.tree else []
        return found + ([outcome_node(choice.outcome)] if choice.outcome else [])

    for tree in trees:
        start = tree_node(tree.id)
        edges.append(Edge(start, question_node(tree, tree.start)))
        for question in tree.questions:
            question_node(tree, question.id)
        for question in tree.questions:
            source = question_node(tree, question.id)
            for choice in question.choices:
                label = _one_line(choice.label.get(lang))
                edges += [Edge(source, target, label, choice.id) for target in targets(tree, choice)]
    return Graph(name, lang, list(nodes.values()), edges)


# --- Mermaid ----------------------------------------------------------------

# Inside a quoted Mermaid label only these matter: the quote ends it, '#…;' is
# an entity, '<', '>' and '&' are HTML, '|' ends an edge label, '`' starts Markdown.
_MERMAID_ENTITIES = {c: f"#{ord(c)};" for c in '#"<>&|`'}
_MERMAID_PREFIX = {"tree": "T", "question": "Q", "outcome": "O", "missing": "X"}
_MERMAID_SHAPES = {"tree": '(["{}"])', "question": '["{}"]', "outcome": '("{}")', "missing": '["{}"]'}
_MERMAID_CLASSES = {
    "tree": "fill:#ffffff,stroke:#333333,stroke-width:2px",
    "question": "fill:#e3f2fd,stroke:#1565c0",
    "outcome": "fill:#e8f5e9,stroke:#2e7d32",
    "shared": "fill:#e8f5e9,stroke:#2e7d32,stroke-dasharray:5 5",
    "missing": "fill:#ffebee,stroke:#c62828,color:#c62828",
}


def mermaid_label(text: str) -> str:
    return "".join(_MERMAID_ENTITIES.get(c, c) for c in text)


def _mermaid_ids(nodes: list[Node]) -> dict[str, str]:
    """Graph ids -> Mermaid ids ([A-Za-z0-9_] only, unique)."""
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for node in nodes:
        base = _MERMAID_PREFIX[node.kind] + "_" + re.sub(r"[^a-z0-9]+", "_", node.id.partition(":")[2])
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}_{n}"
        taken.add(candidate)
        ids[node.id] = candidate
    return ids


def _class_of(node: Node) -> str:
    return "shared" if node.shared else node.kind


def to_mermaid(graph: Graph) -> str:
    ids = _mermaid_ids(graph.nodes)
    lines = ["flowchart TD"]
    for node in graph.nodes:
        label = mermaid_label(node.label)
        if node.shared:
            lines.append(f'    {ids[node.id]}[["{label}<br/>({mermaid_label(ui("shared", graph.lang))})"]]')
        else:
            lines.append(f"    {ids[node.id]}{_MERMAID_SHAPES[node.kind].format(label)}")
    for edge in graph.edges:
        arrow = f'-->|"{mermaid_label(edge.label)}"|' if edge.label else "-->"
        lines.append(f"    {ids[edge.source]} {arrow} {ids[edge.target]}")
    used = {_class_of(node) for node in graph.nodes}
    for name, style in _MERMAID_CLASSES.items():
        if name in used:
            members = ",".join(ids[node.id] for node in graph.nodes if _class_of(node) == name)
            lines += [f"    classDef {name} {style}", f"    class {members} {name}"]
    return "\n".join(lines) + "\n"


# --- Graphviz DOT -------------------------------------------------------------

_DOT_STYLES = {
    "tree": "shape=oval, style=bold",
    "question": 'shape=box, style=filled, fillcolor="#e3f2fd"',
    "outcome": 'shape=box, style="rounded,filled", fillcolor="#e8f5e9"',
    "shared": 'shape=box, style="rounded,filled,dashed", fillcolor="#e8f5e9"',
    "missing": 'shape=box, color="#c62828", fontcolor="#c62828"',
}


def dot_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def to_dot(graph: Graph) -> str:
    lines = [
        f"digraph {dot_string(graph.name)} {{",
        '    node [fontname="sans-serif"];',
        '    edge [fontname="sans-serif", fontsize=10];',
    ]
    for node in graph.nodes:
        label = dot_string(node.label + (f"\n({ui('shared', graph.lang)})" if node.shared else ""))
        lines.append(f"    {dot_string(node.id)} [label={label}, {_DOT_STYLES[_class_of(node)]}];")
    for edge in graph.edges:
        attributes = f" [label={dot_string(edge.label)}]" if edge.label else ""
        lines.append(f"    {dot_string(edge.source)} -> {dot_string(edge.target)}{attributes};")
    return "\n".join([*lines, "}"]) + "\n"


# --- JSON ---------------------------------------------------------------------


def to_json(graph: Graph) -> str:
    data = {
        "name": graph.name,
        "lang": graph.lang,
        "nodes": [dataclasses.asdict(node) for node in graph.nodes],
        "edges": [{"from": e.source, "to": e.target, "label": e.label, "choice": e.choice} for e in graph.edges],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


FORMATS: dict[str, Callable[[Graph], str]] = {"mermaid": to_mermaid, "dot": to_dot, "json": to_json}
