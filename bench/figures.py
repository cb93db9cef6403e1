"""What the figures (数说, issue 18) cost: the 2023 figures page's weight with all it loads (gzipped), and the build
time they add to the 2023 site (median of --runs builds with and without content/2023/figures.yml, taking turns)."""

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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from weight import page_weight  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def build_seconds(content: Path, out: Path) -> float:
    env = {**os.environ, "GOVREPORT_CACHE": "off"}
    command = [
        sys.executable,
        str(ROOT / "build.py"),
        "build",
        "--no-pdf",
        "--content",
        str(content),
        "--out",
        str(out),
    ]
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        with_figures, without = Path(tmp) / "with" / "content", Path(tmp) / "without" / "content"
        shutil.copytree(ROOT / "content", with_figures)
        shutil.copytree(ROOT / "content", without)
        (without / "2023" / "figures.yml").unlink()
        times: dict[str, list[float]] = {"with": [], "without": []}
        for _ in range(runs):
            times["with"].append(build_seconds(with_figures, Path(tmp) / "out-with"))
            times["without"].append(build_seconds(without, Path(tmp) / "out-without"))
        weight = page_weight(Path(tmp) / "out-with", "2023/figures.html")
    a, b = statistics.median(times["with"]), statistics.median(times["without"])
    print(
        f"2023 figures page: {weight.total} B gzipped with all it loads (HTML {weight.html}, CSS {weight.css}, "
        f"JS {weight.js}), {weight.requests} requests, {weight.third_party} third-party"
    )
    print(
        f"build (median of {runs}, --no-pdf, cache off): {b * 1000:.0f} ms without figures, {a * 1000:.0f} ms "
        f"with: {(a - b) * 1000:+.0f} ms; load {os.getloadavg()[0]:.2f}"
    )


if __name__ == "__main__":
    main()
