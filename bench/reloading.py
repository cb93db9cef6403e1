"""Save-to-reload latency under `serve`, measured by bench/reload.py when that script is in the tree."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

# bench/reload.py prints a line per kind of edit: "  page text   content/…/section-1.md   median  180 ms, worst  260 ms …"
KIND_RE = re.compile(
    r"^\s*(?P<label>.+?)\s+(?P<file>\S+/\S+|\S+\.\w+)\s+median\s+(?P<median>[\d.]+)\s*ms,\s*worst\s+(?P<worst>[\d.]+)\s*ms",
    re.M,
)


@dataclass(frozen=True)
class Kind:
    """One kind of edit (a page's text, a stylesheet…): the file saved and its median and worst latency in ms."""

    label: str
    file: str
    median_ms: float
    worst_ms: float


@dataclass(frozen=True)
class Reload:
    """Each kind of edit measured, or a note saying why there are none."""

    kinds: list[Kind] = field(default_factory=list)
    note: str = ""

    @property
    def median_ms(self) -> float | None:
        """The slowest kind's median: the target holds only if every kind of edit meets it."""
        return max((k.median_ms for k in self.kinds), default=None)


def measure_reload(root: Path, quick: bool) -> Reload:
    script = root / "bench" / "reload.py"
    if not script.is_file():
        return Reload(note="not measured (serve not merged)")
    cmd = [sys.executable, str(script)] + (["--edits", "10"] if quick else [])
    try:
        done = subprocess.run(cmd, cwd=root, capture_output=True, text=True, timeout=900)
    except subprocess.TimeoutExpired:
        return Reload(note="bench/reload.py did not finish in 15 minutes")
    if done.returncode:
        return Reload(note=f"bench/reload.py failed (exit {done.returncode}): {tail(done.stderr or done.stdout)}")
    return parse_output(done.stdout)


def parse_output(text: str) -> Reload:
    kinds = [Kind(m["label"].strip(), m["file"], float(m["median"]), float(m["worst"])) for m in KIND_RE.finditer(text)]
    return Reload(kinds) if kinds else Reload(note=f"bench/reload.py printed no median: {tail(text)}")


def tail(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:200] if lines else "(no output)"
