"""Headings inside a section (tests/fixtures/deeper: `### 1.…`, `#### （1）…`, a skipped level, a part without sections)
in real Chromium: axe-core (heading order too) and the Nu checker find nothing, the headings are no smaller than the
text in either text size, search links to them, and screenshots at phone and desktop widths."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlparse

import pytest

from .conftest import served_folder
from .helpers import REPO_ROOT, NewTab, OpenPage, Site, format_violations, run_axe, run_vnu, screenshot, visit

CONTENT = REPO_ROOT / "tests/fixtures/deeper/content"
SECTION = "2030/part-1/section-1.html"
PAGES = [SECTION, "2030/part-1/section-2.html", "2030/part-2/index.html", "2030/full.html", "2030/index.html"]
PHONE_WIDTH, DESKTOP_WIDTH = 390, 1280
MODES: dict[str, dict[str, Any]] = {
    "normal": {},
    "large": {"stored_text": "large"},
    "dark+contrast": {"color_scheme": "dark", "stored_contrast": "high"},
}
SIZES_JS = """() => ({
  text: parseFloat(getComputedStyle(document.querySelector('.prose p')).fontSize),
  headings: [...document.querySelectorAll('.prose [class^="subhead-"]')].map(h => ({
    cls: h.className, size: parseFloat(getComputedStyle(h).fontSize), weight: getComputedStyle(h).fontWeight})),
})"""
DONE_JS = "() => { const s = document.getElementById('search-status'); return s && s.textContent && !s.textContent.startsWith('正在'); }"
PLACES_JS = """() => [...document.querySelectorAll('.search-places a')].map(a => ({href: a.href,
  where: a.querySelector('.search-where') ? a.querySelector('.search-where').textContent : ''}))"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The fixture report built (with its search index, without the PDF) and served; it stands in for the
    repository's site in this module, so open_page and new_tab open its pages."""
    root = tmp_path_factory.mktemp("deeper-site")
    command = [sys.executable, "build.py", "build", "--content", str(CONTENT), "--out", str(root), "--no-pdf"]
    result = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    with served_folder(root) as site:
        yield site


@pytest.mark.parametrize(
    "width,mode",
    [(PHONE_WIDTH, "normal"), (DESKTOP_WIDTH, "normal"), (PHONE_WIDTH, "large"), (DESKTOP_WIDTH, "dark+contrast")],
)
def test_axe_finds_no_violations_and_headings_go_down_one_level_at_a_time(
    site: Site, new_tab: NewTab, width: int, mode: str
) -> None:
    tab = new_tab(width, **MODES[mode])
    failures = []
    for rel in PAGES:
        visit(tab, site, rel)
        violations = run_axe(tab) + run_axe(tab, rules=["heading-order", "page-has-heading-one"])
        if violations:
            failures.append(f"{rel}:\n{format_violations(violations)}")
    assert not failures, f"axe-core violations in {mode} mode at {width}px:\n" + "\n".join(failures)


def test_html_is_valid(site: Site) -> None:
    errors = run_vnu([site.root], base=site.root)
    assert not errors, f"{len(errors)} HTML validation errors:\n" + "\n".join(errors)


@pytest.mark.parametrize("mode", ["normal", "large"])
def test_subheadings_are_no_smaller_than_the_text_and_read_apart(site: Site, new_tab: NewTab, mode: str) -> None:
    tab = visit(new_tab(PHONE_WIDTH, **MODES[mode]), site, SECTION)
    sizes: dict[str, Any] = tab.evaluate(SIZES_JS)
    by_class = {h["cls"]: h for h in sizes["headings"]}
    assert set(by_class) == {"subhead-1", "subhead-2"}, sizes
    assert all(h["size"] >= sizes["text"] and int(h["weight"]) >= 700 for h in sizes["headings"]), sizes
    assert by_class["subhead-1"]["size"] > by_class["subhead-2"]["size"], sizes


def test_the_full_text_keeps_sections_above_their_subheadings(site: Site, open_page: OpenPage) -> None:
    tab = open_page("2030/full.html", PHONE_WIDTH)
    size = "s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize)"
    section, first, second = (tab.evaluate(f"() => ({size})('{s}')") for s in (".section > h3", "h4", "h5"))
    assert section >= first > second, (section, first, second)


@pytest.mark.parametrize("width", [PHONE_WIDTH, DESKTOP_WIDTH])
def test_screenshots(site: Site, new_tab: NewTab, width: int) -> None:
    for mode in ("normal", "large"):
        tab = visit(new_tab(width, **MODES[mode]), site, SECTION)
        path = screenshot(tab, f"deeper-{SECTION}-{width}" + ("" if mode == "normal" else f"-{mode}"))
        assert path.stat().st_size > 0, f"empty screenshot {path}"


def search(open_page: OpenPage, site: Site, query: str) -> list[dict[str, str]]:
    tab = open_page("search.html", DESKTOP_WIDTH)
    tab.goto(f"{site.url}search.html?q={quote(query)}", wait_until="load")
    tab.wait_for_function(DONE_JS, timeout=15000)
    places: list[dict[str, str]] = tab.evaluate(PLACES_JS)
    return places


def target(site: Site, href: str) -> tuple[str, str]:
    parsed = urlparse(href)
    return unquote(parsed.path[len(urlparse(site.url).path) :]), unquote(parsed.fragment)


def test_search_links_to_a_subheading_and_names_it_above_the_text_under_it(site: Site, open_page: OpenPage) -> None:
    """A subheading is a place to land on, as a lead phrase's paragraph is; a hit under it says which it is under."""
    [heading] = search(open_page, site, "培育新兴产业")
    assert target(site, heading["href"]) == (SECTION, "pei-yu-xin-xing-chan-ye")
    [under] = search(open_page, site, "中小企业上云")
    assert target(site, under["href"]) == (SECTION, "part-1-section-1-p5")
    assert under["where"] == "（1）推进数字化转型"


def test_a_toc_link_lands_on_its_subheading(site: Site, open_page: OpenPage) -> None:
    tab = open_page("2030/part-1/section-2.html", PHONE_WIDTH)
    tab.locator(".toc-details > summary").click()
    tab.locator(".toc-nav a", has_text="（1）推进数字化转型").click()
    tab.wait_for_load_state("load")
    landed = tab.evaluate(
        "() => { const t = document.querySelector(':target'); return t && [t.tagName, t.textContent]; }"
    )
    assert landed == ["H3", "（1）推进数字化转型"]
    assert Path(urlparse(tab.url).path).name == "section-1.html"
