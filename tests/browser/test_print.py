"""Printing from the browser (Chromium's page.pdf() with print media): every page drops its navigation and
keeps its footnotes; the full-text page prints as the whole report on numbered A4 pages."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser

from tests.pdfcheck import body_text, missing_in_order, page_texts, pdf_info, read_source

from .helpers import ARTIFACTS, Site

NAVIGATION = (
    ".skip-link",
    ".site-header",
    ".site-search",
    ".site-nav",
    ".reading-tools",
    ".read-aloud",
    ".site-footer",
    ".toc-nav",
    ".breadcrumbs",
    ".pager",
    ".actions",
    ".on-page",
    ".backlink",
)
NOT_ON_PAPER = ("跳到正文", "下载PDF版", "返回正文", "全文（一页阅读）", "上一页", "下一页")

DISPLAY_JS = """selectors => Object.fromEntries(selectors.map(s => {
  const el = document.querySelector(s);
  return [s, el ? getComputedStyle(el).display : null];
}))"""


def print_page(browser: Browser, site: Site, rel_path: str) -> tuple[Path, dict[str, Any]]:
    """Print a page to tests/artifacts/print-<name>.pdf; also return the display of its navigation in print."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / ("print-" + re.sub(r"[^\w.-]+", "_", rel_path) + ".pdf")
    page = browser.new_page()
    try:
        page.goto(site.url_for(rel_path), wait_until="load")
        page.emulate_media(media="print")
        displays: dict[str, Any] = page.evaluate(DISPLAY_JS, [*NAVIGATION, ".notes"])
        page.pdf(path=str(path), prefer_css_page_size=True)
    finally:
        page.close()
    return path, displays


def test_full_text_prints_as_the_report(browser: Browser, site: Site) -> None:
    path, _ = print_page(browser, site, "2023/full.html")
    source = read_source()
    pages = page_texts(path)
    assert "(A4)" in pdf_info(path)["Page size"]
    assert pages[0].startswith("政府工作报告——2023年1月5日"), f"page 1 is not the cover: {pages[0][:40]}"
    assert pages[1].startswith("目录"), f"page 2 is not the contents: {pages[1][:40]}"
    missing = missing_in_order(source.units, body_text(pages, source.notes))
    assert not missing, f"{len(missing)} sentences missing or out of order in the print, first: {missing[:3]}"
    printed = "".join(pages)
    assert all(note in printed for note in source.notes.values()), "a footnote is not printed"
    assert [word for word in NOT_ON_PAPER if word in printed] == []
    numbers = [page[-6:] for page in pages if not re.search(r"第\d+页$", page)]
    assert numbers == [], f"pages without 第 N 页 in the margin: {numbers}"
    assert [int(re.search(r"第(\d+)页$", page)[1]) for page in pages] == list(range(1, len(pages) + 1))


def test_a_page_prints_without_navigation_and_with_its_footnotes(browser: Browser, site: Site) -> None:
    path, displays = print_page(browser, site, "2023/part-1/section-2.html")
    assert {s: d for s, d in displays.items() if s != ".notes" and d not in (None, "none")} == {}
    assert displays[".notes"] not in (None, "none")
    printed = "".join(page_texts(path))
    assert printed.startswith("（二）区域发展面貌日新月异"), f"the print starts with {printed[:30]}"
    assert "大康路站、呼兰路站、爱辉路站，场北车辆段。" in printed
    assert [word for word in NOT_ON_PAPER if word in printed] == []
