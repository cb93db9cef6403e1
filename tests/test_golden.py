"""A small content folder builds into exactly the expected tree (regenerate: `python3 tests/golden/regenerate.py`)."""

from __future__ import annotations

import difflib
from pathlib import Path

from tests.golden.golden import HERE, build_golden, golden_files


def test_golden_site(tmp_path: Path) -> None:
    built = golden_files(build_golden(tmp_path / "site"))
    expected = {
        p.relative_to(HERE / "expected").as_posix(): p.read_text(encoding="utf-8")
        for p in sorted((HERE / "expected").rglob("*"))
        if p.is_file()
    }
    assert sorted(built) == sorted(expected), "the set of pages changed; regenerate if intended"
    diffs = [
        "".join(
            difflib.unified_diff(expected[k].splitlines(True), built[k].splitlines(True), f"expected/{k}", f"built/{k}")
        )
        for k in expected
        if expected[k] != built[k]
    ]
    assert not diffs, (
        "golden site differs (regenerate with `python3 tests/golden/regenerate.py` if intended):\n"
        + "\n".join(diffs)[:20000]
    )
