"""Whole-process start-up: uec-helper commands against the import floor.

    python benchmarks/startup.py [--runs N] [--against OTHER/.venv/bin/uec-helper] [--instructions]

Runs every command N times, interleaved so that machine noise hits them
alike, and prints medians and the ratio to the floor measured in the same
run: `python -c "import typer, rich.console, yaml"`. With --against, every
command also runs with another installation (an older checkout's own
virtualenv), interleaved with this one: a before/after in one run.

--instructions counts the instructions of one run of each command instead
(valgrind's callgrind, the whole process): steady to a fraction of a percent
where wall-clock time on a shared machine moves by tens of percent.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
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
    "uec-helper validate": [EXE, "validate"],  # the shipped trees of the installation
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


def instructions(command: list[str]) -> int:
    """The instructions one run executes, under callgrind (a fixed hash seed: the same work every time)."""
    with tempfile.TemporaryDirectory() as scratch:
        counts = Path(scratch) / "callgrind.out"
        subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={counts}", *command],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
            env={**os.environ, "UEC_HELPER_LANG": "en", "PYTHONHASHSEED": "0"},
        )
        summary = next(line for line in counts.read_text().splitlines() if line.startswith("summary:"))
        return int(summary.split()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--against", metavar="EXE", help="another uec-helper executable to compare with")
    parser.add_argument("--instructions", action="store_true", help="count instructions (valgrind) instead of time")
    args = parser.parse_args()
    commands: dict[str, list[str]] = {}
    for name, command in COMMANDS.items():  # each command next to its twin: the same noise hits both
        commands[name] = command
        if args.against and command[0] == EXE:
            commands[f"{name} [against]"] = [args.against, *command[1:]]
    for command in commands.values():  # warm the file cache, .pyc files and uec-helper's own cache
        time_once(command)
    if args.instructions:
        counts = {name: instructions(command) for name, command in commands.items()}
        floor_count = counts[next(iter(commands))]
        print(f"{'command':55} {'M instr.':>10} {'x floor':>8}")
        for name, count in counts.items():
            print(f"{name:55} {count / 1e6:10.1f} {count / floor_count:8.2f}")
        return
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            samples[name].append(time_once(command))
    floor = statistics.median(samples[next(iter(commands))])
    print(f"{'command':55} {'median ms':>10} {'x floor':>8}")
    for name, times in samples.items():
        median = statistics.median(times)
        print(f"{name:55} {median * 1000:10.1f} {median / floor:8.2f}")


if __name__ == "__main__":
    main()
