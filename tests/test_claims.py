"""One owner per published path: a page, glossary entry or report that would replace another file of the site is
refused with both claimants named, by build and check alike, and output/ stays as it was."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.sitecheck import tree_digest
from tests.test_errors import built_project, project, replace, run  # noqa: F401 - fixtures shared with the catalogue


def write(rel: str, text: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")

    return change


def copy_report(folder: str) -> Callable[[Path], None]:
    return lambda root: shutil.copytree(root / "content/2099", root / "content" / folder)


PAGE = "---\ntitle: 搜索帮助\n---\n\n# 搜索帮助\n\n怎样搜索。\n"
TERM_INDEX = "---\nterm: 破折号\nslug: index\nsource:\n  report: 2099\n---\n\n普通段落没有要点\n"
SAME_SLUG = "title: 政府工作报告"
CASES: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    "a page named like the search page": (
        write("content/pages/search.md", PAGE),
        [
            "content/pages/search.md:1: this page would be published as search.html, which the search page already uses:"
            " give it another name"
        ],
    ),
    "a page named like the corrections page": (
        write("content/pages/corrections.md", PAGE),
        [
            "content/pages/corrections.md:1: this page would be published as corrections.html, which the corrections"
            " page (更正记录) already uses: give it another name"
        ],
    ),
    "a page named like the home page": (
        write("content/pages/index.md", PAGE),
        [
            "content/pages/index.md:1: this page would be published as index.html, which the site's home page already"
            " uses: give it another name"
        ],
    ),
    "a glossary entry named like the glossary's index": (
        write("content/glossary/suo-yin.md", TERM_INDEX),
        [
            "content/glossary/suo-yin.md:1: this glossary entry would be published as glossary/index.html, which the"
            " glossary's index already uses: give it another name"
        ],
    ),
    "two reports with one slug": (
        lambda root: (
            copy_report("2100")(root),
            replace("content/2100/index.md", SAME_SLUG, f"slug: '2099'\n{SAME_SLUG}")(root),
        ),
        [
            "content/2100/index.md:2: this report would be published as 2099/index.html, which the report 2099"
            " (content/2099/index.md) already uses: give it another name"
        ],
    ),
    "a report called glossary": (
        lambda root: (
            copy_report("glossary-2")(root),
            replace("content/glossary-2/index.md", SAME_SLUG, f"slug: glossary\n{SAME_SLUG}")(root),
        ),
        [
            "content/glossary-2/index.md:2: this report would be published as glossary/index.html, which the"
            " glossary's index already uses: give it another name"
        ],
    ),
    "a report called assets": (
        lambda root: (
            copy_report("assets-2")(root),
            replace("content/assets-2/index.md", SAME_SLUG, f"slug: assets\n{SAME_SLUG}")(root),
        ),
        [
            "content/assets-2/index.md:2: this report would be published as assets/index.html, which the site's assets"
            " (assets/) already uses: give it another name"
        ],
    ),
}


@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize("command", ["build", "check"])
def test_a_second_claim_on_a_path_is_refused(project: Path, name: str, command: str) -> None:  # noqa: F811
    change, expected = CASES[name]
    output_before = tree_digest(project / "output")
    change(project)
    result = run(project, command)
    lines = (result.stderr if command == "build" else result.stdout).strip().splitlines()
    errors = [
        line
        for line in lines
        if ": warning: " not in line and not line.endswith(("error", "errors")) and "warning(s)" not in line
    ]
    assert (result.returncode, errors) == (1, expected)
    assert "Traceback" not in result.stderr + result.stdout
    assert tree_digest(project / "output") == output_before
