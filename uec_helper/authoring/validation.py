"""What `validate` reports for a trees folder, and what publishing checks.

A light module: `validate` on unchanged trees reads both the parsed trees and
the validator's findings from the cache, so the validator (and the graphs it
builds) is imported only on a miss."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from uec_helper.knowledge import cache
from uec_helper.knowledge.base import load
from uec_helper.knowledge.diagnostics import Diagnostic
from uec_helper.knowledge.model import KnowledgeBase


def validate_folder(folder: Path, strict: bool = False) -> list[Diagnostic]:
    """Every problem, sorted; `strict` adds unreviewed translations and makes warnings errors."""
    loaded = load(folder)
    key = cache.cache_key("validation", [("trees", loaded.key.encode())])
    diagnostics = loaded.diagnostics + cache.cached(key, list, lambda: _check(loaded.knowledge))
    if strict:
        from uec_helper.authoring.review import unreviewed

        diagnostics = [replace(d, severity="error") for d in diagnostics + unreviewed(loaded.knowledge)]
    return sorted(diagnostics)


def _check(kb: KnowledgeBase) -> list[Diagnostic]:
    from uec_helper.knowledge.validate import check_knowledge

    return check_knowledge(kb)
