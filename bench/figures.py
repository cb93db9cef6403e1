"""What the figures (数说, issue 18) cost: the 2023 figures page's weight with all it loads (gzipped), and the build
time they add to the 2023 site (median of --runs builds with and without content/2023/figures.yml, taking turns; CPU
time of the build process and its children, which a busy machine disturbs less than wall time),
with the build cache warm (compiled templates and pinyin kept, as `build.py build` runs by default) and off."""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from weight import page_weight  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def build_seconds(content: Path, out: Path, cache: str) -> float:
    env = {**os.environ, "GOVREPORT_CACHE": cache}
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
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=True, capture_output=True, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        with_figures, without = Path(tmp) / "with" / "content", Path(tmp) / "without" / "content"
        shutil.copytree(ROOT / "content", with_figures)
        shutil.copytree(ROOT / "content", without)
        (without / "2023" / "figures.yml").unlink()
        warm = str(Path(tmp) / "cache")
        for content in (with_figures, without):  # fill the cache once, for both
            build_seconds(content, Path(tmp) / "out-prime", warm)
        times: dict[tuple[str, str], list[float]] = {}
        for _ in range(runs):
            for cache, name in ((warm, "warm"), ("off", "off")):
                for content in (with_figures, without):
                    seconds = build_seconds(content, Path(tmp) / f"out-{content.parent.name}", cache)
                    times.setdefault((name, content.parent.name), []).append(seconds)
        weight = page_weight(Path(tmp) / "out-with", "2023/figures.html")
    print(
        f"2023 figures page: {weight.total} B gzipped with all it loads (HTML {weight.html}, CSS {weight.css}, "
        f"JS {weight.js}), {weight.requests} requests, {weight.third_party} third-party"
    )
    for name in ("warm", "off"):
        a, b = statistics.median(times[name, "with"]), statistics.median(times[name, "without"])
        print(
            f"build CPU time (median of {runs}, --no-pdf, cache {name}): {b * 1000:.0f} ms without figures, {a * 1000:.0f} ms "
            f"with: {(a - b) * 1000:+.0f} ms"
        )
    print(f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
