#!/usr/bin/env python3
"""Benchmark: how long importing the 2023 report from a PDF takes (target: under 2 s for about 18 pages). Prints
numbers; asserts nothing.

The PDF is typeset afresh by WeasyPrint, fonts embedded, as tests/fixtures/office/make.py does (the committed
fixture has no font programs; pass --pdf to time another file). It prints the pages, then the median of --runs of
the read alone (pdfplumber and the layout), of read + rules in this process, and of `build.py import` as staff run
it (a fresh Python, start-up included).

python3 bench/import_pdf.py [--runs 5] [--pdf FILE]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OFFICE = ROOT / "tests" / "fixtures" / "office"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(OFFICE))

from govreport.importer.read import read_report  # noqa: E402
from govreport.importer.report import import_source  # noqa: E402


def typeset(folder: Path) -> Path:
    from fixture_pdf import write_pdf
    from fixture_report import load_report

    path = folder / "miaohang-2023.pdf"
    write_pdf(load_report(), path)
    return path


def median_seconds(run: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def command_line(pdf: Path, folder: Path) -> None:
    content = folder / "content"
    subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "import", str(pdf), "--content", str(content)],
        check=True,
        capture_output=True,
    )


def pages(pdf: Path) -> int:
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        return len(document.pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pdf", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pdf = args.pdf or typeset(folder)
        print(f"{pdf.name}: {pages(pdf)} pages, {pdf.stat().st_size // 1024} KB")
        read = median_seconds(lambda: read_report(pdf), args.runs)
        whole = median_seconds(lambda: import_source(read_report(pdf)), args.runs)
        cli = median_seconds(lambda: command_line(pdf, folder), args.runs)
    print(f"read (pdfplumber + layout)       {read:5.2f} s  median of {args.runs}")
    print(f"read + rules, in this process    {whole:5.2f} s")
    print(f"build.py import, fresh Python    {cli:5.2f} s  (target: under 2 s)")


if __name__ == "__main__":
    main()
