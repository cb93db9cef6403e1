"""What the Word and PDF readers share: runs of text with their look → one line of the blank-line shape, and
paragraphs with their places → a `Source` (one paragraph a line, a blank line between paragraphs).

Bold is marked `**…**` where it covers some of a paragraph's text, never where it covers all of it: a paragraph set
wholly in bold or 黑体 is a heading's or a title's look, and `**一、…**` would hide the heading from the rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...han import CJK_TEXT_RE
from .source import Left, Source

LATIN_HYPHEN_RE = re.compile(r"[A-Za-z0-9]-$")


@dataclass(frozen=True)
class Piece:
    """A run of text in one look: bold or not (a footnote call is a piece of superscript digits)."""

    text: str
    bold: bool = False


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the blank-line shape (lines only where the author broke them) and where the editor finds it."""

    text: str
    place: str
    places: tuple[str, ...] = ()  # where each of its lines came from, when not all from `place` (a table's rows)


def marked_text(pieces: list[Piece]) -> str:
    """The pieces as one text, bold runs (merged across pieces) as `**…**` with their edge spaces outside."""
    runs = merged(pieces)
    if all(run.bold for run in runs if run.text.strip()):
        return "".join(run.text for run in runs)
    return "".join(bold_markup(run.text) if run.bold else run.text for run in runs)


def merged(pieces: list[Piece]) -> list[Piece]:
    runs: list[Piece] = []
    for piece in pieces:
        if runs and runs[-1].bold == piece.bold:
            runs[-1] = Piece(runs[-1].text + piece.text, piece.bold)
        elif piece.text:
            runs.append(piece)
    return runs


def bold_markup(text: str) -> str:
    core = text.strip()
    if not core:
        return text
    start = text.index(core)
    return f"{text[:start]}**{core}**{text[start + len(core) :]}"


def glue(before: str, after: str) -> str:
    """What goes between two wrapped lines: nothing beside Han and CJK punctuation, or where a space or a Latin
    hyphen is already there (`J-` + `07A`); else one space, between Latin words."""
    if not before or not after or before[-1].isspace() or after[0].isspace():
        return ""
    if CJK_TEXT_RE.search(before[-1] + after[0]) or LATIN_HYPHEN_RE.search(before[-2:]):
        return ""
    return " "


def to_source(
    path: str, paragraphs: list[Paragraph], shape: str, left_out: list[Left], images: dict[str, bytes] | None = None
) -> Source:
    """The paragraphs, a blank line between them; each line's place is its paragraph's (a blank line's, the one before)."""
    lines: list[str] = []
    places: list[int | str] = []
    for paragraph in paragraphs:
        if lines:
            lines.append("")
            places.append(places[-1])
        for i, line in enumerate(paragraph.text.split("\n")):
            lines.append(line)
            places.append(paragraph.places[i] if i < len(paragraph.places) else paragraph.place)
    return Source(path, "\n".join(lines) + "\n", tuple(places), shape, tuple(left_out), images=images or {})
