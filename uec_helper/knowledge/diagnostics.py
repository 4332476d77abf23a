"""Problems found in tree files, reported like a compiler does."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from uec_helper.errors import DiagnosticCode
from uec_helper.knowledge.model import Location

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    location: Location
    severity: Severity
    code: DiagnosticCode
    message: str
    hint: str = ""

    def __str__(self) -> str:
        hint = f" ({self.hint})" if self.hint else ""
        return f"{self.location}: {self.severity}: {self.message}{hint} [{self.code}]"

    def to_json(self) -> dict[str, object]:
        return {
            **self.location.to_json(),
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


def error(location: Location, code: DiagnosticCode, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(location, "error", code, message, hint)


def warning(location: Location, code: DiagnosticCode, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(location, "warning", code, message, hint)


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A hint naming the closest candidate, or the valid ones when none is close."""
    pool = sorted(set(candidates))
    close = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    if pool and len(pool) <= 12:
        return "expected one of: " + ", ".join(pool)
    return ""


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity == "error" for d in diagnostics)


def summary(diagnostics: list[Diagnostic]) -> str:
    errors = sum(d.severity == "error" for d in diagnostics)
    warnings = len(diagnostics) - errors
    files = len({d.location.file for d in diagnostics})
    if not diagnostics:
        return "no problems found"

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    return f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in {plural(files, 'file')}"
