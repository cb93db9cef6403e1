"""Paragraph shapes: text with blank lines between paragraphs, one paragraph a line, or hard-wrapped → blank lines.

Editors bring a report's text in three shapes, and the text itself says which:
- **blank lines** between paragraphs (a PDF's text, saved with care): most lines are followed by a blank line;
- **one paragraph a line** (pasted from Word or a web page): lines follow each other and their lengths vary as
  paragraphs do;
- **hard-wrapped** (copied out of a PDF): most lines are the same width, the page's measure; a paragraph ends on a
  line clearly short of it, or where a heading, a footnote text or an indented line starts.
Page-number lines (`— 3 —`, `- 3 -`, `第 3 页`) are left out in every shape, and said so. Nothing else is changed:
lines are only regrouped, so every character stays where it was.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from ...i18n import N_, _
from ...numbering import level_of
from ..rules import CLOSERS
from .pagefoot import Page, lift_notes
from .source import SUPERSCRIPT, Left

PAGE_NUMBER_RE = re.compile(
    r"^(?:[—–\-－―]+\s*\d{1,4}\s*[—–\-－―]+|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?)$"
)
BARE_NUMBER_RE = re.compile(r"^\d{1,3}$")  # a page number without dashes: only trusted between wrapped pages
# Lines that always start a paragraph: a footnote text, an address to the delegates (and headings, by level_of).
STARTS_PARAGRAPH_RE = re.compile(rf"^(?:[{SUPERSCRIPT}]+\s|各位代表)")
# A paragraph that opens with a short sentence with no pause in it (经济指标稳步回升。) starts a new paragraph.
LEAD_PHRASE_RE = re.compile(r"^[^。！？，、；：\s]{2,25}[。！？]")
SENTENCE_END = "。！？；…"
NOTE_START_RE = re.compile(rf"^[{SUPERSCRIPT}]+\s")
INDENT_RE = re.compile(r"^[\s\u3000]{2,}")
BLANK_LINE_SHARE = 0.5  # at least this share of lines followed by a blank line: the blank-line shape
WRAPPED_SHARE = 0.4  # at least this share of long lines at the measure: hard-wrapped
SLACK = 4  # display columns (two Han characters) a full line may fall short: justification, a lost indent
# Typeset text whose full lines vary in width (punctuation set half-width at a line's end, as WeasyPrint and Word
# do) falls up to three Han characters short: then a line is short only beyond that.
LOOSE_SLACK = 6
EXACT_SHARE = 0.75  # at least this share of the lines near the measure exactly at it: tightly set


@dataclass(frozen=True)
class Shaped:
    """Text regrouped into the blank-line shape, the original line of each of its lines, and what was left out."""

    text: str
    places: tuple[int, ...]
    left_out: tuple[Left, ...]
    shape: str
    doubts: tuple[Left, ...] = ()  # where a rule hesitated, and what it took


def reshape(text: str) -> Shaped:
    """The text in the blank-line shape, whatever shape it came in."""
    lines = text.split("\n")
    shape, measure = shape_of(lines)
    kept: list[tuple[int, str]] = []
    left: list[Left] = []
    for number, line in enumerate(lines, start=1):
        if is_page_number(lines, number - 1, shape):
            left.append(Left(number, line.strip(), _("page number")))
        else:
            kept.append((number, line))
    if shape == "blank lines":
        return Shaped("\n".join(line for _, line in kept), tuple(n for n, _ in kept), tuple(left), shape)
    doubts: list[Left] = []
    if shape == "hard-wrapped":
        pages, headers, doubts = lift_notes(split_pages(kept, {int(x.place) for x in left}))
        kept = [line for i, page in enumerate(pages) for line in page_start(i, page) + page.lines]
        left = sorted(left + headers, key=lambda x: int(x.place))
    shaped = regroup(kept, measure, tuple(left), shape)
    return replace(shaped, doubts=tuple(sorted(doubts + list(shaped.doubts), key=lambda d: int(d.place))))


def split_pages(kept: list[tuple[int, str]], page_numbers: set[int]) -> list[Page]:
    """Pages end at a page number left out, and start at a form feed."""
    pages: list[list[tuple[int, str]]] = [[]]
    for number, line in kept:
        if line.startswith("\f") and pages[-1]:
            pages.append([])
        pages[-1].append((number, line.replace("\f", "")))
        if number + 1 in page_numbers and pages[-1]:
            pages.append([])
    return [Page(lines) for lines in pages if any(text.strip() for _, text in lines)]


def page_start(index: int, page: Page) -> list[tuple[int, str]]:
    """A form feed before every page but the first: where a paragraph must end (the rules rejoin a cut one)."""
    return [(page.lines[0][0], "\f")] if index and page.lines else []


def shape_of(lines: list[str]) -> tuple[str, Measure]:
    """Which of the three shapes the lines are in, and the measure of wrapped text."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if not filled:
        return N_("blank lines"), Measure()
    followed_by_blank = sum(1 for i in filled if i + 1 >= len(lines) or not lines[i + 1].strip())
    if followed_by_blank / len(filled) >= BLANK_LINE_SHARE:
        return N_("blank lines"), Measure()
    measure = measure_of([lines[i] for i in filled])
    return (N_("hard-wrapped"), measure) if measure.columns else (N_("one paragraph a line"), measure)


