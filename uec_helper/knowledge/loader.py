"""Reads a trees folder into a knowledge base, reporting every problem found."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from uec_helper.errors import MessageError
from uec_helper.knowledge import cache
from uec_helper.knowledge.diagnostics import Diagnostic, error
from uec_helper.knowledge.files import NotAFile, TooLarge, kind_of, read_capped
from uec_helper.knowledge.model import Contact, KnowledgeBase, Location, Menu, Outcome, Tree, TreeFile
from uec_helper.ui_text import ui_message

if TYPE_CHECKING:
    import yaml

    from uec_helper.knowledge.schema import Converted

EMPTY_HINT = "add a tree, outcomes or contacts"

# 40 times the largest shipped tree file; YAML nodes cost time and memory
# linearly, so the cap bounds what one hostile file can cost.
MAX_FILE_BYTES = 1024 * 1024
TREE_SUFFIXES = (".yaml", ".yml")


def yaml_loader() -> type:
    """libyaml's loader where present: its composer is several times faster
    than the pure-Python one. Only its composer is used: nodes with line
    numbers, never object construction."""
    import yaml

    loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return loader


class FolderError(MessageError):
    """The trees folder itself cannot be used (missing, not a folder, empty)."""


@dataclass
class Loaded:
    knowledge: KnowledgeBase
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    key: str = ""
    """The cache key of the files' content: what is derived from them (the
    validation, the search index) is cached under it."""


@dataclass(frozen=True)
class Found:
    """The tree files of a folder, and what could not be looked at."""

    files: list[Path]
    problems: list[Diagnostic]


def tree_files(folder: Path) -> Found:
    """Every *.yaml / *.yml file under the folder. Sub-folders that cannot be
    read and entries that are not regular files (a FIFO would block a read
    for ever, a device may never end) are reported, never skipped silently.
    Symlinked folders are not followed (no loops); symlinked files are."""
    if not folder.exists():
        raise FolderError(ui_message("err-trees-not-found", folder=folder))
    if not folder.is_dir():
        raise FolderError(ui_message("err-trees-not-a-folder", folder=folder))
    files: list[Path] = []
    problems: list[Diagnostic] = []
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            with os.scandir(current) as listing:
                entries = list(listing)
        except OSError as exc:
            problems.append(_unreadable(current, "folder", exc))
            continue
        for entry in entries:
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=False):
                pending.append(path)
                continue
            if path.suffix not in TREE_SUFFIXES:
                continue
            try:
                mode = entry.stat().st_mode
            except OSError:  # e.g. a dangling symlink: reading it reports why
                files.append(path)
                continue
            if stat.S_ISREG(mode):
                files.append(path)
            elif not stat.S_ISDIR(mode):
                problems.append(_not_a_file(path, kind_of(mode).en))
    if not files and not problems:
        raise FolderError(ui_message("err-no-tree-files", folder=folder))
    return Found(sorted(files), problems)


def _unreadable(path: Path, what: str, exc: OSError) -> Diagnostic:
    reason = exc.strerror or str(exc)
    return error(Location(str(path)), "unreadable", f"cannot read the {what}: {reason}", "check its permissions")


def _not_a_file(path: Path, kind: str) -> Diagnostic:
    hint = "remove it from the trees folder"
    return error(Location(str(path)), "not-a-file", f"this is {kind}, not a tree file; skipped", hint)


@dataclass(frozen=True)
class Source:
    """A tree file's bytes, or why they could not be read."""

    path: Path
    data: bytes | None
    problem: Diagnostic | None = None


def read_source(path: Path) -> Source:
    try:
        return Source(path, read_capped(path, MAX_FILE_BYTES))
    except TooLarge as exc:
        hint = "split it into several tree files"
        return Source(path, None, error(Location(str(path)), "too-large", str(exc), hint))
    except NotAFile as exc:
        return Source(path, None, _not_a_file(path, exc.kind.en))
    except OSError as exc:
        return Source(path, None, _unreadable(path, "file", exc))


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
    found = tree_files(folder)
    sources = [read_source(path) for path in found.files]
    # What could not be looked at changes between runs without changing any
    # file's bytes (a permission, a FIFO): it is reported, never cached.
    key = cache.cache_key("trees", [(str(s.path), s.data) for s in sources])
    loaded = cache.cached(key, Loaded, lambda: replace(parse_sources(sources), key=key))
    return replace(loaded, diagnostics=found.problems + loaded.diagnostics) if found.problems else loaded


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
    menu: Menu | None = None
    diagnostics: list[Diagnostic] = []
    for tree_file in files:
        if tree_file.tree is not None:
            _add("tree", trees, tree_file.tree, diagnostics)
        for outcome in tree_file.outcomes:
            _add("outcome", outcomes, outcome, diagnostics)
        for contact in tree_file.contacts:
            _add("contact", contacts, contact, diagnostics)
        if tree_file.menu is not None and menu is not None:
            message, hint = "a second menu; a trees folder has one", f"the first is at {menu.origin}"
            diagnostics.append(error(tree_file.menu.origin, "duplicate-menu", message, hint))
        elif tree_file.menu is not None:
            menu = tree_file.menu
    return KnowledgeBase(trees, outcomes, contacts, unusable, menu), diagnostics
