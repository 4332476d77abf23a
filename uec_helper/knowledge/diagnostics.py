"""Problems found in tree files, reported like a compiler does."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from uec_helper.errors import DiagnosticCode, Message
from uec_helper.knowledge.model import Location
from uec_helper.ui_text import ui_message

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


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate `word` is most likely a typo of, if one is close."""
    close = difflib.get_close_matches(word, sorted(set(candidates)), n=1, cutoff=0.6)
    return close[0] if close else None


def typo_hint(word: str, candidates: Iterable[str]) -> Message:
    """A hint naming the closest candidate, or the valid ones when none is
    close; empty when there are too many to list."""
    close = closest(word, candidates)
    if close is not None:
        return ui_message("err-did-you-mean", close=close)
    pool = sorted(set(candidates))
    if pool and len(pool) <= 12:
        return ui_message("err-expected-one-of", choices=", ".join(pool))
    return Message("")


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """typo_hint in English, for validate's diagnostics (they address tree editors)."""
    return typo_hint(word, candidates).en


def suggestion(word: str, candidates: Iterable[str]) -> Message:
    """typo_hint after the message it ends ("; did you mean 'x'?"), or nothing."""
    hint = typo_hint(word, candidates)
    return ui_message("err-hint", hint=hint) if hint.en else hint


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
