"""Reads a trees folder into a knowledge base, reporting every problem found."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from uec_helper.knowledge import cache
from uec_helper.knowledge.diagnostics import Diagnostic, error
from uec_helper.knowledge.model import Contact, KnowledgeBase, Location, Outcome, Tree, TreeFile

if TYPE_CHECKING:
    import yaml

    from uec_helper.knowledge.schema import Converted

EMPTY_HINT = "add a tree, outcomes or contacts"

MAX_FILE_BYTES = 5 * 1024 * 1024
TREE_SUFFIXES = (".yaml", ".yml")


def yaml_loader() -> type:
    """libyaml's loader where present: its composer is several times faster
    than the pure-Python one. Only its composer is used: nodes with line
    numbers, never object construction."""
    import yaml

    loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return loader


class FolderError(Exception):
    """The trees folder itself cannot be used (missing, not a folder, empty)."""


@dataclass
class Loaded:
    knowledge: KnowledgeBase
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    key: str = ""
    """The cache key of the files' content: what is derived from them (the
    validation, the search index) is cached under it."""


def tree_files(folder: Path) -> list[Path]:
    if not folder.exists():
        raise FolderError(f"{folder}: trees folder not found; pass --trees DIR or set UEC_HELPER_TREES")
    if not folder.is_dir():
        raise FolderError(f"{folder}: not a folder; pass the folder that holds the tree files")
    files = sorted(p for p in folder.rglob("*") if p.suffix in TREE_SUFFIXES and not p.is_dir())
    if not files:
        raise FolderError(f"{folder}: no tree files (*.yaml) found; pass --trees DIR")
    return files


@dataclass(frozen=True)
class Source:
    """A tree file's bytes, or why they could not be read."""

    path: Path
    data: bytes | None
    problem: Diagnostic | None = None


def read_source(path: Path) -> Source:
    here = Location(str(path))
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return Source(
                path,
                None,
                error(
                    here,
                    "too-large",
                    f"file is too large ({size / 1e6:.1f} MB; the limit is {MAX_FILE_BYTES / 1e6:.0f} MB)",
                    "split it into several tree files",
                ),
            )
        return Source(path, path.read_bytes())
    except OSError as exc:
        return Source(
            path, None, error(here, "unreadable", f"cannot read the file: {exc.strerror}", "check its permissions")
        )


def decode(path: Path, data: bytes) -> tuple[str | None, list[Diagnostic]]:
    """The file's text, or the reason it is not a YAML text file."""
    if b"\0" in data:
        hint = "remove it from the trees folder"
        return None, [error(Location(str(path)), "binary", "this is a binary file, not YAML text", hint)]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            error(
                Location(str(path), line, column),
                "encoding",
                f"invalid UTF-8 (byte 0x{data[exc.start]:02x})",
                "save the file as UTF-8",
            )
        ]
    return text.removeprefix("\ufeff"), []


def parse(text: str, file: str) -> Converted:
    # Imported here: a cache hit needs neither YAML nor the converter.
    import yaml

    from uec_helper.knowledge.schema import Converted, convert_file

    if not text.strip():
        return Converted(None, [error(Location(file, 1, 1), "empty", "file is empty", EMPTY_HINT)])
    try:
        node = yaml.compose(text, Loader=yaml_loader())
    except yaml.MarkedYAMLError as exc:
        return Converted(None, [_yaml_error(exc, file, text)])
    except yaml.YAMLError as exc:
        return Converted(None, [error(Location(file, 1, 1), "yaml", f"invalid YAML: {exc}")])
    if node is None:
        return Converted(None, [error(Location(file, 1, 1), "empty", "file has no content", EMPTY_HINT)])
    return convert_file(node, file)


def _yaml_error(exc: yaml.MarkedYAMLError, file: str, text: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = (exc.problem or "syntax error").strip()
    hint = "check the indentation and the ':' after each key"
    lines = text.splitlines()
    if "\t" in problem or (0 < line <= len(lines) and "\t" in lines[line - 1][: column + 1]):
        problem = "a tab character is not allowed here"
        hint = "indent YAML with spaces, not tabs"
    elif "another document" in problem:
        problem = "a second YAML document starts here"
        hint = "a tree file holds one document: remove the extra '---'"
    return error(Location(file, line, column), "yaml", f"invalid YAML: {problem}", hint)


def load_folder(folder: Path) -> Loaded:
    sources = [read_source(path) for path in tree_files(folder)]
    key = cache.cache_key((str(s.path), s.data) for s in sources)
    return cache.cached(key, Loaded, lambda: replace(parse_sources(sources), key=key))


def parse_sources(sources: list[Source]) -> Loaded:
    diagnostics: list[Diagnostic] = []
    parsed: list[TreeFile] = []
    unusable: set[str] = set()
    for source in sources:
        if source.problem is not None:
            diagnostics.append(source.problem)
        if source.data is None:
            continue
        text, problems = decode(source.path, source.data)
        diagnostics += problems
        if text is None:
            continue
        converted = parse(text, str(source.path))
        diagnostics += converted.diagnostics
        unusable |= converted.unusable_ids
        if converted.tree_file is not None:
            parsed.append(converted.tree_file)
    knowledge, problems = index(parsed, frozenset(unusable))
    return Loaded(knowledge, diagnostics + problems, [s.path for s in sources])


class _Identified(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def origin(self) -> Location: ...
    @property
    def spans(self) -> dict[str, Location]: ...


Item = TypeVar("Item", bound=_Identified)


def _add(kind: str, table: dict[str, Item], item: Item, diagnostics: list[Diagnostic]) -> None:
    first = table.get(item.id)
    if first is None:
        table[item.id] = item
        return
    diagnostics.append(
        error(
            item.spans.get("id", item.origin),
            "duplicate-id",
            f"duplicate {kind} id '{item.id}'",
            f"first defined at {first.origin}; rename one",
        )
    )


def index(files: Iterable[TreeFile], unusable: frozenset[str] = frozenset()) -> tuple[KnowledgeBase, list[Diagnostic]]:
    """Gather the files' trees, outcomes and contacts by id; ids are global."""
    trees: dict[str, Tree] = {}
    outcomes: dict[str, Outcome] = {}
    contacts: dict[str, Contact] = {}
    diagnostics: list[Diagnostic] = []
    for tree_file in files:
        if tree_file.tree is not None:
            _add("tree", trees, tree_file.tree, diagnostics)
        for outcome in tree_file.outcomes:
            _add("outcome", outcomes, outcome, diagnostics)
        for contact in tree_file.contacts:
            _add("contact", contacts, contact, diagnostics)
    return KnowledgeBase(trees, outcomes, contacts, unusable), diagnostics
