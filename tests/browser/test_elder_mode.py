"""The elder-friendly mode (适老化): the 大字版 and 高对比度 switches, 朗读, and what readers without JavaScript get."""

from __future__ import annotations

import json
from typing import Any

from playwright.sync_api import Page

from .helpers import NewTab, Site, visit
from .measures import FAKE_SPEECH_JS, FIRST_PAINT_JS, NO_SPEECH_JS, modes, overflow, small_targets, small_text

PHONE_WIDTH = 390
NARROW_WIDTH = 320
DESKTOP_WIDTH = 1280
LARGE_TEXT_PX = 24
LARGE_TARGET_PX = 60

MANDARIN = [{"name": "Fake English", "lang": "en-US"}, {"name": "Fake Mandarin", "lang": "zh_CN"}]
ENGLISH_ONLY = [{"name": "Fake English", "lang": "en-US"}]


def reading_page(site: Site) -> str:
    """A section page that cites a footnote: headings, lead phrases and a [1] the reader must not speak."""
    pages = sorted(site.root.rglob("section-*.html"))
    cited = [p for p in pages if 'role="doc-noteref"' in p.read_text(encoding="utf-8")]
    assert cited, "no section page cites a footnote"
    return cited[0].relative_to(site.root).as_posix()


def large_button(tab: Page) -> Any:
    return tab.get_by_role("button", name="大字版")


def test_every_page_has_a_large_text_button(site: Site, new_tab: NewTab) -> None:
    tab = new_tab(PHONE_WIDTH)
    for rel_path in site.pages():
        visit(tab, site, rel_path)
        button = tab.locator("header button[aria-pressed]", has_text="大字")
        assert button.count() == 1, f"{rel_path}: no 大字 <button aria-pressed> in the header"
        assert button.is_visible(), f"{rel_path}: the 大字版 button is not shown"
        assert tab.locator("header button[aria-pressed]", has_text="对比").is_visible(), (
            f"{rel_path}: no 高对比度 button"
        )


def test_large_text_button_toggles_and_persists_across_pages(site: Site, new_tab: NewTab) -> None:
    tab = visit(new_tab(PHONE_WIDTH), site, reading_page(site))
    assert large_button(tab).get_attribute("aria-pressed") == "false"
    assert modes(tab)["body"] < LARGE_TEXT_PX
    large_button(tab).click()
    assert large_button(tab).get_attribute("aria-pressed") == "true"
    assert modes(tab)["body"] >= LARGE_TEXT_PX, f"大字版 on, body text {modes(tab)['body']}px"
    tab.locator("a[rel=next]").first.click()
    tab.wait_for_load_state()
    assert large_button(tab).get_attribute("aria-pressed") == "true", "大字版 was not remembered on the next page"
    assert modes(tab)["text"] == "large" and modes(tab)["body"] >= LARGE_TEXT_PX
    large_button(tab).click()
    visit(tab, site, "index.html")
    assert large_button(tab).get_attribute("aria-pressed") == "false", "turning 大字版 off was not remembered"
    assert modes(tab)["body"] < LARGE_TEXT_PX


def test_stored_mode_applies_before_the_body_exists(site: Site, new_tab: NewTab) -> None:
    """The head script sets the mode before <body> is parsed, so the first paint is already large."""
    tab = visit(new_tab(PHONE_WIDTH, stored_text="large", init=(FIRST_PAINT_JS,)), site, reading_page(site))
    assert tab.evaluate("window.__modeBeforeBody") is True


def test_large_text_mode_sizes(site: Site, new_tab: NewTab) -> None:
    """大字版: every text at least 24px (footnote superscripts aside), every target at least 60×60px."""
    failures = []
    for width in (PHONE_WIDTH, DESKTOP_WIDTH):
        tab = new_tab(width, stored_text="large")
        for rel_path in site.pages():
            visit(tab, site, rel_path)
            failures += [f"{rel_path} @{width}: text {t}" for t in small_text(tab, LARGE_TEXT_PX)]
            failures += [f"{rel_path} @{width}: target {t}" for t in small_targets(tab, LARGE_TARGET_PX)]
    assert not failures, "大字版 too small:\n" + "\n".join(failures)


def test_high_contrast_button_and_system_setting(site: Site, new_tab: NewTab) -> None:
    tab = visit(new_tab(PHONE_WIDTH), site, "index.html")
    button = tab.get_by_role("button", name="高对比度")
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert modes(tab)["color"] == "rgb(0, 0, 0)" and modes(tab)["background"] == "rgb(255, 255, 255)"
    visit(tab, site, "accessibility.html")
    assert tab.get_by_role("button", name="高对比度").get_attribute("aria-pressed") == "true"
    system = visit(new_tab(PHONE_WIDTH, contrast="more"), site, "index.html")
    assert system.get_by_role("button", name="高对比度").get_attribute("aria-pressed") == "true", (
        "with the system asking for more contrast the switch should show as on"
    )
    assert modes(system)["color"] == "rgb(0, 0, 0)"
    system.get_by_role("button", name="高对比度").click()
    visit(system, site, "index.html")
    assert modes(system)["contrast"] == "normal" and modes(system)["color"] != "rgb(0, 0, 0)", (
        "switching high contrast off here should override the system setting"
    )


