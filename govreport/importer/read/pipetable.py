"""A table in the blank-line shape: one block of Markdown pipe-table rows, the first the header, then the delimiter
row (`| --- | --- |`), then the body rows; a caption line above them (`表1 …`) may open the block.

Each cell is one line of text in the shape's own marks (`**…**` bold, ¹ a call); `\\` and `|` in it are written `\\\\`
and `\\|`. The delimiter row is what tells a table from a paragraph that happens to hold a `|`: a reader writes it,
a report's text does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ROW_RE = re.compile(r"^\|.*\|$")
DELIMITER_RE = re.compile(r"^\|(?:\s*:?-{3,}:?\s*\|)+$")


@dataclass(frozen=True)
class Table:
    """A table's caption ("" for none) and rows of cell texts, unescaped; the first row is the header."""

    caption: str
    rows: list[list[str]]


def pipe_table(rows: list[list[str]], caption: str = "") -> str:
    """The block for a table: rows padded to one width, cells escaped, the delimiter row after the first."""
    width = max(len(row) for row in rows)
    lines = [caption] if caption else []
    for number, row in enumerate(rows):
        lines.append(row_line([escape_cell(c) for c in row] + [""] * (width - len(row))))
        if number == 0:
            lines.append(row_line(["---"] * width))
    return "\n".join(lines)


def row_line(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def escape_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|")


def is_table(text: str) -> bool:
    """A block of pipe rows with the delimiter row second (after an optional caption line)."""
    lines = rows_of(text)
    return len(lines) >= 2 and all(ROW_RE.match(line) for line in lines) and bool(DELIMITER_RE.match(lines[1]))


def rows_of(text: str) -> list[str]:
    lines = text.split("\n")
    return lines[1:] if lines and not lines[0].startswith("|") else lines


def read_table(text: str) -> Table:
    """The caption and the cells of a table block (is_table), the delimiter row left out."""
    lines = text.split("\n")
    caption = "" if lines[0].startswith("|") else lines[0]
    rows = rows_of(text)
    return Table(caption, [split_row(line) for i, line in enumerate(rows) if i != 1])


def split_row(line: str) -> list[str]:
    """`| a \\| b | c |` → ["a | b", "c"]: split at the pipes no backslash escapes."""
    cells, cell, escaped = [], "", False
    for char in line.strip()[1:]:
        if escaped:
            cell += char if char in "\\|" else "\\" + char
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "|":
            cells.append(cell.strip())
            cell = ""
        else:
            cell += char
    return cells
