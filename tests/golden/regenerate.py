"""Regenerate the golden site: `python3 tests/golden/regenerate.py`. Review the diff like code before committing."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from tests.golden.golden import build_golden, golden_files  # noqa: E402


def main() -> None:
    built = build_golden(HERE / "built-tmp")
    expected = HERE / "expected"
    shutil.rmtree(expected, ignore_errors=True)
    for rel, text in golden_files(built).items():
        (expected / rel).parent.mkdir(parents=True, exist_ok=True)
        (expected / rel).write_text(text, encoding="utf-8")
    shutil.rmtree(HERE / "built-tmp")
    print(f"wrote {expected}")


if __name__ == "__main__":
    main()
