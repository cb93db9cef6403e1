"""Pages of text copied out of a PDF (`pdftotext`): running headers, and footnotes whose numbers lost their raise.

Copied text keeps each page's lines but not the type: a call `¹` comes out as a plain `1` glued to the word before
it (`“三站一场”1、`), and the note at the page's foot as a line `1 大康路站…`. A page's foot is read as its notes
only when it says so twice: lines at the end of the page that start with the next note numbers in order (1, 2, 3
over the whole report), and for each such number a call on the same page, the number standing alone between Han
characters or Chinese punctuation. Then the call is raised (`¹`) and the note becomes `¹ …`, the shape the rules
read. A number with no call is left as text, and said so. A short line that opens two or more pages the same way,
after their page numbers, is a running header: left out, and listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...i18n import _
from .source import SUPERSCRIPT, Left, superscript

NOTE_START_RE = re.compile(r"^(\d{1,2})(?:\s+(\S.*))?$")
HEADER_MAX = 30


@dataclass(frozen=True)
class Page:
    """One page's lines (number, text), in order, without its page number."""

    lines: list[tuple[int, str]]


def call_re(number: int) -> re.Pattern[str]:
    """The number standing alone, glued to Han or Chinese punctuation on at least its left."""
    return re.compile(rf"(?<=[\u4e00-\u9fff”’）》」』]){number}(?![\d.%．])(?=[\u4e00-\u9fff，、。；：！？“”（）]|$)")


def running_headers(pages: list[Page]) -> set[str]:
    """Short lines that open two or more pages (after the first) with the same words."""
    openings: dict[str, int] = {}
    for page in pages[1:]:
        first = next((text.strip() for _, text in page.lines if text.strip()), "")
        if first and len(first) <= HEADER_MAX:
            openings[first] = openings.get(first, 0) + 1
    return {text for text, count in openings.items() if count >= 2}


def lift_notes(pages: list[Page]) -> tuple[list[Page], list[Left], list[Left]]:
    """Pages with their foot notes and calls in the raised shape; the running headers left out; the doubts."""
    headers = running_headers(pages)
    left: list[Left] = []
    doubts: list[Left] = []
    out: list[Page] = []
    expected = 1
    for page in pages:
        lines = []
        for number, text in page.lines:
            if text.strip() in headers:
                left.append(Left(number, text.strip(), _("running header")))
            else:
                lines.append((number, text))
        before = out[-1].lines if out else []
        lines, expected, page_doubts = lift_page_notes(before, lines, expected)
        doubts += page_doubts
        out.append(Page(lines))
    return out, left, doubts


def lift_page_notes(
    before: list[tuple[int, str]], lines: list[tuple[int, str]], expected: int
) -> tuple[list[tuple[int, str]], int, list[Left]]:
    """One page: find its note area at the foot, raise its calls (on this page, or on the page before when the
    note did not fit under its call), and give the next note number due. `before` is changed in place."""
    start = note_area_start(lines, expected)
    if start is None:
        return lines, expected, []
    body, foot = lines[:start], lines[start:]
    doubts: list[Left] = []
    raised_foot: list[tuple[int, str]] = []
    searched_from = 0
    for number, text in foot:
        found = NOTE_START_RE.match(text.strip())
        if found and int(found.group(1)) == expected:
            position = raise_call(body, expected, searched_from)
            if position is None and not searched_from and raise_call(before, expected, 0) is not None:
                position = 0
            if position is None:
                doubts.append(
                    Left(
                        number,
                        text.strip(),
                        _("looks like footnote {number}, but no call {number} is on its page: kept as text").format(
                            number=expected
                        ),
                    )
                )
                return lines, expected, doubts
            searched_from = position
            raised_foot.append((number, ""))  # a blank line: each note its own block
            raised_foot.append((number, f"{superscript(expected)} {found.group(2) or ''}".rstrip()))
            expected += 1
        elif text.strip() and raised_foot:
            # The foot holds notes only: a line that starts none goes on the note above, blank lines or not.
            glue = " " if raised_foot[-1][1].rstrip()[-1:] in SUPERSCRIPT else ""
            raised_foot[-1] = (raised_foot[-1][0], raised_foot[-1][1] + glue + text.strip())
    return body + raised_foot, expected, doubts


def note_area_start(lines: list[tuple[int, str]], expected: int) -> int | None:
    """Where the page's notes begin: the last line starting with the next note number, with only its own lines
    and the following notes after it."""
    candidates = [
        i
        for i, (_, text) in enumerate(lines)
        if (m := NOTE_START_RE.match(text.strip())) and int(m.group(1)) == expected
    ]
    return candidates[-1] if candidates else None


def raise_call(body: list[tuple[int, str]], number: int, searched_from: int) -> int | None:
    """Raise the first call of `number` in the page's body at or after line `searched_from`; its line's index."""
    pattern = call_re(number)
    for i in range(searched_from, len(body)):
        line_number, text = body[i]
        found = pattern.search(text)
        if found:
            body[i] = (line_number, text[: found.start()] + superscript(number) + text[found.end() :])
            return i
    return None
