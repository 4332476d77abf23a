"""The package layout is the design: no module imports, even lazily or for
type checking only, a module that imports it back; other packages use only
the modules a package declares in its `__all__`."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "uec_helper"
SUBPACKAGES = sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py"))


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Module -> the uec_helper modules it imports anywhere in its source."""
    modules = {module_name(path): path for path in PACKAGE.glob("**/*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        imported: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("uec_helper"):
                for alias in node.names:  # `from uec_helper.knowledge import cache` imports a module
                    submodule = f"{node.module}.{alias.name}"
                    imported.add(submodule if submodule in modules else node.module)
            elif isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names if alias.name.startswith("uec_helper")}
        graph[name] = {m for m in imported if m in modules and m != name and not name.startswith(m + ".")}
        graph[name] -= {"uec_helper"}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle through each module that lies on one (depth-first search)."""
    found: list[list[str]] = []
    state: dict[str, str] = {}

    def visit(module: str, stack: list[str]) -> None:
        state[module] = "open"
        for target in sorted(graph[module]):
            if state.get(target) == "open":
                found.append([*stack[stack.index(target) :], target])
            elif target not in state:
                visit(target, [*stack, target])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    return found


def test_the_import_graph_has_no_cycles() -> None:
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c", "a"]]


@pytest.mark.parametrize("package", SUBPACKAGES)
def test_other_packages_import_only_a_package_s_declared_modules(package: str) -> None:
    prefix = f"uec_helper.{package}."
    public = {prefix + name for name in importlib.import_module(prefix[:-1]).__all__}
    assert all((PACKAGE / package / f"{name.removeprefix(prefix)}.py").exists() for name in public)
    reaching_in = {
        (module, target)
        for module, targets in import_graph().items()
        if not module.startswith(prefix)
        for target in targets
        if target.startswith(prefix) and target not in public
    }
    assert reaching_in == set(), f"import only what uec_helper.{package}.__all__ declares"