@dataclass(frozen=True)
class Measure:
    """A page's measure, in display columns or (text that was wrapped by counting) in characters, two columns each."""

    columns: int = 0
    by_characters: bool = False
    slack: int = SLACK

    def width(self, line: str) -> int:
        return 2 * len(line) if self.by_characters else width(line)


def measure_of(lines: list[str]) -> Measure:
    """The width most long lines share, if they do: a page's measure (columns: 0 when there is none). Typeset
    text is justified by width, a Latin digit taking half a Han character; text wrapped by a program may count
    characters instead. The way of counting under which the lines agree better is the text's own."""
    best = (0.0, Measure())
    for measure in (Measure(1), Measure(1, by_characters=True)):
        widths = [measure.width(line.strip()) for line in lines]
        share, mode = shared_width(widths)
        if share > best[0]:
            best = (share, Measure(mode, measure.by_characters, slack_of(widths, mode)))
    return best[1] if best[0] >= WRAPPED_SHARE else Measure()


def slack_of(widths: list[int], mode: int) -> int:
    """How far a full line may fall short of the measure in this text: tight when nearly all are exactly at it."""
    near = [w for w in widths if mode - 2 * LOOSE_SLACK <= w <= mode + 1]
    exact = sum(1 for w in near if w == mode)
    return SLACK if near and exact / len(near) >= EXACT_SHARE else LOOSE_SLACK


def shared_width(widths: list[int]) -> tuple[float, int]:
    """The share of long lines within SLACK of the commonest width, and that width."""
    long = [w for w in widths if w >= 20]
    if len(long) < 10:
        return 0.0, 0
    counts: dict[int, int] = {}
    for w in long:
        counts[w] = counts.get(w, 0) + 1
    mode = max(counts, key=lambda w: (counts[w], w))
    at_measure = sum(1 for w in long if mode - SLACK <= w <= mode + 1)
    return (at_measure / len(long), mode) if at_measure >= 10 else (0.0, 0)


def width(line: str) -> int:
    """Display columns: a Han character or full-width mark takes two, a Latin letter or digit one."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def is_page_number(lines: list[str], index: int, shape: str) -> bool:
    """`— 3 —`, `第 3 页` anywhere; a bare `3` only in wrapped text, and where a page ends if the text marks its
    pages with form feeds (pdftotext does): elsewhere it may be a footnote's number on a line of its own."""
    stripped = lines[index].strip()
    if PAGE_NUMBER_RE.match(stripped):
        return True
    if shape != "hard-wrapped" or not BARE_NUMBER_RE.match(stripped):
        return False
    if not any("\f" in line for line in lines):
        return True
    following = next((line for line in lines[index + 1 :] if line.strip()), None)
    return following is None or following.startswith("\f")


def regroup(kept: list[tuple[int, str]], measure: Measure, left: tuple[Left, ...], shape: str) -> Shaped:
    """One block per paragraph, a blank line between blocks. A page end (a page number left out, a form feed)
    ends a block too: a paragraph cut there is joined again by the rules, as in text with blank lines."""
    out: list[str] = []
    places: list[int] = []
    doubts: list[Left] = []
    page_ends = {int(x.place) for x in left}
    open_paragraph = False
    first_line = ""
    for index, (number, line) in enumerate(kept):
        if not line.strip() or line.startswith("\f") or number - 1 in page_ends:
            open_paragraph = False
        line = line.replace("\f", "")
        if not line.strip():
            continue
        if out and not (open_paragraph and continues(line)):
            out.append("")
            places.append(number)
        if not out or out[-1] == "":
            first_line = line
        out.append(line)
        places.append(number)
        open_paragraph = shape == "hard-wrapped" and is_full(line, measure)
        following = next((rest for _, rest in kept[index + 1 :] if rest.strip()), "")
        if open_paragraph and line is first_line and level_of(line.strip()) and is_full(following, measure):
            open_paragraph = False  # a heading's own second line is its short tail; a full one is the text below
        elif open_paragraph and ends_sentence(line) and NOTE_START_RE.match(first_line.strip()):
            open_paragraph = False  # a footnote text is short: its sentence's end is its end
        elif open_paragraph and ends_sentence(line):
            open_paragraph = not LEAD_PHRASE_RE.match(following.strip())
            doubts.append(Left(number, line.strip(), doubt(open_paragraph)))
    return Shaped("\n".join(out), tuple(places), left, shape, tuple(doubts))


def doubt(joined: bool) -> str:
    if joined:
        return _(
            "a full line that ends a sentence may also end its paragraph; taken: the next line goes on the same paragraph"
        )
    return _(
        "a full line that ends a sentence may also end its paragraph; taken: the next line, a lead phrase, starts a new one"
    )


def ends_sentence(line: str) -> bool:
    return line.rstrip().rstrip(CLOSERS)[-1:] in SENTENCE_END


def continues(line: str) -> bool:
    """A line goes on the paragraph above unless it starts one of its own: a heading of any level, a footnote
    text, an address to the delegates, or an indented line."""
    stripped = line.strip()
    return not (STARTS_PARAGRAPH_RE.match(stripped) or level_of(stripped) or INDENT_RE.match(line))


def is_full(line: str, measure: Measure) -> bool:
    """A line that reaches the measure was wrapped; one clearly short of it ends its paragraph."""
    return measure.width(line.strip()) >= measure.columns - measure.slack
