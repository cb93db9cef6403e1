"""A PDF page's characters (pdfplumber's, with position, size and font) → lines, and what the page's layout says
about each: a running header or footer and a page number outside the text block, the footnote area at its foot
(smaller type, each note starting with its number), a footnote call (smaller and raised), bold (the font's name).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ...i18n import _
from ...numbering import level_of
from .paragraphs import Piece
from .source import superscript

PAGE_NUMBER_RE = re.compile(
    r"^(?:[—–\-－~·•]\s*)?\d{1,4}(?:\s*[—–\-－~·•])?$"  # 3, — 3 —, - 3 -
    r"|^第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?$"  # 第 3 页, 第 3 页 共 18 页
    r"|^\d{1,4}\s*/\s*\d{1,4}$"  # 3 / 18
)
BOLD_FONT_RE = re.compile(r"bold|black|heavy|semibold|demibold|hei|黑|,b$|w[6-9]$", re.I)
SUBSET_RE = re.compile(r"^[A-Z]{6}\+")
NOTE_MARK_RE = re.compile(r"^(?:\[(\d{1,3})\]|([①-⑳])|(\d{1,3})(?=\s|[^\d\s]))\s*")
SENTENCE_END = "。！？；：…"
SHORT = 4  # characters
LATIN_RE = re.compile(r"[A-Za-z0-9]")


@dataclass
class Line:
    """Characters on one baseline of one page, left to right, with the line's box and its (most common) type size."""

    page: int
    chars: list[dict[str, Any]]
    top: float
    bottom: float
    x0: float = 0.0
    x1: float = 0.0
    size: float = 0.0

    def finish(self) -> Line:
        self.chars.sort(key=lambda c: c["x0"])
        drawn = [c for c in self.chars if c["text"].strip()]
        self.x0, self.x1 = drawn[0]["x0"], max(c["x1"] for c in drawn)
        self.size = Counter(round(c["size"], 1) for c in self.chars if c["text"].strip()).most_common(1)[0][0]
        return self

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars).strip()


def page_lines(chars: list[dict[str, Any]], page: int) -> list[Line]:
    """Group characters into lines: a character joins the line it overlaps by half its height (a raised call too)."""
    lines: list[Line] = []
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        line = next((ln for ln in reversed(lines[-3:]) if overlaps(char, ln)), None)
        if line is None:
            lines.append(Line(page, [char], char["top"], char["bottom"]))
        else:
            line.chars.append(char)
            line.top, line.bottom = min(line.top, char["top"]), max(line.bottom, char["bottom"])
    return [line.finish() for line in lines if line.text]


def is_edge_page_number(line: Line, lines: list[Line]) -> bool:
    """A page number stands alone as the page's first or last line."""
    return line in (lines[0], lines[-1]) and bool(PAGE_NUMBER_RE.match(line.text))


def overlaps(char: dict[str, Any], line: Line) -> bool:
    shared = min(char["bottom"], line.bottom) - max(char["top"], line.top)
    return shared >= 0.5 * (char["bottom"] - char["top"])


def most_common(values: list[float], default: float) -> float:
    return Counter(round(v) for v in values).most_common(1)[0][0] if values else default


