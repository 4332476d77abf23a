"""Keystrokes and screen helpers shared by the prompt and real-terminal tests."""

from __future__ import annotations

import re
import sys
from pathlib import Path

DOWN = "\x1b[B"
UP = "\x1b[A"
ENTER = "\r"
CTRL_C = "\x03"
CTRL_D = "\x04"

ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[=>]")

EXE = Path(sys.executable).parent / "uec-helper"  # the console script of the venv under test
TIMEOUT = 10  # seconds for pexpect to see a screen; generous for a loaded 2-core CI
