"""Search in real Chromium: the right pages for Chinese queries, links to the exact paragraph, and the fallbacks."""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections.abc import Iterator
from html.parser import HTMLParser
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlparse

import pytest
from playwright.sync_api import Browser, Page

from govreport.searchindex import EXCLUDE

from .conftest import QuietHandler
from .helpers import OpenPage, Site, format_violations, run_axe, screenshot

PHONE_WIDTH = 390
DESKTOP_WIDTH = 1280
BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt", "td", "th", "blockquote", "figcaption"}
EXCLUDED_CLASSES = {selector.strip().lstrip(".") for selector in EXCLUDE.split(",")}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

# Query → pages that must be among the results (the report's text holds the phrase there).
KNOWN = {
    "三站一场": {"2023/part-1/section-2.html", "2023/part-2/section-2.html"},
    "加装电梯": {"2023/part-1/section-3.html"},
    "助餐": {"2023/part-1/section-3.html", "2023/part-2/section-3.html"},
    "云、数、网、端": {"2023/part-2/section-4.html"},
    "云数网端": {"2023/part-2/section-4.html"},
    "数智庙行": {"2023/part-1/section-1.html", "2023/part-2/section-1.html"},
    # A footnote marker sits inside this phrase: 云、数、网、端”[5]神经元.
    "端神经元": {"2023/part-2/section-4.html"},
    # The report writes 地铁 18 号线 with spaces in one place and 地铁18号线 in another.
    "18号线": {"2023/part-1/section-2.html", "2023/part-2/section-2.html"},
    # Across punctuation and the report's own spaces, in the last paragraph of a long page:
    # 加装电梯成片化成效显著，全年完工 16 台.
    "显著，全年完工16台": {"2023/part-1/section-3.html"},
}

RESULTS_JS = """() => [...document.querySelectorAll('.search-hit')].map(hit => ({
  href: hit.querySelector('h3 a').href,
  title: hit.querySelector('h3').textContent,
  places: [...hit.querySelectorAll('.search-places a')].map(a => ({
    href: a.href, marks: [...a.querySelectorAll('mark')].map(m => m.textContent),
    excerpt: a.querySelector('.search-excerpt').textContent,
    where: a.querySelector('.search-where') ? a.querySelector('.search-where').textContent : ''})),
}))"""
DONE_JS = "() => { const s = document.getElementById('search-status'); return s && s.textContent && !s.textContent.startsWith('正在'); }"


def normalize(text: str) -> str:
    """As search.js compares text: NFKC, lower case, without spaces, punctuation or symbols."""
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c)[0] not in "PSZ")