@dataclass
class Measure:
    """What the whole document's body text looks like: type size and font, left and right edges, line pitch; where the
    text block starts (a line above it is a running header) and where the page numbers at the foot stand (a line as
    low as them is a running footer; the footnote area is above them)."""

    size: float
    font: str
    left: float
    right: float
    top: float
    footer: float
    pitch: float

    @classmethod
    def of(cls, pages: list[list[Line]]) -> Measure:
        chars = [c for page in pages for line in page for c in line.chars if c["text"].strip()]
        size = Counter(round(c["size"], 1) for c in chars).most_common(1)[0][0]
        font = Counter(base_font(c["fontname"]) for c in chars if round(c["size"], 1) == size).most_common(1)[0][0]
        body = [
            [ln for ln in page if is_body_size(ln.size, size) and not is_edge_page_number(ln, page)] for page in pages
        ]
        lines = [ln for page in body for ln in page]
        pitches = [b.top - a.top for page in body for a, b in zip(page, page[1:]) if b.top - a.top > 0]
        numbers = [page[-1].top for page in pages if page and is_edge_page_number(page[-1], page)]
        return cls(
            size=size,
            font=font,
            left=most_common([ln.x0 for ln in lines], 0),
            right=max((ln.x1 for ln in lines), default=0),
            top=most_common([page[0].top for page in body if page], 0),
            footer=min(numbers, default=float("inf")) - 0.3 * size,
            pitch=most_common(pitches, size * 1.5),
        )

    def is_bold(self, char: dict[str, Any]) -> bool:
        """A Bold or 黑体 face, unless the body itself is set in one (then nothing is bold by its name)."""
        return bool(BOLD_FONT_RE.search(base_font(char["fontname"]))) and not BOLD_FONT_RE.search(self.font)

    def outside(self, line: Line) -> str:
        """Why a line is not the report's text: it stands above the text block, or as low as the page numbers."""
        if line.bottom < self.top - 0.2 * self.size:
            return _("running header")
        return _("running footer") if line.top >= self.footer else ""


def base_font(name: str) -> str:
    return SUBSET_RE.sub("", name or "")


def is_body_size(size: float, body: float) -> bool:
    return abs(size - body) <= 0.05 * body


def is_raised(char: dict[str, Any], line: Line) -> bool:
    """Smaller than the line's type and standing above its baseline: a footnote call (or an exponent)."""
    return char["size"] < 0.8 * line.size and char["bottom"] < line_bottom(line) - 0.2 * line.size


def line_bottom(line: Line) -> float:
    main = [c["bottom"] for c in line.chars if abs(c["size"] - line.size) < 0.5]
    return max(main) if main else line.bottom


@dataclass
class PageParts:
    """One page's lines sorted out: what the page shows as text, its footnote texts, what is left out and why."""

    body: list[Line] = field(default_factory=list)
    notes: list[tuple[int, list[Line]]] = field(default_factory=list)
    offset: int = 0  # added to the page's note and call numbers where every page counts from 1
    unmarked: list[Line] = field(default_factory=list)  # small type at the foot before any note number
    left_out: list[tuple[Line, str]] = field(default_factory=list)


def sort_page(lines: list[Line], measure: Measure) -> PageParts:
    """Page numbers, running headers and footers left out; the footnote area at the foot; the rest is the text."""
    parts = PageParts()
    kept = []
    for line in lines:
        # A number heading the page counts only above the text block: a cover may start with its year.
        at_edge = is_edge_page_number(line, lines) and (line is lines[-1] or bool(measure.outside(line)))
        reason = _("page number") if at_edge else measure.outside(line)
        if reason:
            parts.left_out.append((line, reason))
        else:
            kept.append(line)
    foot = small_type_foot(kept, measure)
    first_note = next((i for i, line in enumerate(foot) if note_mark(line)), len(foot))
    parts.body = kept[: len(kept) - len(foot)]
    parts.unmarked = foot[:first_note]
    parts.notes = split_notes(foot[first_note:])
    return parts


def small_type_foot(lines: list[Line], measure: Measure) -> list[Line]:
    """The page's last lines, as long as they are in smaller type than the body: where its footnote area can be."""
    start = len(lines)
    while start > 0 and lines[start - 1].size < 0.95 * measure.size:
        start -= 1
    return lines[start:]


