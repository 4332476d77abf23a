"""Prompt libraries cost ~100 ms to import: only a shown prompt may load them;
the helpdesk loads only in helpdesk mode."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import GOOD

PROBE = """
import sys
from uec_helper.cli import main
sys.argv = ["uec-helper", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
loaded = sorted({name.split(".")[0] for name in sys.modules} & {"questionary", "prompt_toolkit", "pydantic"})
print("LOADED:" + ",".join(loaded), file=sys.stderr)
print("HELPDESK:" + str("uec_helper.helpdesk.agent" in sys.modules), file=sys.stderr)
"""


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["list"],
        ["validate", str(GOOD)],
        ["diagnose", "mini", "--answer", "first=done", "--json"],
        ["diagnose", "mini", "--answer", "first=done"],
        ["diagnose", "mini"],  # no TTY: a missing answer is an error, not a prompt
    ],
    ids=lambda args: " ".join(a for a in args if "/" not in a),
)
def test_non_interactive_runs_do_not_import_prompt_libraries(args: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, "--trees", str(GOOD), *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env={"UEC_HELPER_LANG": "en", "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    assert result.stderr.splitlines()[-2:] == ["LOADED:", "HELPDESK:False"]
