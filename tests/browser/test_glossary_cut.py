"""The Nu checker on a page whose terms are cut by bold, a soft line break and a footnote mark
(tests/test_glossary_cut.py): the term links split around the markup leave the HTML valid."""

from __future__ import annotations

import sys
from pathlib import Path

from .helpers import REPO_ROOT, run_vnu

sys.path.insert(0, str(REPO_ROOT))
from tests.test_glossary_cut import PAGE, TERM_PAGE, site  # noqa: E402


def test_pages_with_cut_terms_are_valid_html(tmp_path: Path) -> None:
    pages = site(tmp_path)
    root = tmp_path / "written"
    for rel in (PAGE, "2023/full.html", TERM_PAGE):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(pages[rel], encoding="utf-8")
    errors = run_vnu([root], base=root)
    assert not errors, f"{len(errors)} HTML validation errors:\n" + "\n".join(errors)
