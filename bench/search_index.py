#!/usr/bin/env python3
"""Benchmark: what the search index adds to a build, in seconds and bytes. Prints numbers; asserts nothing.

python3 bench/search_index.py [--runs 5] [--content content]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from govreport.searchindex import BUNDLE  # noqa: E402
from govreport.site import BuildOptions, build_site  # noqa: E402


def timed_build(content: Path, out: Path, search: bool) -> float:
    started = time.perf_counter()
    build_site(BuildOptions(content=content, out=out, search=search))
    return time.perf_counter() - started


def sizes(bundle: Path) -> dict[str, int]:
    """Bytes of the index data (fetched per query) and of the runtime (fetched once)."""
    files = [p for p in bundle.rglob("*") if p.is_file()]
    runtime = sum(p.stat().st_size for p in files if p.suffix in (".js", ".pagefind"))
    total = sum(p.stat().st_size for p in files)
    return {"files": len(files), "total": total, "runtime": runtime, "index": total - runtime}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--content", type=Path, default=Path("content"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "site"
        timings = {flag: [timed_build(args.content, out, flag) for _ in range(args.runs)] for flag in (False, True)}
        measured = sizes(out / BUNDLE)
    without, with_search = statistics.median(timings[False]), statistics.median(timings[True])
    print(f"build without search: {without:.3f} s (median of {args.runs})")
    print(f"build with search:    {with_search:.3f} s (median of {args.runs})")
    print(f"search adds:          {with_search - without:.3f} s")
    print(
        f"bundle: {measured['files']} files, {measured['total']:,} bytes = "
        f"runtime (pagefind.js, worker, wasm) {measured['runtime']:,} + index {measured['index']:,}"
    )


if __name__ == "__main__":
    main()
