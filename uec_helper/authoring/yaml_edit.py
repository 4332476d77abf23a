"""Small edits to YAML text at composed-node positions, keeping comments and layout.

Nodes are composed with the loader's YAML parser (libyaml when present), so
the edits see the file exactly as `validate` does; mark indexes count
characters of the decoded text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from uec_helper.errors import BrokenTrees, UsageError
from uec_helper.knowledge.loader import decode, read_source, yaml_loader


@dataclass(frozen=True)
class Edit:
    """Replace source[start:end] with text (an insertion when start == end)."""

    start: int
    end: int
    text: str


def read_for_edit(path: Path) -> str:
    """A tree file's text, or a BrokenTrees error saying why it cannot be edited."""
    source = read_source(path)
    text, problems = decode(path, source.data) if source.data is not None else (None, [source.problem])
    if text is None:
        raise BrokenTrees("unreadable-file", str(problems[0]))
    return text


def write_edited(path: Path, text: str) -> None:
    """An edited tree file written back whole or not at all, its permissions
    kept (safe_write.rewrite_whole): a crash or a full disk mid-write leaves
    the editor's file as it was."""
    from uec_helper.file_errors import reason_of
    from uec_helper.safe_write import rewrite_whole

    try:
        rewrite_whole(path, text.encode("utf-8"))
    except OSError as exc:  # an editor command's error: English, as the others
        raise UsageError("file-error", f"{path}: cannot write: {reason_of(exc).en}; the file is as it was") from exc


def compose(source: str) -> yaml.Node | None:
    return yaml.compose(source, Loader=yaml_loader())  # the same parser as `validate`


def apply(source: str, edits: list[Edit]) -> str:
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        source = source[: edit.start] + edit.text + source[edit.end :]
    return source


def newline_of(source: str) -> str:
    return "\r\n" if "\r\n" in source else "\n"


def last_leaf(node: yaml.Node) -> yaml.Node:
    """The node whose text ends a block collection (a scalar or a flow collection)."""
    while isinstance(node, yaml.MappingNode | yaml.SequenceNode) and not node.flow_style and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    return node


def line_after(source: str, node: yaml.Node) -> int:
    """Where a new line goes right after the node's last line of content."""
    # A block scalar's end mark lies past its trailing blank lines; back up to its text.
    content_end = len(source[: last_leaf(node).end_mark.index].rstrip())
    newline = source.find("\n", content_end)
    return len(source) if newline < 0 else newline + 1


def insert_lines(source: str, node: yaml.Node, block: str) -> Edit:
    """An edit adding the lines of `block` after the node's content."""
    at = line_after(source, node)
    newline = newline_of(source)
    before = "" if at == 0 or source[at - 1] == "\n" else newline
    return Edit(at, at, before + newline.join(block.splitlines()) + newline)
