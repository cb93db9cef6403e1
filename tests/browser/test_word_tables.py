"""A report imported from Word with a table and an image (tests/wordextras.py), in real Chromium: axe-core and the
Nu checker find nothing on the table's pages; at 390 px the table scrolls inside its region and the page does not;
screenshots at phone and desktop width (tests/artifacts/word-table-*.png)."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator

import pytest

from .conftest import served_folder
from .helpers import REPO_ROOT, NewTab, Site, format_violations, run_axe, run_vnu, screenshot, visit

sys.path.insert(0, str(REPO_ROOT))
from tests.cli import build_py  # noqa: E402
from tests.wordextras import word_with_table  # noqa: E402

PAGES = ["2023/part-1/section-1.html", "2023/full.html"]
PHONE_WIDTH, DESKTOP_WIDTH = 390, 1280


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The .docx imported and built as an editor would, with the site's own settings, and served."""
    project = tmp_path_factory.mktemp("word-table-site")
    word_with_table(project / "report.docx", image=True)
    for args in (["import", "report.docx"], ["build", "--no-pdf", "--no-search"]):
        if args[0] == "build":
            shutil.copy(REPO_ROOT / "content" / "index.md", project / "content" / "index.md")
        done = build_py(project, *args)
        assert done.returncode == 0, done.stderr
    root = project / "output"
    with served_folder(root) as site:
        yield site


@pytest.mark.parametrize("width", [PHONE_WIDTH, DESKTOP_WIDTH])
def test_axe_finds_no_violations(site: Site, new_tab: NewTab, width: int) -> None:
    tab = new_tab(width)
    failures = []
    for rel in PAGES:
        visit(tab, site, rel)
        violations = run_axe(tab)
        if violations:
            failures.append(f"{rel}:\n{format_violations(violations)}")
    assert not failures, f"axe-core violations at {width}px:\n" + "\n".join(failures)


def test_html_is_valid(site: Site) -> None:
    errors = run_vnu([site.root / rel for rel in PAGES], base=site.root)
    assert not errors, f"{len(errors)} HTML validation errors:\n" + "\n".join(errors)


def test_on_a_phone_the_table_scrolls_and_the_page_does_not(site: Site, new_tab: NewTab) -> None:
    tab = visit(new_tab(PHONE_WIDTH), site, PAGES[0])
    page_width = tab.evaluate("document.documentElement.scrollWidth")
    region = tab.evaluate(
        "(() => { const r = document.querySelector('.table-scroll'); return [r.scrollWidth, r.clientWidth]; })()"
    )
    assert page_width <= PHONE_WIDTH
    assert region[0] > region[1], "the table fits: make it wider to test the scrolling"


@pytest.mark.parametrize("width", [PHONE_WIDTH, DESKTOP_WIDTH])
def test_screenshots(site: Site, new_tab: NewTab, width: int) -> None:
    tab = visit(new_tab(width), site, PAGES[0])
    tab.locator(".table-scroll").scroll_into_view_if_needed()
    path = screenshot(tab, f"word-table-{width}")
    region = path.with_name(f"word-table-region-{width}.png")
    tab.locator(".table-scroll").screenshot(path=str(region))
    assert path.stat().st_size > 0 and region.stat().st_size > 0
