"""Plain lines for scripts and logs: JSON on stdout; warnings, errors and
skipped-line diagnostics on stderr, the one route there. Their texts quote
data (tree texts, paths, log lines): what would steer the terminal is
dropped (screen.printable)."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any, TextIO

from uec_helper.terminal.screen import STEERING, printable

if TYPE_CHECKING:  # the module starts every command: only what it needs to run
    from uec_helper.knowledge.diagnostics import Diagnostic


def print_json(data: Any) -> None:
    """JSON as readable UTF-8; json escapes C0 controls itself, and the C1
    controls and bidi overrides it would leave raw are escaped too (`\\u009b`):
    the same data, nothing that steers a terminal."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    print(STEERING.sub(lambda found: f"\\u{ord(found.group()):04x}", text))


def warn(message: str) -> None:
    print(printable(f"uec-helper: warning: {message}"), file=sys.stderr)


def note_line(message: str) -> None:
    """A line on how the command read its input (the walk follows the query's language)."""
    print(printable(f"uec-helper: {message}"), file=sys.stderr)


def warn_skipped(diagnostic: Diagnostic) -> None:
    """A skipped input line, as `file:line:col: warning: …` like validate."""
    print(printable(str(diagnostic)), file=sys.stderr)


def can_show(text: str, stream: TextIO) -> bool:
    """Whether the stream's encoding has every character of `text` (an
    ASCII-only stderr escapes what it has not: unreadable, not an error)."""
    try:
        text.encode(getattr(stream, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def error_line(message: str) -> None:
    print(printable(f"uec-helper: error: {message}"), file=sys.stderr)


def interrupted_line(message: str) -> None:
    print(f"\nuec-helper: {printable(message)}", file=sys.stderr)
