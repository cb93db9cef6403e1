"""What the browser tests measure in a page: text sizes, tap targets, line lengths, focus, tab order and reading modes."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page

TEXT_KEY = "govreport.text"
CONTRAST_KEY = "govreport.contrast"

# Elements a finger or a keyboard can reach, as rendered (closed <details>, [hidden] and 1px clips left out).
TARGETS_JS = """(minimum) => {
  const selector = 'a[href], button, summary, input, select, textarea, [tabindex]:not([tabindex="-1"])';
  const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  return [...document.querySelectorAll(selector)]
    .filter(el => shown(el) && !el.classList.contains('skip-link'))
    .map(el => ({el, rect: el.getBoundingClientRect()}))
    .filter(({rect}) => rect.width > 1 && rect.height > 1)
    .filter(({rect}) => rect.width < minimum - 0.01 || rect.height < minimum - 0.01)
    .map(({el, rect}) => `${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 20)}" `
                         + `${rect.width.toFixed(1)}x${rect.height.toFixed(1)}`);
}"""

# Every rendered element holding text of its own, with its font size; superscript footnote numbers excepted.
SMALL_TEXT_JS = """(minimum) => {
  const own = el => [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  return [...document.body.querySelectorAll('*')]
    .filter(el => own(el) && el.getClientRects().length > 0 && !el.closest('sup, .visually-hidden, [hidden]'))
    .map(el => ({el, size: parseFloat(getComputedStyle(el).fontSize)}))
    .filter(({size}) => size < minimum - 0.01)
    .map(({el, size}) => `${el.tagName.toLowerCase()}.${el.className || '-'} "${el.textContent.trim().slice(0, 15)}" ${size}px`);
}"""

# Body paragraphs: size, line height, indent, line-break and the characters a full line holds.
PARAGRAPHS_JS = """() => [...document.querySelectorAll('main .prose p')]
  .filter(p => p.getClientRects().length > 0)
  .map(p => {
    const style = getComputedStyle(p);
    const size = parseFloat(style.fontSize);
    return {text: p.textContent.trim().slice(0, 15), size, lineHeight: parseFloat(style.lineHeight) / size,
            indent: parseFloat(style.textIndent) / size, lineBreak: style.lineBreak,
            perLine: p.clientWidth / size};
  })"""

OVERFLOW_JS = """() => ({scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
  wide: [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > window.innerWidth + 0.5)
    .slice(0, 3).map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''))})"""

# Numbers every element in document order, once, before the walk: a script may add content when a control takes
# focus (a term's preview) and remove it when focus leaves, which would shift a count of elements taken at each stop.
MARK_ORDER_JS = """() => { document.querySelectorAll('*').forEach((el, i) => { el.__docOrder = i; }); }"""

# The focused element: where it is on the page, whether an outline shows, and its place in document order. An
# element a script added after MARK_ORDER_JS ("added") takes the place of the numbered element before it, plus
# a fraction for each element between them.
FOCUSED_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const rect = el.getClientRects()[0] || el.getBoundingClientRect();  // a link that wraps starts on its first line
  const style = getComputedStyle(el);
  const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_ELEMENT);
  walker.currentNode = el;
  let steps = 0, node = el;
  while (node.__docOrder === undefined && walker.previousNode()) { node = walker.currentNode; steps += 1; }
  return {tag: el.tagName.toLowerCase(), text: el.textContent.trim().slice(0, 20),
          order: (node.__docOrder ?? -1) + steps / 10000, added: el.__docOrder === undefined,
          top: rect.top + window.scrollY, bottom: rect.bottom + window.scrollY, left: rect.left,
          outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
          inMain: Boolean(el.closest('main')), inFooter: Boolean(el.closest('footer'))};
}"""

MODE_JS = """() => ({text: document.documentElement.getAttribute('data-text'),
  contrast: document.documentElement.getAttribute('data-contrast'),
  body: parseFloat(getComputedStyle(document.querySelector('main p') || document.body).fontSize),
  background: getComputedStyle(document.body).backgroundColor, color: getComputedStyle(document.body).color})"""

# Records, from the first script that runs, whether <body> existed when the stored mode reached <html>.
FIRST_PAINT_JS = """(() => {
  window.__modeBeforeBody = null;
  new MutationObserver((changes, observer) => {
    if (document.documentElement.hasAttribute('data-text')) {
      window.__modeBeforeBody = document.body === null;
      observer.disconnect();
    }
  }).observe(document, {attributes: true, subtree: true, childList: true});
})();"""

# A stand-in for speechSynthesis: records what is spoken; `speechSynthesis.finish()` ends the current sentence.
FAKE_SPEECH_JS = """((voices) => {
  const spoken = [];
  class FakeUtterance {
    constructor(text) { this.text = text; this.lang = ''; this.voice = null; this.onend = null; this.onerror = null; }
  }
  const synth = {
    current: null, cancels: 0,
    getVoices() { return voices; },
    speak(u) { spoken.push({text: u.text, lang: u.lang, voice: u.voice && u.voice.name}); this.current = u; },
    cancel() { this.current = null; this.cancels += 1; },
    pause() {}, resume() {}, addEventListener() {},
    finish() { const u = this.current; this.current = null; if (u && u.onend) u.onend({}); },
  };
  Object.defineProperty(window, 'speechSynthesis', {value: synth, configurable: true});
  window.SpeechSynthesisUtterance = FakeUtterance;
  window.__spoken = spoken;
})(%s);"""

NO_SPEECH_JS = "Object.defineProperty(window, 'speechSynthesis', {value: undefined, configurable: true});"


def store_modes_js(text: str | None, contrast: str | None) -> str:
    """An init script that stores reading modes before any page script runs."""
    lines = [
        f"localStorage.setItem('{TEXT_KEY}', '{text}');" if text else "",
        f"localStorage.setItem('{CONTRAST_KEY}', '{contrast}');" if contrast else "",
    ]
    return "\n".join(line for line in lines if line)


def small_targets(page: Page, minimum: float) -> list[str]:
    result: list[str] = page.evaluate(TARGETS_JS, minimum)
    return result


def small_text(page: Page, minimum: float) -> list[str]:
    result: list[str] = page.evaluate(SMALL_TEXT_JS, minimum)
    return result


def paragraphs(page: Page) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = page.evaluate(PARAGRAPHS_JS)
    return result


def overflow(page: Page) -> str | None:
    """None if the page fits its width, else what sticks out."""
    layout: dict[str, Any] = page.evaluate(OVERFLOW_JS)
    if layout["scrollWidth"] <= layout["innerWidth"]:
        return None
    return f"scrollWidth {layout['scrollWidth']} > {layout['innerWidth']}; too wide: {', '.join(layout['wide'])}"


def tab_stops(page: Page, limit: int = 400) -> list[dict[str, Any]]:
    """Press Tab from the top of the page until focus leaves the page's last control, recording each stop."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    page.evaluate(MARK_ORDER_JS)
    stops: list[dict[str, Any]] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop: dict[str, Any] | None = page.evaluate(FOCUSED_JS)
        if stop is None or (stops and stop["order"] <= stops[-1]["order"]):
            break
        stops.append(stop)
    return stops


def modes(page: Page) -> dict[str, Any]:
    result: dict[str, Any] = page.evaluate(MODE_JS)
    return result
