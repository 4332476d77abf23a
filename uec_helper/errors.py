"""The one registry of error and diagnostic codes, the domain errors and
their exit codes.

Modules raise these errors and never exit; `cli.main` is the one place that
turns them (and OSError, click's usage errors, Ctrl-C) into the one-line
message, the JSON error and the exit code.

What a user of `diagnose`, `search`, `show`, `list` and `stats` meets has a
Japanese message too (ui_text.ui_message), shown in the command's language;
the editor commands' messages, which address tree editors, are English only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Literal, get_args

from uec_helper.knowledge.model import Lang

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


@dataclass(frozen=True)
class Message:
    """An error's words in English and, unless it has none of its own (an
    editor command's message, a path and the system's reason), Japanese."""

    en: str
    ja: str | None = None

    def get(self, lang: Lang) -> str:
        return self.ja if lang == "ja" and self.ja is not None else self.en

    def __add__(self, other: Message) -> Message:
        if self.ja is None and other.ja is None:
            return Message(self.en + other.en)
        return Message(self.en + other.en, self.get("ja") + other.get("ja"))


class MessageError(Exception):
    """A failure below the commands whose words the caller turns into a UecError."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.en)
        self.text = message


class UecError(Exception):
    """A failure to report in one line, and as JSON with --json; `details`
    are the extra fields of the JSON error. `message` is the English text
    (scripts match it); `text` has the Japanese too, and `lang`, once a walk
    has a language, is the one to show it in (else the command's)."""

    exit_code: ClassVar[int] = EXIT_USAGE

    def __init__(self, code: ErrorCode, message: str | Message, **details: Any) -> None:
        self.text = message if isinstance(message, Message) else Message(message)
        super().__init__(self.text.en)
        self.code = code
        self.message = self.text.en
        self.details = details
        self.lang: Lang | None = None

    def to_json(self, lang: Lang = "en") -> dict[str, Any]:
        """`message` in English always; in Japanese, the same as `message_ja` too."""
        shown = {"message_ja": self.text.ja} if lang == "ja" and self.text.ja is not None else {}
        return {"error": {"code": self.code, "message": self.message, **shown, **self.details}}


class UsageError(UecError):
    """The command line, an answer or an input file is wrong (exit 2)."""


class BrokenTrees(UecError):
    """The trees have errors, so the command cannot use them (exit 1)."""

    exit_code = EXIT_PROBLEMS


class Quit(Exception):
    """The person picked Quit (`q`) at a menu: the command ends as asked, once
    the session is logged, with nothing more to say (exit 0). Not Ctrl-C's
    interruption: a deliberate end."""

    exit_code: ClassVar[int] = EXIT_OK


class Interrupted(Exception):
    """Ctrl-C (or the terminal closing) ended the command, after whatever
    must survive it was saved: `message` says so in the screen's language,
    `warnings` what could not be saved (exit 130)."""

    exit_code: ClassVar[int] = EXIT_INTERRUPTED

    def __init__(self, message: str, warnings: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.warnings = warnings or []
