"""Raw report text → classified blocks: title block, salutation, headings, paragraphs and footnote texts, each with its line."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..errors import Problem
from ..han import CJK_TEXT_RE
from ..i18n import _
from .read.pipetable import is_table
from .read.source import SUPERSCRIPT

SOURCE_BOLD_START_RE = re.compile(r"^\*\*(?=\S)(.+?)(?<=\S)\*\*")
NOTE_RE = re.compile(rf"^([{SUPERSCRIPT}]+)\s*(.*)$", re.S)
# A superscript after a Latin letter is a unit (m², km²), not a footnote marker.
MARKER_RE = re.compile(rf"(?<![A-Za-z])[{SUPERSCRIPT}]+")
SALUTATION_RE = re.compile(r"^\S{2,12}[：:]$")
SENTENCE_END = "。！？：；…"
CLOSERS = "”’）》」』"
# Where a wrapped line rejoins without a space: beside Han, and beside CJK punctuation and full-width forms
# (…，\nGDP and GDP\n。 too), which have no space around them either.
JOINS_WITHOUT_SPACE_RE = CJK_TEXT_RE
# Blocks a reader made whole (a table): no rule joins, splits, bolds or reads them as headings; they are written as read.
OPAQUE = ("table", "image")
IMAGE_RE = re.compile(r"^!\[\]\((images/[^()\s]+)\)$")  # a block the reader wrote for an image it carries


def is_opaque(text: str, images: frozenset[str] = frozenset()) -> bool:
    """A block's text is one of the OPAQUE kinds, told before any rule looks at it."""
    return is_table(text) or image_of(text, images) is not None


def image_of(text: str, images: frozenset[str]) -> str | None:
    """The path of the image a block shows: only one the reader carries (plain text never has one)."""
    found = IMAGE_RE.match(text)
    return found.group(1) if found and found.group(1) in images else None


@dataclass(frozen=True)
class Block:
    """A run of non-blank lines: its kind, its text and the raw file's line where it starts."""

    line: int
    text: str
    kind: str = "para"  # para | part | section | item (1.) | subitem (（1）) | note | table (see OPAQUE)
    number: int = 0  # the footnote number of a note
    raw: str = ""  # the lines as in the file, so that a marker's own line can be named
    head: int = 0  # a run-in heading: the length of the heading at the start of `text` (0: all of it, or none)


def split_blocks(text: str) -> list[Block]:
    """Blank lines separate blocks; each keeps the line number it starts on."""
    blocks, lines, start = [], [], 0
    for number, line in enumerate(text.split("\n") + [""], start=1):
        if line.strip():
            start = start or number
            lines.append(line.strip())
        elif lines:
            blocks.append(Block(start, "\n".join(lines)))
            lines, start = [], 0
    return blocks


def superscript_number(marker: str) -> int:
    return int("".join(str(SUPERSCRIPT.index(c)) for c in marker))


def split_notes(block: Block) -> list[Block]:
    """A page may end with several footnote texts on consecutive lines: each one starting with a marker is its own block."""
    if not NOTE_RE.match(block.text):
        return [block]
    notes: list[Block] = []
    for offset, line in enumerate(block.text.split("\n")):
        if NOTE_RE.match(line) or not notes:
            notes.append(Block(block.line + offset, line))
        else:
            notes[-1] = Block(notes[-1].line, notes[-1].text + "\n" + line)
    return notes


def classify(block: Block, images: frozenset[str] = frozenset()) -> Block:
    """A footnote text, a table, an image or a paragraph, from the block's own text alone (headings: headings.py)."""
    if is_table(block.text):
        return Block(block.line, block.text, "table", raw=block.text)
    if image_of(block.text, images):
        return Block(block.line, block.text, "image", raw=block.text)
    note = NOTE_RE.match(block.text)
    if note and note.group(2):
        return Block(block.line, join_lines(note.group(2)), "note", superscript_number(note.group(1)), block.text)
    return Block(block.line, join_lines(block.text), "para", raw=block.text)


def join_lines(text: str) -> str:
    """Lines the PDF wrapped rejoin; Latin words keep a space between them."""
    lines = text.split("\n")
    out = lines[0]
    for line in lines[1:]:
        glue = "" if JOINS_WITHOUT_SPACE_RE.search(out[-1] + line[0]) else " "
        out += glue + line
    return out


def is_cut(text: str) -> bool:
    """A paragraph that stops mid-sentence was cut by a page break."""
    last = MARKER_RE.sub("", text).rstrip().rstrip(CLOSERS).rstrip("*")
    return bool(last) and last[-1] not in SENTENCE_END and bool(re.search(r"[，。、；：]", text))


def rejoin_cuts(blocks: list[Block]) -> list[Block]:
    """Join each cut paragraph with the next body paragraph, even across footnote texts."""
    out: list[Block] = []
    open_para: int | None = None  # index in out of a paragraph waiting for its rest
    for block in blocks:
        if block.kind == "para" and open_para is not None:
            head = out[open_para]
            # A page break glues like a wrapped line: nothing between Han, a space between Latin words.
            out[open_para] = replace(head, text=join_lines(head.text + "\n" + block.text))
            open_para = open_para if is_cut(out[open_para].text) else None
            continue
        if block.kind != "note":
            open_para = None
        out.append(block)
        if (block.kind == "para" or block.head) and is_cut(block.text):
            open_para = len(out) - 1
    return out


def check_footnotes(blocks: list[Block], path: str) -> list[Problem]:
    """Every marker has a text and every text a marker; numbers are not reused."""
    problems: list[Problem] = []
    texts: dict[int, Block] = {}
    for b in blocks:
        if b.kind == "note":
            if b.number in texts:
                problems.append(
                    Problem(
                        path,
                        b.line,
                        _("footnote text {number} appears twice (first at line {line})").format(
                            number=b.number, line=texts[b.number].line
                        ),
                    )
                )
            texts[b.number] = b
    markers: dict[int, int] = {}
    for b in blocks:
        if b.kind != "note":
            for number, line in marker_lines(b):
                markers.setdefault(number, line)
    for number, line in markers.items():
        if number not in texts:
            problems.append(
                Problem(path, line, _("footnote marker {number} has no footnote text").format(number=number))
            )
    for number, b in texts.items():
        if number not in markers:
            problems.append(
                Problem(path, b.line, _("footnote text {number} has no marker in the report").format(number=number))
            )
    return problems


def marker_lines(block: Block) -> list[tuple[int, int]]:
    """Each footnote marker in a block, with the raw file's line it stands on."""
    raw = block.raw or block.text
    return [
        (superscript_number(m.group()), block.line + raw.count("\n", 0, m.start())) for m in MARKER_RE.finditer(raw)
    ]
