"""Glossary in a real browser: term previews on hover, focus and tap (never over the term, Esc hides them), plain links without JS, axe on the glossary pages, screenshots."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page

from .helpers import ARTIFACTS, OpenPage, Site, format_violations, run_axe, screenshot

PHONE_WIDTH = 390
DESKTOP_WIDTH = 1280
SECTION = "2023/part-1/section-2.html"  # 全面完成“三站一场”[^1]…
TERM_PAGE = "glossary/san-zhan-yi-chang.html"
PREVIEW = ".term-preview"
HIDE_DELAY_MS = 400  # assets/js/glossary.js: HIDE_DELAY

BOXES_JS = """() => {
  const link = document.querySelector('a.term-link');
  const card = document.querySelector('.term-preview');
  const box = r => ({left: r.left, right: r.right, top: r.top, bottom: r.bottom});
  return {term: [...link.getClientRects()].map(box), card: card ? box(card.getBoundingClientRect()) : null,
          width: document.documentElement.clientWidth, scrollWidth: document.documentElement.scrollWidth};
}"""


def glossary_pages(site: Site) -> list[str]:
    pages = [p for p in site.pages() if p.startswith("glossary/")]
    assert "glossary/index.html" in pages and TERM_PAGE in pages, pages
    return pages


def first_term(page: Page) -> Locator:
    link = page.locator("main a.term-link").first
    # The term a quarter down the window, leaving room for the preview below it.
    link.evaluate("el => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - window.innerHeight / 4)")
    return link


def overlaps(a: dict[str, float], b: dict[str, float]) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


@pytest.fixture
def phone(browser: Browser) -> Iterator[BrowserContext]:
    """A touch phone: taps send pointer events of type "touch"."""
    context = browser.new_context(viewport={"width": PHONE_WIDTH, "height": 844}, has_touch=True, is_mobile=True)
    yield context
    context.close()


def test_axe_on_glossary_pages(site: Site, open_page: OpenPage) -> None:
    failures = []
    for rel_path in glossary_pages(site):
        for width in (PHONE_WIDTH, DESKTOP_WIDTH):
            violations = run_axe(open_page(rel_path, width))
            if violations:
                failures.append(f"{rel_path} at {width}px:\n{format_violations(violations)}")
    assert not failures, "axe-core violations:\n" + "\n".join(failures)


def test_hover_shows_the_definition_below_the_term_and_esc_hides_it(site: Site, open_page: OpenPage) -> None:
    page = open_page(SECTION, DESKTOP_WIDTH)
    first_term(page).hover()
    preview = page.locator(PREVIEW)
    preview.wait_for(state="visible")
    assert "大康路站、呼兰路站、爱辉路站，场北车辆段。" in preview.inner_text()
    boxes: dict[str, Any] = page.evaluate(BOXES_JS)
    assert not any(overlaps(term, boxes["card"]) for term in boxes["term"]), boxes
    assert boxes["card"]["top"] >= boxes["term"][-1]["bottom"], f"not below the term: {boxes}"
    assert not (violations := run_axe(page)), format_violations(violations)
    # WCAG 1.4.13: the pointer can move onto the preview without losing it. The page's clock is ours from here,
    # so "the hide delay has passed" is a step of the test, not a guess at how long a busy machine takes.
    page.clock.install()
    preview.hover()
    page.clock.run_for(HIDE_DELAY_MS * 3)
    assert preview.is_visible()
    page.keyboard.press("Escape")  # …and it can be dismissed without moving the pointer
    assert preview.count() == 0


def test_keyboard_focus_shows_the_preview_without_trapping_focus(site: Site, open_page: OpenPage) -> None:
    page = open_page(SECTION, DESKTOP_WIDTH)
    link = first_term(page)
    link.focus()
    preview = page.locator(PREVIEW)
    preview.wait_for(state="visible")
    described = link.get_attribute("aria-describedby")
    assert described and "场北车辆段" in page.locator(f"#{described}").inner_text()
    page.keyboard.press("Tab")  # into the preview, which follows the term in reading order
    assert page.evaluate("document.activeElement.closest('.term-preview') !== null")
    page.keyboard.press("Escape")
    assert preview.count() == 0
    assert page.evaluate("document.activeElement.classList.contains('term-link')"), (
        "Esc should return focus to the term"
    )
    page.keyboard.press("Tab")  # on past the term: the footnote reference, no preview
    assert page.evaluate("document.activeElement.getAttribute('role')") == "doc-noteref"
    assert preview.count() == 0


def test_tap_previews_then_a_second_tap_opens_the_term_page(site: Site, phone: BrowserContext) -> None:
    page = phone.new_page()
    page.goto(site.url_for(SECTION))
    link = first_term(page)
    link.tap()
    preview = page.locator(PREVIEW)
    preview.wait_for(state="visible")
    assert page.url == site.url_for(SECTION)
    boxes: dict[str, Any] = page.evaluate(BOXES_JS)
    assert boxes["card"]["left"] >= 0 and boxes["card"]["right"] <= boxes["width"], boxes
    assert boxes["scrollWidth"] <= boxes["width"], "the preview makes the page scroll sideways"
    assert not any(overlaps(term, boxes["card"]) for term in boxes["term"]), boxes
    path = ARTIFACTS / f"glossary-preview-{PHONE_WIDTH}.png"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path))
    page.get_by_role("button", name="关闭").tap()
    assert preview.count() == 0
    link.tap()
    preview.wait_for(state="visible")
    link.tap()
    page.wait_for_url(site.url_for(TERM_PAGE))


def test_tap_elsewhere_closes_the_preview(site: Site, phone: BrowserContext) -> None:
    page = phone.new_page()
    page.goto(site.url_for(SECTION))
    first_term(page).tap()
    page.locator(PREVIEW).wait_for(state="visible")
    page.locator("main h1").tap()
    assert page.locator(PREVIEW).count() == 0


def test_without_javascript_a_term_is_a_plain_link(site: Site, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": PHONE_WIDTH, "height": 844}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site.url_for(SECTION))
        first_term(page).click()
        page.wait_for_url(site.url_for(TERM_PAGE))
        assert page.locator("h1 .term-headword").inner_text() == "三站一场"
    finally:
        context.close()


def test_term_links_add_no_clutter_in_print(site: Site, open_page: OpenPage) -> None:
    page = open_page(SECTION, DESKTOP_WIDTH)
    page.emulate_media(media="print")
    try:
        style = page.evaluate("""() => {
          const link = document.querySelector('a.term-link'), p = link.closest('p');
          const s = getComputedStyle(link), after = getComputedStyle(link, '::after').content;
          return {color: s.color === getComputedStyle(p).color, line: s.textDecorationLine, after};
        }""")
    finally:
        page.emulate_media(media="screen")
    assert style == {"color": True, "line": "none", "after": "none"}


def test_term_page_links_to_each_occurrence(site: Site, open_page: OpenPage) -> None:
    page = open_page(TERM_PAGE, PHONE_WIDTH)
    links = page.locator(".occurrence-where a")
    assert links.count() == 2
    links.first.click()
    page.wait_for_url(site.url_for(SECTION) + "#qu-yu-fa-zhan-xie-tong-tui-jin")
    assert page.evaluate("document.querySelector(':target').textContent.includes('三站一场')")


def test_screenshots(site: Site, open_page: OpenPage) -> None:
    for width in (PHONE_WIDTH, DESKTOP_WIDTH):
        for rel_path in ("glossary/index.html", TERM_PAGE):
            assert screenshot(open_page(rel_path, width), f"{rel_path}-{width}").stat().st_size > 0
        page = open_page(SECTION, width)
        first_term(page).focus()
        page.locator(PREVIEW).wait_for(state="visible")
        path = ARTIFACTS / f"glossary-paragraph-{width}.png"
        page.screenshot(path=str(path))
        assert path.stat().st_size > 0
