"""Typesetting: print HTML and CSS → tagged PDF bytes by WeasyPrint, laid out again until each footnote sits on the page that cites it."""

from __future__ import annotations

import hashlib
import importlib
from dataclasses import dataclass
from types import ModuleType
from typing import Any

NOTE_ID, CALL_ID = "fn-", "fnref-"  # ids of a footnote's text and of the empty mark where it is cited
MAX_LAYOUTS = 4


@dataclass(frozen=True)
class StrayNote:
    """A footnote set on a later page than the one citing it, and the paragraph at the foot of that page."""

    label: str
    call_page: int
    note_page: int
    last_block: str | None


def typeset(html: str, css: str) -> tuple[bytes, list[StrayNote]]:
    """A tagged PDF/UA-1 file (the same input gives the same bytes), and any footnote still on the wrong page."""
    weasyprint = importlib.import_module("weasyprint")
    breaks: set[str] = set()
    for _ in range(MAX_LAYOUTS):
        document = lay_out(weasyprint, html, css + break_css(breaks))
        stray = stray_notes(document)
        blocks = {note.last_block for note in stray if note.last_block}
        if not stray or blocks <= breaks or len(blocks) < len(stray):
            break
        breaks |= blocks
    identifier = hashlib.sha256((html + css).encode("utf-8")).hexdigest()[:32].encode("ascii")
    return bytes(document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=identifier)), stray


def lay_out(weasyprint: ModuleType, html: str, css: str) -> Any:
    # Nothing may be fetched: the print template links nothing and the fonts come from the system.
    fetcher = weasyprint.URLFetcher(allowed_protocols=("about",))
    stylesheet = weasyprint.CSS(string=css, url_fetcher=fetcher)
    return weasyprint.HTML(string=html, base_url="about:blank", url_fetcher=fetcher).render(stylesheets=[stylesheet])


def break_css(blocks: set[str]) -> str:
    """WeasyPrint 70, when a line will not fit at a page's foot and orphans/widows forbid breaking before it,
    makes room by moving the page's last footnote to the next page, even when its call stays on this one.
    Starting that paragraph on the next page is what orphan and widow control would do without footnotes."""
    return "".join(f"\n#{block} {{ break-before: page; }}" for block in sorted(blocks))


def stray_notes(document: Any) -> list[StrayNote]:
    """Footnotes whose text is not on the page of their call, found by the pages' anchors (element ids)."""
    page_of: dict[str, int] = {}
    for number, page in enumerate(document.pages, 1):
        for name in page.anchors:
            page_of.setdefault(name, number)
    stray = []
    for name, call_page in page_of.items():
        label = name.removeprefix(CALL_ID)
        note_page = page_of.get(NOTE_ID + label) if name.startswith(CALL_ID) else None
        if note_page is not None and note_page != call_page:
            stray.append(StrayNote(label, call_page, note_page, last_block(document.pages[:call_page])))
    return stray


def last_block(pages: list[Any]) -> str | None:
    """The id of the last element that starts on these pages: the paragraph running at the last one's foot."""
    for page in reversed(pages):
        named = [(box[1], name) for name, box in page.anchors.items() if not name.startswith((NOTE_ID, CALL_ID))]
        if named:
            return max(named)[1]
    return None
