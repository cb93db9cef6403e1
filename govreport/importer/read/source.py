"""What every reader hands the import rules: the report as text in one shape, and where each of its lines came from.

The shape is the one a PDF's text has when paragraphs are separated by blank lines: a block of non-blank lines is a
paragraph (or the title block), `**…**` marks bold, a superscript number (¹) calls a footnote and a block that starts
with one is that footnote's text; a block `![](images/1.png)` shows an image the Source carries. Each reader turns its format into that shape; the rules then exist once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...errors import Problem

SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"  # a footnote call's digits in the Source text: ¹, ¹²


def superscript(number: int) -> str:
    """A footnote number as the Source text writes its call: 12 → ¹²."""
    return "".join(SUPERSCRIPT[int(d)] for d in str(number))


@dataclass(frozen=True)
class Left:
    """A line of the source and a reason: one the import leaves out (a page number, a web page's controls), or one
    where a rule hesitated (and what it took)."""

    place: int | str
    text: str
    reason: str


@dataclass(frozen=True)
class Source:
    """A report as text in the blank-line shape, with the place in the original file of each of its lines."""

    path: str
    text: str
    places: tuple[int | str, ...] = ()  # places[i] is where line i + 1 of `text` came from; empty: the same line
    shape: str = "blank lines"
    left_out: tuple[Left, ...] = field(default=())
    doubts: tuple[Left, ...] = field(default=())  # where a reader hesitated: the line, and what it took
    # The images its `![](images/1.png)` blocks show, by that path: written beside the report's Markdown.
    images: dict[str, bytes] = field(default_factory=dict, hash=False)

    def place(self, line: int | None) -> int | str | None:
        """The original file's place for a line of `text`: its own line number, or a reader's `paragraph 41`."""
        if line is None or not self.places:
            return line
        return self.places[min(line, len(self.places)) - 1]

    def locate(self, problems: list[Problem]) -> list[Problem]:
        """Problems found in `text`, pointed at the original file instead."""
        return [Problem(p.path, self.place(p.line), p.message, p.severity) for p in problems]
