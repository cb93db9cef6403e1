"""Pages the genre's reports bring (an appendix of 名词解释 and its glossary terms, a 附件, several reports of one year
on the home page), in real Chromium: axe-core and the Nu checker find nothing; screenshots at phone and desktop width."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest

from .conftest import served_folder
from .helpers import REPO_ROOT, NewTab, Site, format_violations, run_axe, run_vnu, screenshot, visit

GENRE = REPO_ROOT / "tests/fixtures/genre"
SOURCES = ["05-bailu-2022.txt", "11-liuhe-2024-lines.txt", "03-nanhu-2024-web.txt"]
PAGES = [
    "index.html",
    "2022/appendix-1.html",
    "2022/full.html",
    "2022/part-1/section-2.html",
    "2024/appendix-1.html",
    "glossary/index.html",
    "glossary/yi-jiang-san-jian.html",
]
PHONE_WIDTH, DESKTOP_WIDTH = 390, 1280


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """Three invented reports imported into one project as an editor would, built without the PDF, and served."""
    project = tmp_path_factory.mktemp("genre-site")
    for name in SOURCES:
        run(project, "import", str(GENRE / name))
    run(project, "build", "--no-pdf")
    root = project / "output"
    with served_folder(root) as site:
        yield site


def run(project: object, *args: str) -> None:
    command = [sys.executable, str(REPO_ROOT / "build.py"), *args]
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)  # type: ignore[arg-type]
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("width", [PHONE_WIDTH, DESKTOP_WIDTH])
def test_axe_finds_no_violations(site: Site, new_tab: NewTab, width: int) -> None:
    tab = new_tab(width)
    failures = []
    for rel in PAGES:
        visit(tab, site, rel)
        violations = run_axe(tab) + run_axe(tab, rules=["heading-order", "page-has-heading-one"])
        if violations:
            failures.append(f"{rel}:\n{format_violations(violations)}")
    assert not failures, f"axe-core violations at {width}px:\n" + "\n".join(failures)


def test_html_is_valid(site: Site) -> None:
    errors = run_vnu([site.root], base=site.root)
    assert not errors, f"{len(errors)} HTML validation errors:\n" + "\n".join(errors)


@pytest.mark.parametrize("width", [PHONE_WIDTH, DESKTOP_WIDTH])
def test_screenshots(site: Site, new_tab: NewTab, width: int) -> None:
    tab = new_tab(width)
    for rel in ("index.html", "2022/appendix-1.html"):
        visit(tab, site, rel)
        path = screenshot(tab, f"genre-{rel}-{width}")
        assert path.stat().st_size > 0
