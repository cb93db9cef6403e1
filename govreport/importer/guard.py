"""The import's proof that it lost nothing: the Markdown, read back as the site reads it, holds the source's text.

Black checks its own output the same way (`assert_equivalent`): the body of the report (title block, headings,
paragraphs) must come back character for character and in order, every footnote text must come back under its own
number, and the footnote calls must come back in the same order; a table's words are its caption's, then its
cells', row by row. Whitespace aside: the rules may join wrapped lines.
Only what the import says it left out (page numbers, a web page's controls) may be missing. A mismatch is a bug in
a rule, so nothing is written and the editor is told where the first missing text was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from markdown_it.token import Token

from ..errors import Problem
from ..i18n import _
from ..parse import make_markdown, plain_text
from . import rules
from .markdown import SOURCE_BOLD_RE
from .read.pipetable import is_table, read_table

TITLE_BLOCK_KEYS = ("title", "meeting", "speaker")  # what the front matter quotes from the source, in that order
WHITESPACE_RE = re.compile(r"\s+")
BOLD_ACROSS_LINES_RE = re.compile(SOURCE_BOLD_RE.pattern, re.S)


@dataclass
class Stream:
    """The report's words as one string, with where each piece came from (a source line or an output file)."""

    text: str = ""
    starts: list[tuple[int, int | str]] = field(default_factory=list)  # (offset in text, line or file)
    notes: dict[int, str] = field(default_factory=dict)
    calls: list[int] = field(default_factory=list)
    images: list[str] = field(default_factory=list)

    def add(self, words: str, origin: int | str) -> None:
        self.starts.append((len(self.text), origin))
        self.text += squeeze(words)

    def origin(self, offset: int) -> int | str:
        return next((o for start, o in reversed(self.starts) if start <= offset), self.starts[0][1])


def check_nothing_lost(
    text: str, path: str, files: dict[str, str], left_out: set[int] | None = None, images: frozenset[str] = frozenset()
) -> list[Problem]:
    """Every problem with the Markdown `files` as a faithful copy of the report `text` (empty: nothing lost)."""
    source, written = source_stream(text, left_out or set(), images), written_stream(files)
    problems = []
    if source.text != written.text:
        problems.append(lost_text_problem(source, written, path))
    for number in sorted(source.notes.keys() | written.notes.keys()):
        if source.notes.get(number) != written.notes.get(number):
            problems.append(
                Problem(
                    path,
                    None,
                    _("the import would change footnote {number}'s text; nothing written").format(number=number),
                )
            )
    if source.calls != written.calls:
        problems.append(
            Problem(path, None, _("the import would change the footnote calls in the text; nothing written"))
        )
    if source.images != written.images:
        problems.append(Problem(path, None, _("the import would lose or move an image; nothing written")))
    return problems


def lost_text_problem(source: Stream, written: Stream, path: str) -> Problem:
    at = next((i for i, (a, b) in enumerate(zip(source.text, written.text)) if a != b), None)
    at = min(len(source.text), len(written.text)) if at is None else at
    if at >= len(source.text):
        return Problem(
            path,
            None,
            _("the import would add text that is not in the report ({place}); nothing written").format(
                place=written.origin(at)
            ),
        )
    missing = source.text[at : at + 12]
    return Problem(
        path,
        source.origin(at),
        _("the import would lose or move the text from “{missing}…” on; nothing written").format(missing=missing),
    )


def source_stream(text: str, left_out: set[int], images: frozenset[str] = frozenset()) -> Stream:
    """The report's own words: body blocks in order, footnote texts by number, calls in order."""
    kept = "\n".join("" if n in left_out else line for n, line in enumerate(text.split("\n"), start=1))
    stream = Stream()
    for block in (note for b in rules.split_blocks(kept) for note in rules.split_notes(b)):
        note = rules.NOTE_RE.match(block.text)
        if note and note.group(2):
            stream.notes[rules.superscript_number(note.group(1))] = squeeze(words_of(note.group(2)))
            continue
        image = rules.image_of(block.text, images)
        if image:  # an image has no words; it must come back, in its place among the others
            stream.images.append(image)
            continue
        for offset, line in enumerate(block_lines(block.text)):
            stream.add(words_of(line), block.line + offset)
        stream.calls += [rules.superscript_number(m.group()) for m in rules.MARKER_RE.finditer(block.text)]
    return stream


def block_lines(text: str) -> list[str]:
    """A block's text line by line; a table's as its caption, then its cells row by row (the delimiter row empty,
    so that each piece keeps its source line)."""
    if not is_table(text):
        return BOLD_ACROSS_LINES_RE.sub(r"\1", text).split("\n")
    table = read_table(text)
    rows = [" ".join(row) for row in table.rows]
    return ([table.caption] if table.caption else []) + rows[:1] + [""] + rows[1:]


def words_of(text: str) -> str:
    """A source block as a reader of the site sees it: bold marks (even across a wrap) and calls are not words."""
    unwrapped = BOLD_ACROSS_LINES_RE.sub(r"\1", text)
    return rules.MARKER_RE.sub("", unwrapped)


def written_stream(files: dict[str, str]) -> Stream:
    """The same, read back from the Markdown by the site's own parser."""
    md, stream = make_markdown(), Stream()
    for rel, markdown in files.items():
        env: dict[str, Any] = {}
        tokens = md.parse(markdown, env)
        for token in tokens:
            if token.type == "front_matter":
                meta = yaml.safe_load(token.content) or {}
                for key in TITLE_BLOCK_KEYS:
                    stream.add(str(meta.get(key) or ""), rel)
            elif token.type == "inline":
                stream.add(plain_text(token), rel)
                stream.calls += calls_in(token)
                stream.images += [str(c.attrGet("src")) for c in token.children or [] if c.type == "image"]
        for note in env.get("notes", []):
            words = "".join(plain_text(t) for t in note.tokens if t.type == "inline")
            stream.notes[int(note.label)] = squeeze(words)
    return stream


def calls_in(inline: Token) -> list[int]:
    return [int(c.meta["label"]) for c in inline.children or [] if c.type == "footnote_ref"]


def squeeze(text: str) -> str:
    return WHITESPACE_RE.sub("", text)
