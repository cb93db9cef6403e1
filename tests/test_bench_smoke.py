"""bench/run.py runs end to end in its tiny mode and writes its tables; it asserts no timings (those are for BENCHMARKS.md)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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
            "--hugo" if shutil.which("hugo") else "--no-hugo",
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


def test_hugo_project_has_our_pages_and_builds_when_hugo_is_installed(tmp_path: Path) -> None:
    """bench/corpus.py makes a Hugo project of the same Markdown; with Hugo installed, its pages have what ours have."""
    sys.path.insert(0, str(ROOT / "bench"))
    import corpus

    config = corpus.make_hugo_project(ROOT / "content", tmp_path / "hugo")
    section = (tmp_path / "hugo" / "content" / "2023" / "part-1" / "section-1.md").read_text(encoding="utf-8")
    assert config.name == "hugo.toml" and (tmp_path / "hugo" / "content" / "2023" / "_index.md").is_file()
    assert section.startswith("---\n") and "weight: 1" in section and "\n## " not in section
    hugo = shutil.which("hugo")
    if hugo is None:
        pytest.skip("hugo is not installed (apt-get install -y hugo)")
    subprocess.run([hugo, "--quiet", "-s", str(tmp_path / "hugo"), "-d", str(tmp_path / "out")], check=True)
    page = (tmp_path / "out" / "2023" / "part-1" / "section-4" / "index.html").read_text(encoding="utf-8")
    for feature in ('class="toc-nav"', 'aria-current="page"', 'rel="prev"', 'rel="next"', 'class="footnotes"'):
        assert feature in page, feature
    assert (tmp_path / "out" / "2023" / "full.html").is_file()
