"""The one registry of error and diagnostic codes, the domain errors and
their exit codes.

Modules raise these errors and never exit; `cli.main` is the one place that
turns them (and OSError, click's usage errors, Ctrl-C) into the one-line
message, the JSON error and the exit code.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal, get_args

EXIT_OK = 0
EXIT_PROBLEMS = 1  # the trees have errors (validate, or diagnose refusing a broken tree)
EXIT_USAGE = 2  # the command line, an answer or the input is wrong
EXIT_INTERRUPTED = 130  # Ctrl-C

# What a failed command reports as `{"error": {"code": …}}`. The README lists
# each one (tests/test_errors.py keeps the two in step).
ErrorCode = Literal[
    # diagnose: answers and trees
    "missing-answer",
    "invalid-answer",
    "unknown-tree",
    "unknown-question",
    "missing-tree",
    "malformed-answer",
    "answers-file",
    "duplicate-answer",
    "broken-tree",
    "no-input",
    # diagnose --query and search
    "no-match",
    "empty-query",
    # helpdesk mode
    "agent-only",
    "escalated-only",
    "unknown-contact",
    "invalid-resolution",
    "note-file",
    # any command
    "usage",
    "invalid-lang",
    "trees-folder",
    "log-file",
    "file-error",
    "output",
    # editor commands
    "invalid-format",
    "export-what",
    "file-exists",
    "invalid-id",
    "duplicate-id",
    "broken-file",
    "unreadable-file",
    "review-edit",
    "scaffold",
]
ERROR_CODES: tuple[ErrorCode, ...] = get_args(ErrorCode)
# The codes raised as BrokenTrees (exit 1); every other one is a UsageError.
BROKEN_TREE_CODES: frozenset[ErrorCode] = frozenset({"broken-tree", "broken-file", "unreadable-file"})

# What `validate` reports in `[code]` after a problem in a tree file (and
# `stats` after a skipped log line).
DiagnosticCode = Literal[
    # reading the file
    "unreadable",
    "not-a-file",
    "too-large",
    "binary",
    "encoding",
    "empty",
    "yaml",
    "alias",
    "duplicate-key",
    # the schema
    "top-level",
    "type",
    "missing-key",
    "unknown-key",
    "id",
    "missing-language",
    "placeholder",
    "control-character",
    "address",
    # the graph
    "duplicate-id",
    "duplicate-title",
    "missing-question",
    "missing-outcome",
    "missing-tree",
    "missing-contact",
    "broken-definition",
    "dead-end",
    "two-targets",
    "too-few-choices",
    "too-many-choices",
    "too-many-items",
    "unreachable",
    "cycle",
    "question-id-clash",
    "too-deep",
    "unused-contact",
    "no-way-to-act",
    "duplicate-menu",
    "not-in-menu",
    # translations
    "stale-translation",
    "unreviewed-translation",
    # the session log
    "malformed-record",
]
DIAGNOSTIC_CODES: tuple[DiagnosticCode, ...] = get_args(DiagnosticCode)


class UecError(Exception):
    """A failure to report in one line, and as JSON with --json; `details`
    are the extra fields of the JSON error."""

    exit_code: ClassVar[int] = EXIT_USAGE

    def __init__(self, code: ErrorCode, message: str, **details: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details

    def to_json(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message, **self.details}}


class UsageError(UecError):
    """The command line, an answer or an input file is wrong (exit 2)."""


class BrokenTrees(UecError):
    """The trees have errors, so the command cannot use them (exit 1)."""

    exit_code = EXIT_PROBLEMS


class Interrupted(Exception):
    """Ctrl-C (or the terminal closing) ended the command, after whatever
    must survive it was saved: `message` says so in the screen's language,
    `warnings` what could not be saved (exit 130)."""

    exit_code: ClassVar[int] = EXIT_INTERRUPTED

    def __init__(self, message: str, warnings: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.warnings = warnings or []
