"""Errors the command line reports, and the exit codes they map to."""

from __future__ import annotations

from typing import Any

EXIT_OK = 0
EXIT_PROBLEMS = 1  # the trees have errors (validate, or diagnose refusing a broken tree)
EXIT_USAGE = 2  # the command line, an answer or the input is wrong
EXIT_INTERRUPTED = 130  # Ctrl-C


class CliError(Exception):
    """A failure to report in one line (and as JSON with --json)."""

    def __init__(self, code: str, message: str, exit_code: int = EXIT_USAGE, **details: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.exit_code = exit_code
        self.details = details

    def to_json(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message, **self.details}}