def carry_over(pages: list[PageParts]) -> None:
    """Small type at a page's foot before any note number goes on with the last note of the page before, when it is
    in that note's type size (a long note split by the page break); else it is the page's own text."""
    for before, page in zip(pages, pages[1:]):
        if not page.unmarked:
            continue
        last = before.notes[-1][1] if before.notes else []
        if last and all(abs(line.size - last[-1].size) < 0.5 for line in page.unmarked):
            last.extend(page.unmarked)
        else:
            page.body.extend(page.unmarked)
    if pages and pages[0].unmarked:
        pages[0].body.extend(pages[0].unmarked)


def note_mark(line: Line) -> tuple[int, int] | None:
    """(the note's number, how many characters of the line it takes) when the line starts a footnote text."""
    raised = 0
    while raised < len(line.chars) and line.chars[raised]["text"].isdigit() and is_raised(line.chars[raised], line):
        raised += 1
    if raised:
        return int("".join(c["text"] for c in line.chars[:raised])), raised
    match = NOTE_MARK_RE.match("".join(c["text"] for c in line.chars))
    if not match:
        return None
    number = match.group(1) or match.group(3)
    return (int(number) if number else ord(match.group(2)) - 0x245F), match.end()


def split_notes(foot: list[Line]) -> list[tuple[int, list[Line]]]:
    """Each note with its lines: a line starts the next note when it starts with the next number."""
    notes: list[tuple[int, list[Line]]] = []
    for line in foot:
        mark = note_mark(line)
        if mark and (not notes or mark[0] == notes[-1][0] + 1):
            line.chars = line.chars[mark[1] :]
            notes.append((mark[0], [line]))
        elif notes:
            notes[-1][1].append(line)
    return [(number, kept) for number, lines in notes if (kept := [ln for ln in lines if ln.chars])]


def starts_paragraph(line: Line, before: Line | None, measure: Measure) -> bool:
    """A first-line indent (or a centred line), a wider gap, another type size, a line after one that stopped
    clearly short of the measure, or a heading after a finished sentence."""
    if before is None:
        return True
    if line.x0 > measure.left + 0.5 * measure.size or abs(line.size - before.size) > 0.1 * measure.size:
        return True
    if line.page == before.page and line.top - before.top > 1.25 * measure.pitch:
        return True
    if is_short(before, measure):
        return True
    return before.text[-1] in SENTENCE_END and bool(level_of(line.text))


def is_short(line: Line, measure: Measure) -> bool:
    """Stopped more than four characters short of the measure: Chinese line breaking (no line starts with 。 or
    ends with “) pulls a full line back by two at most, so the paragraph ended there."""
    return line.x1 < measure.right - SHORT * measure.size


def line_pieces(line: Line, measure: Measure, offset: int = 0) -> list[Piece]:
    """The line's text as pieces: bold by the font, calls (raised digits) as superscript numbers, and a space where a
    gap between two Latin characters stands for one the PDF does not draw."""
    pieces: list[Piece] = []
    call = ""
    for index, char in enumerate(line.chars):
        if char["text"].isdigit() and is_raised(char, line):
            call += char["text"]
            continue
        if call:
            pieces.append(Piece(superscript(int(call) + offset)))
            call = ""
        space = missing_space(line.chars[index - 1], char) if index else ""
        if space:
            pieces.append(Piece(space, pieces[-1].bold if pieces else False))
        text = char["text"]
        bold = pieces[-1].bold if text.isspace() and pieces else measure.is_bold(char)
        pieces.append(Piece(text, bold))
    if call:
        pieces.append(Piece(superscript(int(call) + offset)))
    return pieces


def missing_space(before: dict[str, Any], char: dict[str, Any]) -> str:
    """What a gap between two drawn characters stands for when the PDF draws no space there: an ideographic space
    for a gap of two characters or more (a table's columns, a tab), a space between two Latin characters."""
    gap = char["x0"] - before["x1"]
    if before["text"].isspace() or char["text"].isspace():
        return ""
    if gap >= 2 * char["size"]:
        return "\u3000"
    return " " if gap > 0.25 * char["size"] and LATIN_RE.match(before["text"]) and LATIN_RE.match(char["text"]) else ""
