"""Load and validate time as the knowledge base grows (in process).

    python benchmarks/scale.py [--outcomes 80,800,8000] [--runs 5]

For each size, writes a synthetic trees folder (benchmarks/synthetic.py; 80,
800 and 8,000 outcomes make about 100, 1,000 and 10,000 nodes, questions and
outcomes counted) and reports medians of: a cold load (cache off: read and
parse), a warm load (the content-keyed cache hit; every file is still read
and hashed), validation of the loaded model, and `uec-helper validate`'s
whole in-process work on a warm cache (load, plus the validation cached
under the content key).
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from uec_helper.authoring.validation import validate_folder
from uec_helper.knowledge.loader import load_folder
from uec_helper.knowledge.validate import check_knowledge

HERE = Path(__file__).resolve().parent


def median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--outcomes", default="80,800,8000")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(
        f"{'nodes':>7} {'files':>6} {'MB':>6} {'cold load ms':>13} {'warm load ms':>13} {'validate ms':>12}"
        f" {'warm + validate':>16} {'validate cmd, warm':>19}"
    )
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["UEC_HELPER_CACHE"] = str(Path(scratch) / "cache")
        for size in (int(s) for s in args.outcomes.split(",")):
            folder = Path(scratch) / f"kb-{size}"
            generator = [sys.executable, str(HERE / "synthetic.py"), str(folder), "--outcomes", str(size)]
            subprocess.run(generator, check=True, stdout=subprocess.DEVNULL)
            files = list(folder.glob("*.yaml"))
            megabytes = sum(f.stat().st_size for f in files) / 1e6
            os.environ["UEC_HELPER_CACHE"] = "off"
            cold = median_ms(functools.partial(load_folder, folder), args.runs)
            os.environ["UEC_HELPER_CACHE"] = str(Path(scratch) / "cache")
            loaded = load_folder(folder)  # fill the cache
            assert not [d for d in loaded.diagnostics if d.severity == "error"], loaded.diagnostics[:3]
            warm = median_ms(functools.partial(load_folder, folder), args.runs)
            check = median_ms(functools.partial(check_knowledge, loaded.knowledge), args.runs)
            validate_folder(folder)  # fill the validation cache
            command = median_ms(functools.partial(validate_folder, folder), args.runs)
            problems = [d for d in check_knowledge(loaded.knowledge) if d.severity == "error"]
            assert not problems, problems[:3]
            kb = loaded.knowledge
            nodes = len(kb.outcomes) + sum(len(t.questions) for t in kb.trees.values())
            print(
                f"{nodes:7d} {len(files):6d} {megabytes:6.2f} {cold:13.1f} {warm:13.1f} {check:12.1f}"
                f" {warm + check:16.1f} {command:19.1f}"
            )


if __name__ == "__main__":
    main()
