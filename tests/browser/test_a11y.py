"""Accessibility, HTML validity, responsive layout and keyboard checks on every built page."""

from __future__ import annotations

from typing import Any

import pytest

from .helpers import NewTab, OpenPage, Site, format_violations, run_axe, run_vnu, screenshot, visit
from .measures import overflow, tab_stops

PHONE_WIDTH = 390
NARROW_WIDTH = 320  # WCAG 1.4.10 reflow: 1280 px at 400 % zoom
ZOOM_200_WIDTH = 640  # a 1280 px window at 200 % zoom
DESKTOP_WIDTH = 1280

# Reading modes to check: new_tab() arguments (stored 大字版/高对比度 choices and system preferences).
MODES: dict[str, dict[str, Any]] = {
    "large": {"stored_text": "large"},
    "contrast": {"stored_contrast": "high"},
    "large+contrast": {"stored_text": "large", "stored_contrast": "high"},
    "dark": {"color_scheme": "dark"},
    "dark+contrast": {"color_scheme": "dark", "stored_contrast": "high"},
    "system-more-contrast": {"contrast": "more"},
}

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


# Each mode once, at the width where it is most likely to break; the plain mode is checked above.
AXE_RUNS = [
    (PHONE_WIDTH, "large"),
    (DESKTOP_WIDTH, "large"),
    (DESKTOP_WIDTH, "contrast"),
    (PHONE_WIDTH, "large+contrast"),
    (PHONE_WIDTH, "dark"),
    (DESKTOP_WIDTH, "dark+contrast"),
    (PHONE_WIDTH, "system-more-contrast"),
]


@pytest.mark.parametrize("width,mode", AXE_RUNS)
def test_axe_finds_no_violations_in_reading_modes(site: Site, new_tab: NewTab, mode: str, width: int) -> None:
    tab = new_tab(width, **MODES[mode])
    failures = []
    for rel_path in site_pages(site):
        violations = run_axe(visit(tab, site, rel_path))
        if violations:
            failures.append(f"{rel_path}:\n{format_violations(violations)}")
    assert not failures, f"axe-core violations in {mode} mode at {width}px:\n" + "\n".join(failures)


@pytest.mark.parametrize(
    "width,mode", [(PHONE_WIDTH, "contrast"), (DESKTOP_WIDTH, "dark+contrast"), (DESKTOP_WIDTH, "system-more-contrast")]
)
def test_high_contrast_reaches_7_to_1(site: Site, new_tab: NewTab, width: int, mode: str) -> None:
    """axe's color-contrast-enhanced rule (WCAG 1.4.6, AAA) asks 7:1 for text, 4.5:1 for large text."""
    tab = new_tab(width, **MODES[mode])
    failures = []
    for rel_path in site_pages(site):
        violations = run_axe(visit(tab, site, rel_path), rules=["color-contrast-enhanced"])
        if violations:
            failures.append(f"{rel_path}:\n{format_violations(violations)}")
    assert not failures, f"contrast below 7:1 in {mode} mode:\n" + "\n".join(failures)


def test_html_is_valid(site: Site) -> None:
    site_pages(site)
    errors = run_vnu([site.root], base=site.root)
    assert not errors, f"{len(errors)} HTML validation errors:\n" + "\n".join(errors)


def test_no_horizontal_scroll_on_phone(site: Site, open_page: OpenPage) -> None:
    failures = []
    for rel_path in site_pages(site):
        layout: dict[str, Any] = open_page(rel_path, PHONE_WIDTH).evaluate(OVERFLOW_JS)
        if layout["scrollWidth"] > layout["innerWidth"]:
            failures.append(
                f"{rel_path}: scrollWidth {layout['scrollWidth']} > "
                f"{layout['innerWidth']}; too wide: {', '.join(layout['wide'])}"
            )
    assert not failures, "horizontal scrolling at 390px:\n" + "\n".join(failures)


