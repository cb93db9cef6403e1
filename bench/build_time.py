#!/usr/bin/env python3
"""Print how long `build.py build` takes with and without the PDF: the median of N runs (default 5) of each,
as wall-clock time and as CPU time (user + system, steadier on a busy machine).

usage: python3 bench/build_time.py [N]
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def seconds(out: Path, *options: str) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one build."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "build.py", "build", "--out", str(out), *options], cwd=ROOT, check=True, capture_output=True
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for label, options in (("with the PDF", ()), ("--no-pdf", ("--no-pdf",))):
            walls, cpus = zip(*(seconds(Path(tmp) / "site", *options) for _ in range(runs)))
            print(
                f"build {label:12}  wall median {statistics.median(walls):5.2f} s (min {min(walls):5.2f}, max {max(walls):5.2f})"
                f"  CPU median {statistics.median(cpus):5.2f} s  ({runs} runs)"
            )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
