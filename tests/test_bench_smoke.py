"""bench/run.py runs end to end in its tiny mode and writes its tables; it asserts no timings (those are for BENCHMARKS.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_benchmark_runs_and_writes_its_tables(tmp_path: Path) -> None:
    out = tmp_path / "BENCHMARKS.md"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench/run.py"),
            "--quick",
            "--no-mkdocs",
            "--this-python",
            "--no-reload",
            "--write",
            str(out),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    for heading in ("## Machine", "## 1. Full build of the site", "## 2. Scale", "## 4. Page weight", "## Targets"):
        assert heading in text
    assert "| govreport | section page `2023/part-1/section-1.html` |" in text
    assert text.strip() in done.stdout
