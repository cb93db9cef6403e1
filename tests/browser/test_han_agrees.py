"""Chromium's Han set for search.js's HAN is Python's (govreport/han.py): the index and the query cut Chinese alike."""

from __future__ import annotations

import warnings

from playwright.sync_api import Browser

from tests.hanset import ENGINE_RANGES_JS, OLD_HAND_KEPT_JS_HAN, compare, search_js_han


def engine_ranges(browser: Browser, literal: str) -> dict[str, list[list[int]]]:
    page = browser.new_page()
    try:
        return page.evaluate(ENGINE_RANGES_JS, literal)
    finally:
        page.close()


def test_search_js_han_is_pythons_in_chromium(browser: Browser) -> None:
    result = compare(engine_ranges(browser, search_js_han()))
    if result.version_only:
        warnings.warn(
            f"Han on one side only, where the other side's Unicode version has no character: {sorted(result.version_only)[:20]}…",
            stacklevel=2,
        )
    assert not result.python_only and not result.js_only, result.disagreement()


def test_the_comparison_fails_on_another_set(browser: Browser) -> None:
    """The old hand-kept list would fail the test above, naming the code points it missed."""
    result = compare(engine_ranges(browser, OLD_HAND_KEPT_JS_HAN))
    assert {0x16FE2, 0x16FF0, 0x31350, 0x323B0} <= result.python_only, result.disagreement()
    assert not result.js_only, result.disagreement()
    assert "U+16FE2–U+16FE3" in result.disagreement()


def test_search_js_splits_a_query_at_each_han_character(browser: Browser) -> None:
    """pagefindQuery's replace: Extension B, 々 and 〇 are words of their own; a full-width comma is not Han."""
    page = browser.new_page()
    try:
        split = page.evaluate(
            "(literal) => '𠀀々〇，ab中'.replace(new Function('return ' + literal)(), ' $& ')", search_js_han()
        )
    finally:
        page.close()
    assert split == " 𠀀  々  〇 ，ab 中 "