class SearchableText(HTMLParser):
    """The text Pagefind indexes in a page, one string a block (paragraph, list item, heading), and each id's text.

    Both leave out what Pagefind leaves out: data-pagefind-ignore parts, and footnote markers (EXCLUDE)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool, str | None]] = []  # tag, in body, ignored, id
        self.blocks: list[str] = []
        self.by_id: dict[str, str] = {}
        self.title = ""  # the first h1, which Pagefind takes as the page's title
        self.title_done = False
        self.marked = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        names = dict(attrs)
        body = (self.stack[-1][1] if self.stack else False) or "data-pagefind-body" in names
        excluded = bool(EXCLUDED_CLASSES & set((names.get("class") or "").split()))
        ignored = (self.stack[-1][2] if self.stack else False) or "data-pagefind-ignore" in names or excluded
        self.marked |= "data-pagefind-body" in names
        self.stack.append((tag, body, ignored, names.get("id")))
        if tag in BLOCKS:
            self.blocks.append("")
        if names.get("id"):
            self.by_id[names["id"] or ""] = ""

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            open_tag = self.stack.pop()[0]
            if open_tag == tag:
                break
        if tag in BLOCKS:
            self.blocks.append("")
        self.title_done |= tag == "h1" and bool(self.title)

    def handle_data(self, data: str) -> None:
        if not self.stack or self.stack[-1][2]:
            return
        for _, _, _, element_id in self.stack:
            if element_id:
                self.by_id[element_id] += data
        if self.stack[-1][1] and self.blocks:
            self.blocks[-1] += data
            if not self.title_done and any(tag == "h1" for tag, *_ in self.stack):
                self.title += data


def spaced(text: str) -> str:
    """Text as a browser shows it: each run of whitespace as one space."""
    return re.sub(r"\s+", " ", text).strip()


def read_page(path: Path) -> SearchableText:
    parser = SearchableText()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def expected_pages(site: Site, query: str) -> set[str]:
    """Indexed pages with a paragraph holding the whole phrase, computed from the built files."""
    wanted = normalize(query)
    found = set()
    for rel in site.pages():
        text = read_page(site.root / rel)
        if text.marked and any(wanted in normalize(block) for block in text.blocks):
            found.add(rel)
    return found


def run_search(open_page: OpenPage, site: Site, query: str, width: int = DESKTOP_WIDTH) -> Page:
    page = open_page("search.html", width)
    page.goto(f"{site.url}search.html?q={quote(query)}", wait_until="load")
    page.wait_for_function(DONE_JS, timeout=15000)
    return page


def site_path(site: Site, href: str) -> tuple[str, str]:
    """A result link → (path under the site, fragment)."""
    parsed = urlparse(href)
    assert href.startswith(site.url), f"result link leaves the site: {href}"
    return unquote(parsed.path[len(urlparse(site.url).path) :]), unquote(parsed.fragment)


@pytest.mark.parametrize("query", list(KNOWN))
def test_query_finds_the_right_pages_and_places(site: Site, open_page: OpenPage, query: str) -> None:
    page = run_search(open_page, site, query)
    results: list[dict[str, Any]] = page.evaluate(RESULTS_JS)
    found = {site_path(site, result["href"])[0] for result in results}
    expected = expected_pages(site, query)
    assert KNOWN[query] <= expected, f"the built site lost text: {KNOWN[query] - expected}"
    assert found == expected, f"{query}: found {sorted(found)}, expected {sorted(expected)}"
    for result in results:
        rel, _ = site_path(site, result["href"])
        target = read_page(site.root / rel)
        assert result["title"] == spaced(target.title), f"{rel}: result titled {result['title']!r}"
        assert result["places"], f"{rel}: no place listed"
        for place in result["places"]:
            place_rel, fragment = site_path(site, place["href"])
            assert place_rel == rel and (not fragment or fragment in target.by_id), (
                f"{place['href']}: no element with that id"
            )
            # Text before any element with an id (a glossary term's headword) links to the page itself.
            held = target.by_id[fragment] if fragment else " ".join(target.blocks)
            assert normalize(query) in normalize(held), f"{place['href']}: the linked place does not hold {query}"
            assert any(normalize(query) in normalize(mark) for mark in place["marks"]), (
                f"{place['href']}: match not highlighted: {place['marks']}"
            )
            # The excerpt is the page's own text, spaces included: none added between Han characters, none lost.
            # (It may run on into a following block without an id, as a glossary term's headword does.)
            shown = spaced(" ".join(target.blocks))
            for piece in place["excerpt"].split("……"):
                assert piece == piece.strip() and piece in shown, (
                    f"{place['href']}: excerpt {piece!r} is not the page's text"
                )


def test_excerpts_keep_the_reports_own_spacing(site: Site, open_page: OpenPage) -> None:
    page = run_search(open_page, site, "地铁")
    excerpts = [place["excerpt"] for result in page.evaluate(RESULTS_JS) for place in result["places"]]
    assert any("地铁 18 号线二期建设带来" in excerpt for excerpt in excerpts), excerpts
    assert any("推动地铁18号线二期“三站一场”" in excerpt for excerpt in excerpts), excerpts
    marks = page.locator(".search-excerpt mark").all_inner_texts()
    assert marks and set(marks) == {"地铁"}, marks


@pytest.mark.parametrize("query", ["2023", "L-07"])
def test_punctuation_beside_a_match_is_not_marked(site: Site, open_page: OpenPage, query: str) -> None:
    """The index keeps 、2023 and ，L-07 as one word each; only the match itself is marked."""
    page = run_search(open_page, site, query)
    marks = page.locator(".search-excerpt mark").all_inner_texts()
    assert marks and set(marks) == {query}, marks


def test_a_heading_hit_names_its_heading_as_the_page_shows_it(site: Site, open_page: OpenPage) -> None:
    """Subheadings come from the index, where Han characters were spaced apart."""
    page = run_search(open_page, site, "城运主体数据库")
    places = [place for result in page.evaluate(RESULTS_JS) for place in result["places"]]
    assert {place["where"] for place in places} == {"注释", "解释"}, places


def test_result_title_is_the_section_title(site: Site, open_page: OpenPage) -> None:
    page = run_search(open_page, site, "加装电梯")
    results: list[dict[str, Any]] = page.evaluate(RESULTS_JS)
    assert [r["title"] for r in results] == ["（三）基层治理力度持续加强，巩固服务群众“主阵地”"]
    context = page.locator(".search-context").first.inner_text()
    assert context == "2023 年政府工作报告 › 一、2022 年工作回顾"


def test_full_text_page_is_not_indexed_twice(site: Site, open_page: OpenPage) -> None:
    page = run_search(open_page, site, "各位代表")
    paths = [site_path(site, r["href"])[0] for r in page.evaluate(RESULTS_JS)]
    assert paths and "2023/full.html" not in paths and len(paths) == len(set(paths))


def test_no_match_explains_what_to_do(site: Site, open_page: OpenPage) -> None:
    page = run_search(open_page, site, "量子计算")
    assert page.locator("#search-status").inner_text() == "没有找到含有“量子计算”的内容。"
    assert page.locator(".search-hit").count() == 0
    assert page.locator("#search-none").is_visible()
    assert page.locator("#search-none a[href$='2023/full.html']").is_visible()


def test_search_page_passes_axe(site: Site, open_page: OpenPage) -> None:
    failures = []
    for query, width in (("助餐", PHONE_WIDTH), ("助餐", DESKTOP_WIDTH), ("量子计算", PHONE_WIDTH)):
        page = run_search(open_page, site, query, width)
        violations = run_axe(page)
        if violations:
            failures.append(f"q={query} at {width}px:\n{format_violations(violations)}")
        screenshot(page, f"search-{query}-{width}")
    assert not failures, "axe-core violations:\n" + "\n".join(failures)


def test_search_page_fits_a_phone(site: Site, open_page: OpenPage) -> None:
    page = run_search(open_page, site, "三站一场", PHONE_WIDTH)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"search results scroll sideways: {width}px"
    small = page.evaluate("""() => [...document.querySelectorAll('#search-app a, #search-app button, #search-app input')]
        .filter(el => el.getClientRects().length && el.getBoundingClientRect().height < 44).map(el => el.outerHTML.slice(0, 80))""")
    assert not small, f"targets under 44px high: {small}"


def test_search_runs_without_breaking_the_content_security_policy(site: Site, open_page: OpenPage) -> None:
    page = open_page("search.html", DESKTOP_WIDTH)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(f"{site.url}search.html?q={quote('助餐')}", wait_until="load")
    page.wait_for_function(DONE_JS, timeout=15000)
    assert page.locator(".search-hit").count() == 2
    assert not [e for e in errors if "Content Security Policy" in e or "Content-Security-Policy" in e], errors


def test_header_box_on_every_page_is_a_plain_form_to_the_search_page(site: Site) -> None:
    missing = []
    for rel in site.pages():
        html = (site.root / rel).read_text(encoding="utf-8")
        if rel in ("search.html", "404.html"):
            continue
        depth = rel.count("/")
        action = "../" * depth + "search.html"
        if (
            not re.search(rf'<form class="site-search" role="search" action="{re.escape(action)}" method="get"', html)
            or 'name="q"' not in html
        ):
            missing.append(rel)
    assert not missing, f"no header search form to {'search.html'} in: {missing}"


def test_header_box_leads_to_results(site: Site, open_page: OpenPage) -> None:
    page = open_page("2023/part-1/section-1.html", PHONE_WIDTH)
    page.fill("#site-search-q", "加装电梯")
    page.press("#site-search-q", "Enter")
    page.wait_for_function(DONE_JS, timeout=15000)
    assert page.url.startswith(f"{site.url}search.html?q=")
    assert page.locator("#search-q").input_value() == "加装电梯"
    assert page.locator(".search-hit").count() == 1
    screenshot(page, "search-from-header-390")


def test_result_link_lands_on_the_paragraph(site: Site, open_page: OpenPage) -> None:
    page = run_search(open_page, site, "加装电梯", PHONE_WIDTH)
    page.locator(".search-places a[href*='#']").first.click()
    page.wait_for_load_state("load")
    target = page.evaluate("() => document.querySelector(':target') && document.querySelector(':target').textContent")
    assert target and "加装电梯" in target
    screenshot(page, "search-landing-390")


def test_from_a_file_the_page_says_search_cannot_run(site: Site, browser: Browser) -> None:
    page = browser.new_page()
    try:
        page.goto((site.root / "search.html").as_uri() + "?q=" + quote("助餐"))
        page.wait_for_function("() => !document.getElementById('search-unavailable').hidden")
        assert page.locator("#search-file").is_visible()
        assert page.locator("#search-unavailable a[href$='2023/full.html']").is_visible()
        assert page.locator(".search-hit").count() == 0
    finally:
        page.close()


def test_without_javascript_the_page_explains_and_links_to_the_full_text(site: Site, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site.url}search.html?q={quote('助餐')}")
        assert "搜索需要浏览器开启 JavaScript" in page.inner_text("main")
        assert page.locator("main a[href$='2023/full.html']").first.is_visible()
    finally:
        context.close()


def test_search_works_when_the_web_worker_cannot_start(site: Site, open_page: OpenPage) -> None:
    """Pagefind then runs its WebAssembly on the page itself: what 'wasm-unsafe-eval' on this page allows."""
    page = open_page("search.html", DESKTOP_WIDTH)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.route("**/pagefind-worker.js", lambda route: route.abort())
    try:
        page.goto(f"{site.url}search.html?q={quote('助餐')}", wait_until="load")
        page.wait_for_function(DONE_JS, timeout=20000)
        assert page.locator(".search-hit").count() == 2, page.locator("#search-status").inner_text()
    finally:
        page.unroute("**/pagefind-worker.js")
    assert not [e for e in errors if "Content Security Policy" in e], errors


@pytest.fixture(scope="module")
def sub_path_url(site: Site) -> Iterator[str]:
    """The same build served one folder down, as on a host that puts the site under a sub-path."""
    handler = functools.partial(QuietHandler, directory=str(site.root.parent))
    with ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{server.server_address[1]}/{site.root.name}/"
        server.shutdown()
        thread.join()


def test_search_works_under_a_sub_path(site: Site, browser: Browser, sub_path_url: str) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{sub_path_url}2023/index.html")
        page.fill("#site-search-q", "三站一场")
        page.press("#site-search-q", "Enter")
        page.wait_for_function(DONE_JS, timeout=15000)
        links = page.eval_on_selector_all(".search-hit a", "links => links.map(a => a.href)")
        assert len(links) >= 4, links
        for link in links:
            assert link.startswith(sub_path_url), link
            assert (site.root / unquote(link[len(sub_path_url) :].split("#")[0])).is_file(), link
        page.locator(".search-places a[href*='#']").first.click()
        page.wait_for_load_state("load")
        assert "三站一场" in page.evaluate("() => document.querySelector(':target').textContent")
    finally:
        page.close()