@pytest.mark.parametrize(
    "width,mode",
    [
        (NARROW_WIDTH, "normal"),
        (ZOOM_200_WIDTH, "normal"),
        (PHONE_WIDTH, "large"),
        (NARROW_WIDTH, "large"),
        (PHONE_WIDTH, "large+contrast"),
    ],
)
def test_no_horizontal_scroll_when_narrow_or_large(site: Site, new_tab: NewTab, width: int, mode: str) -> None:
    tab = new_tab(width, **MODES.get(mode, {}))
    failures = [
        f"{rel_path}: {wide}" for rel_path in site_pages(site) if (wide := overflow(visit(tab, site, rel_path)))
    ]
    assert not failures, f"horizontal scrolling at {width}px in {mode} mode:\n" + "\n".join(failures)


def test_screenshots(site: Site, open_page: OpenPage) -> None:
    for rel_path in sample_pages(site):
        for width in (PHONE_WIDTH, DESKTOP_WIDTH):
            path = screenshot(open_page(rel_path, width), f"{rel_path}-{width}")
            assert path.stat().st_size > 0, f"empty screenshot {path}"


@pytest.mark.parametrize("mode", ["large", "contrast", "large+contrast", "dark"])
def test_screenshots_in_reading_modes(site: Site, new_tab: NewTab, mode: str) -> None:
    for width in (PHONE_WIDTH, DESKTOP_WIDTH):
        tab = new_tab(width, **MODES[mode])
        for rel_path in [*sample_pages(site), "accessibility.html"]:
            path = screenshot(visit(tab, site, rel_path), f"{rel_path}-{width}-{mode}")
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


def keyboard_pages(site: Site) -> list[str]:
    """Pages whose Tab order is walked: the home page, a section page with footnotes, the full text, the statement."""
    pages = site_pages(site)
    with_notes = [
        p for p in pages if "section" in p and 'role="doc-noteref"' in (site.root / p).read_text(encoding="utf-8")
    ]
    return ["index.html", *with_notes[:1], *[p for p in pages if p.endswith("full.html")][:1], "accessibility.html"]


def is_same_line(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two stops sit on one line: their middles closer than half the smaller one's height. (A link in the
    text is padded to 44px, taller than its 36px line, so boxes on neighbouring lines overlap a little.)"""
    middle = abs(a["top"] + a["bottom"] - b["top"] - b["bottom"]) / 2
    return middle < min(a["bottom"] - a["top"], b["bottom"] - b["top"]) / 2


@pytest.mark.parametrize("width", [PHONE_WIDTH, DESKTOP_WIDTH])
def test_tab_order_follows_reading_order_and_focus_shows(site: Site, new_tab: NewTab, width: int) -> None:
    """Each Tab moves forward in the document; on a phone (one column) also down the page, or right along a line.

    A pop-up a script opens beside a control (a term's preview, just below or above its term) is reached next in
    document order but lies outside the page's flow: down the page is checked from the control that opened it."""
    tab = new_tab(width)
    for rel_path in keyboard_pages(site):
        stops = tab_stops(visit(tab, site, rel_path))
        assert len(stops) >= 5 and stops[-1]["inFooter"], f"{rel_path}: Tab did not reach the footer: {stops[-3:]}"
        hidden = [s["text"] or s["tag"] for s in stops if not s["outline"]]
        assert not hidden, f"{rel_path}: no visible focus outline on {hidden}"
        if width != PHONE_WIDTH:
            continue
        in_flow = [s for s in stops if not s["added"]]
        for before, after in zip(in_flow, in_flow[1:]):
            same_line = is_same_line(before, after)
            forward = after["left"] >= before["left"] - 1 if same_line else after["top"] >= before["top"] - 1
            assert forward, f"{rel_path}: Tab went back up the page from {before} to {after}"


def test_skip_link_is_first_and_visible_when_focused(site: Site, new_tab: NewTab) -> None:
    tab = visit(new_tab(PHONE_WIDTH, stored_text="large"), site, "accessibility.html")
    tab.keyboard.press("Tab")
    box = tab.evaluate("""() => { const r = document.activeElement.getBoundingClientRect();
      return {cls: document.activeElement.className, top: r.top, width: r.width, height: r.height}; }""")
    assert box["cls"] == "skip-link" and box["top"] >= 0, f"first Tab stop is not the visible skip link: {box}"
    assert box["width"] >= 60 and box["height"] >= 60, f"skip link is smaller than 60px in 大字版: {box}"