def test_dark_colour_scheme_is_followed(site: Site, new_tab: NewTab) -> None:
    tab = visit(new_tab(PHONE_WIDTH, color_scheme="dark"), site, "index.html")
    assert modes(tab)["background"] == "rgb(18, 18, 18)"


def test_reduced_motion_turns_off_movement(site: Site, new_tab: NewTab) -> None:
    tab = visit(new_tab(PHONE_WIDTH, reduced_motion="reduce"), site, "index.html")
    moving = tab.evaluate("""() => [...document.querySelectorAll('*')].filter(el => {
      const s = getComputedStyle(el);
      return parseFloat(s.transitionDuration) > 0 || s.animationName !== 'none' || s.scrollBehavior === 'smooth';
    }).map(el => el.tagName)""")
    assert not moving, f"moving under prefers-reduced-motion: {moving}"


def test_without_javascript_no_dead_controls_and_still_comfortable(site: Site, new_tab: NewTab) -> None:
    tab = new_tab(NARROW_WIDTH, java_script_enabled=False)
    for rel_path in ["index.html", reading_page(site), "accessibility.html"]:
        visit(tab, site, rel_path)
        assert tab.locator("button:visible").count() == 0, f"{rel_path}: a button shows that needs JavaScript"
        assert not small_text(tab, 18), f"{rel_path}: text under 18px without JavaScript"
        assert overflow(tab) is None, f"{rel_path}: scrolls sideways without JavaScript: {overflow(tab)}"


def test_read_aloud_speaks_the_page_in_mandarin_and_pauses_and_stops(site: Site, new_tab: NewTab) -> None:
    init = FAKE_SPEECH_JS % json.dumps(MANDARIN)
    tab = visit(new_tab(PHONE_WIDTH, init=(init,)), site, reading_page(site))
    toggle = tab.locator("[data-read-toggle]")
    stop = tab.locator("[data-read-stop]")
    assert toggle.is_visible() and "朗读" in toggle.inner_text() and not stop.is_visible()
    toggle.click()
    first = tab.evaluate("window.__spoken[0]")
    assert first["lang"] == "zh-CN" and first["voice"] == "Fake Mandarin", first
    assert first["text"] == tab.locator("h1").inner_text().strip()
    assert tab.evaluate("document.querySelector('h1').classList.contains('is-spoken')")
    assert "暂停" in toggle.inner_text() and stop.is_visible()
    tab.evaluate("speechSynthesis.finish()")
    second = tab.evaluate("window.__spoken[1].text")
    toggle.click()
    assert "继续" in toggle.inner_text(), "pausing should offer to continue"
    assert tab.evaluate("speechSynthesis.current") is None, "pausing should silence the speech"
    toggle.click()
    assert tab.evaluate("window.__spoken.at(-1).text") == second, "continuing should repeat the interrupted sentence"
    stop.click()
    assert "朗读" in toggle.inner_text() and not stop.is_visible()
    assert tab.evaluate("document.querySelectorAll('.is-spoken').length") == 0


def test_read_aloud_reads_the_text_but_not_footnote_numbers(site: Site, new_tab: NewTab) -> None:
    init = FAKE_SPEECH_JS % json.dumps(MANDARIN)
    tab = visit(new_tab(PHONE_WIDTH, init=(init,)), site, reading_page(site))
    tab.locator("[data-read-toggle]").click()
    for _ in range(500):
        if (
            tab.evaluate(
                "() => { speechSynthesis.finish(); return document.querySelector('[data-read-aloud]').dataset.state; }"
            )
            == "idle"
        ):
            break
    spoken = "".join(tab.evaluate("window.__spoken.map(s => s.text)"))
    body = "".join(
        tab.evaluate("""() => [...document.querySelectorAll('main .prose p')].map(p => {
      const c = p.cloneNode(true); c.querySelectorAll('.fn-ref').forEach(n => n.remove());
      return c.textContent.replace(/\\s+/g, ' ').trim(); })""")
    )
    assert body and body.replace(" ", "") in spoken.replace(" ", ""), (
        "the page's paragraphs were not all read, in order"
    )
    assert "[1]" not in spoken and "脚注" not in spoken, "footnote numbers should not be read aloud"


def test_read_aloud_is_hidden_where_the_browser_cannot_speak_chinese(site: Site, new_tab: NewTab) -> None:
    for init in (NO_SPEECH_JS, FAKE_SPEECH_JS % json.dumps(ENGLISH_ONLY)):
        tab = visit(new_tab(PHONE_WIDTH, init=(init,)), site, reading_page(site))
        assert tab.locator("[data-read-aloud]").count() == 1
        assert not tab.locator("[data-read-aloud]").is_visible(), (
            f"朗读 shown although the browser cannot speak Chinese ({init[:40]}…)"
        )


def test_read_aloud_only_on_reading_pages(site: Site, new_tab: NewTab) -> None:
    tab = new_tab(PHONE_WIDTH, init=(FAKE_SPEECH_JS % json.dumps(MANDARIN),))
    for rel_path in site.pages():
        visit(tab, site, rel_path)
        shown = tab.locator("[data-read-aloud]").is_visible()
        reading = tab.locator("article.reading").count() == 1
        assert shown == reading, (
            f"{rel_path}: 朗读 {'shown' if shown else 'missing'} on a {'reading' if reading else 'non-reading'} page"
        )
