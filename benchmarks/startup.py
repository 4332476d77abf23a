"""Whole-process start-up: uec-helper commands against the import floor.

    python benchmarks/startup.py [--runs N]

Runs every command N times, interleaved so that machine noise hits them
alike, and prints medians and the ratio to the floor measured in the same
run: `python -c "import typer, rich.console, yaml"`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXE = shutil.which("uec-helper") or str(Path(sys.executable).parent / "uec-helper")

COMMANDS: dict[str, list[str]] = {
    "floor: import typer, rich.console, yaml": [sys.executable, "-c", "import typer, rich.console, yaml"],
    "uec-helper --help": [EXE, "--help"],
    "uec-helper list": [EXE, "list"],
    "uec-helper diagnose (scripted, --json)": [
        EXE,
        "diagnose",
        "webclass-login",
        "--answer",
        "cause=forgot-password",
        "--json",
    ],
    "uec-helper validate": [EXE, "validate", str(ROOT / "trees")],
    "uec-helper search --json": [EXE, "search", "forgot my password", "--json"],
    "uec-helper diagnose --agent (scripted)": [
        EXE,
        "diagnose",
        "webclass-login",
        "--agent",
        "--answer",
        "cause=forgot-password",
        "--resolution",
        "yes",
        "--json",
    ],
}


def time_once(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
        env={**os.environ, "UEC_HELPER_LANG": "en"},
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    samples: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for command in COMMANDS.values():  # warm the file cache and .pyc files
        time_once(command)
    for _ in range(args.runs):
        for name, command in COMMANDS.items():
            samples[name].append(time_once(command))
    floor = statistics.median(samples[next(iter(COMMANDS))])
    print(f"{'command':45} {'median ms':>10} {'x floor':>8}")
    for name, times in samples.items():
        median = statistics.median(times)
        print(f"{name:45} {median * 1000:10.1f} {median / floor:8.2f}")


if __name__ == "__main__":
    main()
