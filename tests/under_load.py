"""Run tests while builds keep the machine busy: a flaky test shows itself here, not in CI.

    python3 tests/under_load.py                          # the serve tests, 20 times, beside a build loop
    python3 tests/under_load.py --count 5 tests/browser  # any pytest arguments after the options

A loop of `build.py build` (the PDF included: the heaviest build there is) runs into a temporary folder
beside pytest, which runs with pytest-repeat's `--count` and stops at the first failure (`-x`). The exit
status is pytest's; the loop's builds are counted at the end, so the load can be seen to have been there.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TESTS = ["tests/browser/test_serve.py"]


def build_loop(out: Path, stop: threading.Event, counts: dict[str, int]) -> None:
    """`build.py build` again and again until `stop`; the cache off, so that every build does all the work."""
    env = {**os.environ, "GOVREPORT_CACHE": "off"}
    command = [sys.executable, "build.py", "build", "--out", str(out)]
    while not stop.is_set():
        done = subprocess.run(command, cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        counts["ok" if done.returncode == 0 else "failed"] += 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20, help="how many times each test runs (pytest-repeat)")
    parser.add_argument("--loops", type=int, default=1, help="build loops side by side")
    args, pytest_args = parser.parse_known_args()
    stop = threading.Event()
    counts = {"ok": 0, "failed": 0}
    with tempfile.TemporaryDirectory(prefix="under-load-") as tmp:
        loops = [
            threading.Thread(target=build_loop, args=(Path(tmp, f"out-{i}"), stop, counts)) for i in range(args.loops)
        ]
        for loop in loops:
            loop.start()
        try:
            command = [sys.executable, "-m", "pytest", "-x", "-q", f"--count={args.count}"]
            status = subprocess.run(command + (pytest_args or DEFAULT_TESTS), cwd=REPO_ROOT).returncode
        finally:
            stop.set()
            for loop in loops:
                loop.join()
    print(f"under load: pytest exited {status}; {counts['ok']} builds ran beside it ({counts['failed']} failed)")
    return status


if __name__ == "__main__":
    sys.exit(main())
