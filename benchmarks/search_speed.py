"""Search speed, in process and as a whole process.

    python benchmarks/search_speed.py [--outcomes 10000] [--runs 15]

1. In process: writes a synthetic knowledge base (benchmarks/synthetic.py),
   loads it, builds the index, then times each query many times (median and
   worst of the medians, after loading and building).
2. Whole process: `uec-helper search QUERY` against the shipped trees versus
   `uec-helper --help`, medians of --runs runs, interleaved so machine noise
   hits both alike (hyperfine is used instead when it is installed).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from startup import time_once
from synthetic import EN_WORDS, write

from uec_helper.knowledge.loader import load_folder
from uec_helper.search.index import SearchIndex
from uec_helper.search.lookup import MAX_QUERY_CHARS
from uec_helper.search.text import may_say_fine, normalize, ruled_out

EXE = shutil.which("uec-helper") or str(Path(sys.executable).parent / "uec-helper")
QUERIES = [
    "forgot my password",
    "pasword reset for the wireless network",
    "printer queue error on campus",
    "パスワードを忘れた",
    "自宅から学内ネットワークにつなぎたい",
    "webclas login",
    " ".join(EN_WORDS[:12]),
]
# The longest query a caller may give, in shapes that once made the
# what-is-fine scan (text.ruled_out) quadratic: no clause break, no marker
# after a first "済 ok" (without a fine word or a marker the scan is skipped).
LONGEST = [
    ("済 ok " + shape * (MAX_QUERY_CHARS // len(shape)))[:MAX_QUERY_CHARS]
    for shape in ("a", "あ", "パスワード", "is ", " ", "a,")
]
WHOLE_QUERIES = ["forgot my password", "パスワードを忘れた"]


def in_process(outcomes: int, repeats: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        files = write(Path(folder), outcomes, 20, 4)
        start = time.perf_counter()
        kb = load_folder(Path(folder)).knowledge
        loaded = time.perf_counter()
        index = SearchIndex(kb)
        built = time.perf_counter()
    print(f"synthetic: {outcomes} outcomes, {len(kb.trees)} trees in {files} files")
    print(
        f"load {1000 * (loaded - start):.0f} ms, index build {1000 * (built - loaded):.0f} ms "
        f"({len(index.documents)} documents, {len(index.postings)} features)"
    )
    print(f"{'query':45} {'median ms':>10} {'max ms':>8} {'hits':>5}")
    medians = []
    for query in QUERIES:
        times = []
        for _ in range(repeats):
            begin = time.perf_counter()
            hits = index.search(query, "en", 5)
            times.append(1000 * (time.perf_counter() - begin))
        medians.append(statistics.median(times))
        print(f"{query[:45]:45} {medians[-1]:10.2f} {max(times):8.2f} {len(hits):5}")
    print(f"worst median: {max(medians):.2f} ms (budget 20 ms)")
    scans = []
    assert all(may_say_fine(normalize(query)) for query in LONGEST), "a shape the scan skips measures nothing"
    for query in LONGEST:
        times = []
        for _ in range(repeats):
            begin = time.perf_counter()
            ruled_out(query)
            times.append(1000 * (time.perf_counter() - begin))
        scans.append(statistics.median(times))
    print(f"what-is-fine scan of a {MAX_QUERY_CHARS}-character query, worst shape: {max(scans):.2f} ms")


def _loop(commands: dict[str, list[str]], runs: int) -> dict[str, float]:
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for command in commands.values():  # warm the file cache and .pyc files
        time_once(command)
    for _ in range(runs):
        for name, command in commands.items():
            samples[name].append(time_once(command))
    return {name: statistics.median(times) for name, times in samples.items()}


def _hyperfine(commands: dict[str, list[str]], runs: int, hyperfine: str) -> dict[str, float]:
    with tempfile.NamedTemporaryFile(suffix=".json") as export:
        subprocess.run(
            [
                hyperfine,
                "-N",
                "--warmup",
                "3",
                "--runs",
                str(runs),
                "--export-json",
                export.name,
                *(" ".join(f"'{word}'" for word in command) for command in commands.values()),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            env={**os.environ, "UEC_HELPER_LANG": "en"},
        )
        results = json.loads(Path(export.name).read_text())["results"]
    return {name: r["median"] for name, r in zip(commands, results, strict=True)}


def whole_process(runs: int, use_hyperfine: bool) -> None:
    commands = {"uec-helper --help": [EXE, "--help"]}
    for query in WHOLE_QUERIES:
        commands[f"uec-helper search '{query}'"] = [EXE, "search", query]
        commands[f"uec-helper search '{query}' --json"] = [EXE, "search", query, "--json"]
    hyperfine = shutil.which("hyperfine") if use_hyperfine else None
    medians = _hyperfine(commands, runs, hyperfine) if hyperfine else _loop(commands, runs)
    base = medians["uec-helper --help"]
    print(f"\nwhole process ({'hyperfine' if hyperfine else 'subprocess loop'}, {runs} runs, medians)")
    print(f"{'command':50} {'median ms':>10} {'x --help':>9}")
    for name, median in medians.items():
        print(f"{name:50} {1000 * median:10.1f} {median / base:9.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--outcomes", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=50, help="times each query runs in process")
    parser.add_argument("--runs", type=int, default=15, help="runs of each whole-process command")
    parser.add_argument("--no-hyperfine", action="store_true", help="time with a subprocess loop")
    args = parser.parse_args()
    in_process(args.outcomes, args.repeats)
    whole_process(args.runs, not args.no_hyperfine)


if __name__ == "__main__":
    main()
