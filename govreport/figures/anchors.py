"""Sentence anchors: in a rendered report page, each figure's quoted words become a highlighted target (`<mark id>`)
followed by a discreet link back to its card. Only markup is added, never a word, so the fidelity checks still hold."""

from __future__ import annotations

import re

from markupsafe import escape

from . import Placed

# A footnote call, number and all: an editor's quote leaves it out (the check reads the text without it).
NOTE_CALL = r'<sup class="fn-ref">.*?</sup>'
TAG_RE = re.compile(rf"({NOTE_CALL}|<[^>]*>)")
# between two characters of a quote: spaces, the tags of bold or a glossary link, or a footnote call
GAP = rf"(?:\s|{NOTE_CALL}|<[^>]*>)*"


def quote_pattern(quote: str) -> re.Pattern[str]:
    chars = [str(escape(c)) for c in quote if not c.isspace()]
    return re.compile(GAP.join(re.escape(c) for c in chars))


def mark_quotes(html: str, placed: list[Placed], back: str) -> str:
    """`html` with the quotes of these figures marked; `back` is the 数说 page's URL from it."""
    for item in placed:
        html = mark_one(html, item, back)
    return html


def literal_match(html: str, quote: str, start: int) -> re.Match[str] | None:
    """The quote as the page prints it, found without a regular expression over the page (the usual case, and fast)."""
    text = str(escape(quote))
    at = html.find(text, start)
    return None if at < 0 else re.compile(re.escape(text)).match(html, at)


def mark_one(html: str, item: Placed, back: str) -> str:
    start = max(html.find('class="prose'), 0)
    match = literal_match(html, item.figure.quote, start) or quote_pattern(item.figure.quote).search(html, start)
    if match is None:
        return html
    anchor = item.figure.anchor
    marked, first = [], True
    for piece in TAG_RE.split(match.group(0)):
        if not piece or piece.startswith("<"):
            marked.append(piece)
            continue
        id_attr = f' id="{anchor}"' if first else ""
        marked.append(f'<mark class="fig-quote"{id_attr}>{piece}</mark>')
        first = False
    end = after_links(html, match.end())
    label = escape(f"数说：{item.figure.label}")
    link = f'<a class="fig-back" href="{back}#card-{anchor}" aria-label="{label}" data-pagefind-ignore></a>'
    return html[: match.start()] + "".join(marked) + html[match.end() : end] + link + html[end:]


def after_links(html: str, at: int) -> int:
    """Where a link may go after `at`: past the end of any link the quote ends inside (links never nest)."""
    paragraph = html.rfind("<p", 0, at)
    opened = len(re.findall(r"<a\b", html[paragraph:at])) - html.count("</a>", paragraph, at)
    while opened > 0:
        close = html.find("</a>", at)
        if close < 0:
            break
        at, opened = close + len("</a>"), opened - 1
    return at
