"""Load and validate time as the knowledge base grows (in process).

    python benchmarks/scale.py [--sizes 100,1000,10000] [--runs 5]

For each size, writes a synthetic trees folder (benchmarks/synthetic.py) and
reports medians of: a cold load (cache off: read + parse), a warm load (the
content-keyed cache hit; files are still read and hashed), and validation.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from uec_helper.loader import load_folder  # noqa: E402
from uec_helper.validate import check_knowledge  # noqa: E402

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
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"{'nodes':>7} {'files':>6} {'MB':>6} {'cold load ms':>13} {'warm load ms':>13} {'validate ms':>12}")
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["UEC_HELPER_CACHE"] = str(Path(scratch) / "cache")
        for size in (int(s) for s in args.sizes.split(",")):
            folder = Path(scratch) / f"kb-{size}"
            subprocess.run([sys.executable, os.environ.get("SYNTH", str(HERE / "synthetic.py")), str(folder), "--nodes", str(size)], check=True)
            files = list(folder.glob("*.yaml"))
            megabytes = sum(f.stat().st_size for f in files) / 1e6
            os.environ["UEC_HELPER_CACHE"] = "off"
            cold = median_ms(lambda: load_folder(folder), args.runs)
            os.environ["UEC_HELPER_CACHE"] = str(Path(scratch) / "cache")
            loaded = load_folder(folder)  # fill the cache
            assert not [d for d in loaded.diagnostics if d.severity == "error"], loaded.diagnostics[:3]
            warm = median_ms(lambda: load_folder(folder), args.runs)
            check = median_ms(lambda: check_knowledge(loaded.knowledge), args.runs)
            problems = [d for d in check_knowledge(loaded.knowledge) if d.severity == "error"]
            assert not problems, problems[:3]
            print(f"{size:7d} {len(files):6d} {megabytes:6.2f} {cold:13.1f} {warm:13.1f} {check:12.1f}")


if __name__ == "__main__":
    main()
