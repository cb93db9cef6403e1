"""Every internal link of the built site resolves to a file and fragment; none is absolute, external or a bare folder."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.cli import BuiltSite
from tests.sitecheck import Page, html_pages


@pytest.fixture(scope="module")
def pages(built_site_with_pdf: BuiltSite) -> tuple[Path, dict[str, Page]]:
    """content/ built with its PDF, so that the links to report.pdf are checked too (tests/conftest.py: shared with test_pdf)."""
    out = built_site_with_pdf.root
    return out, html_pages(out)


def broken_links(site: Path, pages: dict[str, Page]) -> list[str]:
    ids = {name: set(page.ids()) for name, page in pages.items()}
    problems = []
    for name, page in pages.items():
        for link in page.links():
            problem = link_problem(site, name, link, ids)
            if problem:
                problems.append(f"{name}: {link}: {problem}")
    return problems


def link_problem(site: Path, name: str, link: str, ids: dict[str, set[str]]) -> str | None:
    parts = urlsplit(link)
    if parts.scheme in ("mailto", "tel"):
        return None
    if parts.scheme or parts.netloc:
        return "external or absolute URL"
    if link.startswith("/"):
        return "root-relative URL breaks under a sub-path and file://"
    target = posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(parts.path))) if parts.path else name
    if target.startswith(".."):
        return "leaves the site"
    if parts.path.endswith("/") or (site / target).is_dir():
        return "links to a bare folder, not a file"
    if not (site / target).is_file():
        return "no such file"
    if parts.fragment and target in ids and parts.fragment not in ids[target]:
        return f"no id {parts.fragment!r} in {target}"
    return None


def test_no_broken_internal_links(pages: tuple[Path, dict[str, Page]]) -> None:
    site, by_name = pages
    assert len(by_name) > 10
    assert broken_links(site, by_name) == []


def test_checker_sees_broken_links(tmp_path: Path) -> None:
    """The checker itself catches each kind of bad link."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.html").write_text(
        '<p id="x"><a href="a.html#x">ok</a><a href="sub/">dir</a><a href="/a.html">root</a>'
        '<a href="b.html">missing</a><a href="a.html#nope">frag</a><a href="https://cdn.example/x.js">ext</a></p>',
        encoding="utf-8",
    )
    found = broken_links(tmp_path, html_pages(tmp_path))
    assert [f.split(": ")[-1] for f in found] == [
        "links to a bare folder, not a file",
        "root-relative URL breaks under a sub-path and file://",
        "no such file",
        "no id 'nope' in a.html",
        "external or absolute URL",
    ]
