"""Accessibility, HTML validity, responsive layout and keyboard checks on every built page."""

from __future__ import annotations

from typing import Any

from .helpers import OpenPage, Site, format_violations, run_axe, run_vnu, screenshot

PHONE_WIDTH = 390
DESKTOP_WIDTH = 1280

OVERFLOW_JS = """() => {
  const width = window.innerWidth;
  const wide = [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > width + 0.5)
    .slice(0, 3)
    .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
               + (el.className && typeof el.className === 'string'
                  ? '.' + el.className.trim().split(/\\s+/).join('.') : ''));
  return {scrollWidth: document.documentElement.scrollWidth, innerWidth: width, wide};
}"""

FOCUS_JS = """() => {
  const el = document.activeElement;
  return {tag: el ? el.tagName.toLowerCase() : null, href: el ? el.getAttribute('href') : null};
}"""

AFTER_SKIP_JS = """() => {
  const main = document.querySelector('main');
  const active = document.activeElement;
  const rect = main.getBoundingClientRect();
  const after = active && active !== document.body
    && (main.contains(active)
        || (main.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0);
  return {hash: location.hash, focusInMain: main.contains(active),
          mainInView: rect.top < window.innerHeight && rect.bottom > 0,
          focusAtOrAfterMain: Boolean(after) || active === document.body};
}"""


def site_pages(site: Site) -> list[str]:
    """All built pages, asserting the build produced a home page."""
    pages = site.pages()
    assert "index.html" in pages, f"no index.html in build output {site.root}: {pages[:10]}"
    return pages


def sample_pages(site: Site) -> list[str]:
    """index.html plus one inner page: the first with 'section' in its path, else the second."""
    pages = site_pages(site)
    inner = [p for p in pages if "section" in p] or pages[1:2]
    return ["index.html", *inner[:1]]


def test_axe_finds_no_violations(site: Site, open_page: OpenPage) -> None:
    failures = []
    for rel_path in site_pages(site):
        violations = run_axe(open_page(rel_path, DESKTOP_WIDTH))
        if violations:
            failures.append(f"{rel_path}:\n{format_violations(violations)}")
    assert not failures, "axe-core violations:\n" + "\n".join(failures)


def test_html_is_valid(site: Site) -> None:
    site_pages(site)
    errors = run_vnu([site.root], base=site.root)
    assert not errors, f"{len(errors)} HTML validation errors:\n" + "\n".join(errors)


def test_no_horizontal_scroll_on_phone(site: Site, open_page: OpenPage) -> None:
    failures = []
    for rel_path in site_pages(site):
        layout: dict[str, Any] = open_page(rel_path, PHONE_WIDTH).evaluate(OVERFLOW_JS)
        if layout["scrollWidth"] > layout["innerWidth"]:
            failures.append(f"{rel_path}: scrollWidth {layout['scrollWidth']} > "
                            f"{layout['innerWidth']}; too wide: {', '.join(layout['wide'])}")
    assert not failures, "horizontal scrolling at 390px:\n" + "\n".join(failures)


def test_screenshots(site: Site, open_page: OpenPage) -> None:
    for rel_path in sample_pages(site):
        for width in (PHONE_WIDTH, DESKTOP_WIDTH):
            path = screenshot(open_page(rel_path, width), f"{rel_path}-{width}")
            assert path.stat().st_size > 0, f"empty screenshot {path}"


def test_first_tab_reaches_skip_link_to_main(open_page: OpenPage) -> None:
    page = open_page("index.html", DESKTOP_WIDTH)
    assert page.locator("main").count() == 1, "index.html needs exactly one <main>"
    main_id = page.locator("main").get_attribute("id")
    assert main_id, "<main> needs an id for the skip link to target"
    page.keyboard.press("Tab")
    focused: dict[str, Any] = page.evaluate(FOCUS_JS)
    assert focused == {"tag": "a", "href": f"#{main_id}"}, f"first Tab stop is {focused}"
    page.keyboard.press("Enter")
    landed: dict[str, Any] = page.evaluate(AFTER_SKIP_JS)
    assert landed["hash"] == f"#{main_id}", f"skip link did not navigate: {landed}"
    assert landed["focusInMain"] or landed["mainInView"], f"<main> not reached: {landed}"
    page.keyboard.press("Tab")
    after: dict[str, Any] = page.evaluate(AFTER_SKIP_JS)
    assert after["focusAtOrAfterMain"], f"Tab after the skip link went back before <main>: {after}"
