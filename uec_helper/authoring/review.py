"""Translation review: which Japanese texts lack a fingerprint, and writing the
fingerprints into tree files in place once a person has checked them.

The files are edited as text (one `ja_source` per Text mapping), so comments,
quoting and layout stay as the author wrote them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from uec_helper.authoring.yaml_edit import Edit, apply, compose, insert_lines, read_for_edit, write_edited
from uec_helper.errors import BrokenTrees, UsageError
from uec_helper.knowledge.diagnostics import Diagnostic, has_errors, warning
from uec_helper.knowledge.loader import FolderError, tree_files
from uec_helper.knowledge.model import LANGS, PLACEHOLDER, KnowledgeBase, Text
from uec_helper.knowledge.paths import validate_command
from uec_helper.knowledge.schema import convert_file
from uec_helper.knowledge.translations import REVIEW_HINT, fingerprint
from uec_helper.knowledge.validate import iter_texts

FIELD = "ja_source"


def is_translated(text: Text) -> bool:
    """Both languages are written (neither empty nor a placeholder)."""
    return all(text.get(lang).strip() and not text.get(lang).strip().startswith(PLACEHOLDER) for lang in LANGS)


def unreviewed(kb: KnowledgeBase) -> list[Diagnostic]:
    """Translated texts that carry no fingerprint yet (reported by `validate --strict`)."""
    owners = [*kb.trees.values(), *kb.outcomes.values(), *kb.contacts.values()]
    return [
        warning(
            text.origin,
            "unreviewed-translation",
            f"Japanese text has never been marked as reviewed (no '{FIELD}')",
            REVIEW_HINT,
        )
        for owner in owners
        for text in iter_texts(owner)
        if text.ja_source is None and is_translated(text)
    ]


@dataclass(frozen=True)
class Reviewed:
    file: Path
    source: str  # the file's new text
    count: int  # texts whose fingerprint was written


def _mappings(node: yaml.Node) -> Iterator[yaml.MappingNode]:
    if isinstance(node, yaml.MappingNode):
        yield node
        for _, value in node.value:
            yield from _mappings(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _mappings(item)


def _fingerprint_edit(source: str, mapping: yaml.MappingNode, value: str) -> Edit:
    quoted = f'"{value}"'
    for key, old in mapping.value:
        if key.value == FIELD:
            space = " " if source[old.start_mark.index - 1] == ":" else ""
            return Edit(old.start_mark.index, old.end_mark.index, space + quoted)
    if mapping.flow_style:
        at = mapping.value[-1][1].end_mark.index
        return Edit(at, at, f", {FIELD}: {quoted}")
    indent = mapping.value[0][0].start_mark.column
    return insert_lines(source, mapping, " " * indent + f"{FIELD}: {quoted}")


def _texts(source: str, file: str) -> tuple[yaml.Node, list[Text]]:
    try:
        node = compose(source)
    except yaml.YAMLError as exc:
        message = f"{file}: invalid YAML; run `{validate_command(Path(file).parent)}`"
        raise BrokenTrees("broken-file", message) from exc
    converted = convert_file(node, file) if node is not None else None
    tree_file, problems = (converted.tree_file, converted.diagnostics) if converted else (None, [])
    if node is None or tree_file is None or has_errors(problems):
        first = f" (first: {min(problems)})" if problems else ""
        raise BrokenTrees("broken-file", f"{file}: fix its errors before marking it reviewed{first}")
    return node, list(iter_texts(tree_file))


def mark_file(path: Path) -> Reviewed:
    """The file with a fresh fingerprint on every translated text (not yet written)."""
    file = str(path)
    source = read_for_edit(path)
    node, texts = _texts(source, file)
    by_place = {(t.origin.line, t.origin.column): t for t in texts}
    edits = []
    for mapping in _mappings(node):
        text = by_place.get((mapping.start_mark.line + 1, mapping.start_mark.column + 1))
        if text is not None and is_translated(text) and text.ja_source != fingerprint(text.en):
            edits.append(_fingerprint_edit(source, mapping, fingerprint(text.en)))
    marked = apply(source, edits)
    _, after = _texts(marked, file)
    expected = [dataclasses.replace(t, ja_source=fingerprint(t.en)) if is_translated(t) else t for t in texts]
    if after != expected:  # never write a file whose texts the edit would change
        raise UsageError("review-edit", f"{file}: adding the fingerprints would change its texts; add them by hand")
    return Reviewed(path, marked, len(edits))


def mark_files(folder: Path, file: Path | None = None) -> list[Reviewed]:
    """Fingerprints every translated text of the folder (or of one file); the files changed.

    Every file is checked before any is written, so a broken file changes nothing.
    """
    try:
        paths = [file] if file is not None else tree_files(folder).files
    except FolderError as exc:
        raise UsageError("trees-folder", str(exc)) from exc
    changed = [reviewed for reviewed in map(mark_file, paths) if reviewed.count]
    for reviewed in changed:
        write_edited(reviewed.file, reviewed.source)
    return changed
