"""Save-to-reload latency under `serve`, measured by bench/reload.py when that script is in the tree."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Reload:
    """Median and worst latency in ms, or a note saying why there are none."""

    median_ms: float | None = None
    worst_ms: float | None = None
    runs: int | None = None
    note: str = ""


def measure_reload(root: Path, quick: bool) -> Reload:
    script = root / "bench" / "reload.py"
    if not script.is_file():
        return Reload(note="not measured (serve not merged)")
    help_text = subprocess.run([sys.executable, str(script), "--help"], cwd=root, capture_output=True, text=True).stdout
    cmd = [sys.executable, str(script)] + (["--json"] if "--json" in help_text else [])
    if quick and "--runs" in help_text:
        cmd += ["--runs", "2"]
    try:
        done = subprocess.run(cmd, cwd=root, capture_output=True, text=True, timeout=600)
    except subprocess.TimeoutExpired:
        return Reload(note="bench/reload.py did not finish in 10 minutes")
    if done.returncode:
        return Reload(note=f"bench/reload.py failed (exit {done.returncode}): {tail(done.stderr or done.stdout)}")
    return parse_output(done.stdout)


def parse_output(text: str) -> Reload:
    """A JSON line with median and worst (ms), or failing that `median … ms` and `worst|max … ms` in its text."""
    for line in reversed(text.splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                data = json.loads(line)
            except ValueError:
                continue
            median = pick(data, "median_ms", "median")
            worst = pick(data, "worst_ms", "max_ms", "worst", "max")
            if median is not None:
                return Reload(median, worst, data.get("runs"))
    median = re.search(r"median\D{0,20}?([\d.]+)\s*ms", text, re.I)
    worst = re.search(r"(?:worst|max)\D{0,20}?([\d.]+)\s*ms", text, re.I)
    if median:
        return Reload(float(median.group(1)), float(worst.group(1)) if worst else None)
    return Reload(note=f"bench/reload.py printed no median: {tail(text)}")


def pick(data: dict, *keys: str) -> float | None:
    for key in keys:
        if isinstance(data.get(key), (int, float)):
            return float(data[key])
    return None


def tail(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:200] if lines else "(no output)"
