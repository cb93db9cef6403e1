"""Chinese text set for reading (clreq) and for older eyes and fingers, measured in Chromium on every page."""

from __future__ import annotations

import re

import pytest

from .helpers import REPO_ROOT, NewTab, Site, visit
from .measures import paragraphs, small_targets, small_text

PHONE_WIDTH = 390
NARROW_WIDTH = 320
DESKTOP_WIDTH = 1280
MIN_TEXT_PX = 18
MIN_TARGET_PX = 44
MAX_CHARS_PER_LINE = 40
NUMBERED_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")


@pytest.mark.parametrize("width", [PHONE_WIDTH, DESKTOP_WIDTH])
def test_text_and_targets_are_big_enough(site: Site, new_tab: NewTab, width: int) -> None:
    """Text at least 18px (footnote superscripts aside); links and buttons at least 44×44px."""
    tab = new_tab(width)
    failures = []
    for rel_path in site.pages():
        visit(tab, site, rel_path)
        failures += [f"{rel_path}: text {t}" for t in small_text(tab, MIN_TEXT_PX)]
        failures += [f"{rel_path}: target {t}" for t in small_targets(tab, MIN_TARGET_PX)]
    assert not failures, f"too small at {width}px:\n" + "\n".join(failures)


@pytest.mark.parametrize("width,stored_text", [(PHONE_WIDTH, None), (DESKTOP_WIDTH, None), (DESKTOP_WIDTH, "large")])
def test_body_paragraphs_follow_clreq(site: Site, new_tab: NewTab, width: int, stored_text: str | None) -> None:
    """Line height 1.5–2, a 2em first-line indent, strict line breaking, and at most ~40 characters a line."""
    tab = new_tab(width, stored_text=stored_text)
    failures, seen = [], 0
    for rel_path in site.pages():
        for p in paragraphs(visit(tab, site, rel_path)):
            seen += 1
            if not 1.5 <= p["lineHeight"] <= 2:
                failures.append(f"{rel_path}: line-height {p['lineHeight']:.2f} in “{p['text']}”")
            if abs(p["indent"] - 2) > 0.01:
                failures.append(f"{rel_path}: indent {p['indent']:.2f}em in “{p['text']}”")
            if p["lineBreak"] != "strict":
                failures.append(f"{rel_path}: line-break {p['lineBreak']} in “{p['text']}”")
            if p["perLine"] > MAX_CHARS_PER_LINE:
                failures.append(f"{rel_path}: {p['perLine']:.1f} characters a line in “{p['text']}”")
            if width == PHONE_WIDTH and p["size"] < MIN_TEXT_PX:
                failures.append(f"{rel_path}: body text {p['size']}px in “{p['text']}”")
    assert seen > 50, f"only {seen} body paragraphs found"
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("width", [NARROW_WIDTH, PHONE_WIDTH, DESKTOP_WIDTH])
def test_dashes_and_ellipses_stay_on_one_line(site: Site, new_tab: NewTab, width: int) -> None:
    tab = new_tab(width, stored_text="large")
    found = 0
    for rel_path in site.pages():
        marks = visit(tab, site, rel_path).evaluate("""() => [...document.querySelectorAll('.nw')]
          .map(el => ({text: el.textContent, lines: el.getClientRects().length,
                       nowrap: getComputedStyle(el).whiteSpace === 'nowrap'
                               || getComputedStyle(el).textWrapMode === 'nowrap'}))""")
        found += len(marks)
        for mark in marks:
            assert mark["nowrap"] and mark["lines"] == 1, f"{rel_path}: {mark} splits across lines"
    assert found, "no —— or …… found in the site: the check would prove nothing"


def test_headings_are_numbered_as_in_the_source(site: Site) -> None:
    """Each part and section page's <h1> starts with the report's own number: 一、 or （一）."""
    pages = [p for p in site.pages() if re.search(r"/part-\d+/(index|section-\d+)\.html$", p)]
    assert pages, "no part or section pages"
    for rel_path in pages:
        html = (site.root / rel_path).read_text(encoding="utf-8")
        h1 = re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)).strip()  # type: ignore[union-attr]
        assert NUMBERED_HEADING.match(h1), f"{rel_path}: heading {h1!r} has lost its number"


def test_no_pop_ups(site: Site) -> None:
    """No new windows, dialogs or alerts: links open in place, scripts never call window.open/alert."""
    for rel_path in site.pages():
        html = (site.root / rel_path).read_text(encoding="utf-8")
        assert not re.search(r"<a\b[^>]*\btarget=", html), f"{rel_path}: a link opens a new window"
        assert "<dialog" not in html, f"{rel_path}: has a dialog"
    for script in (REPO_ROOT / "assets" / "js").rglob("*.js"):
        text = script.read_text(encoding="utf-8")
        assert not re.search(r"\b(window\.open|alert|confirm|prompt)\s*\(", text), f"{script}: opens a pop-up"


def test_accessibility_statement_is_linked_from_every_page(site: Site) -> None:
    statement = (site.root / "accessibility.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", statement)  # codes such as 37668-2019 sit in a no-break <span>
    for needle in (
        "无障碍声明",
        "WCAG",
        "2.2",
        "GB/T 37668-2019",
        "适老化通用设计规范",
        "clreq",
        "axe",
        "Nu HTML",
        "联系",
    ):
        assert needle in text, f"accessibility.html does not mention {needle}"
    assert re.search(r'<dl class="contact">.*?<dd>.+?</dd>', statement, re.S), "the statement gives no contact"
    for rel_path in site.pages():
        html = (site.root / rel_path).read_text(encoding="utf-8")
        footer = html[html.index("<footer") :]
        assert re.search(r'<a href="[^"]*accessibility\.html"[^>]*>无障碍声明</a>', footer), (
            f"{rel_path}: the footer does not link the accessibility statement"
        )
