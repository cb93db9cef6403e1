"""Headings at the four levels of GB/T 9704-2012 (7.3.3), `一、` / `（一）` / `1.` / `（1）`, own-line or run in.

A number on a line of its own, short and with no sentence end, is a heading. The same number opening a paragraph
is a run-in heading (GB/T 9704 allows it): the paragraph's first sentence is the heading, full stop included, and
the rest is the paragraph. Brackets and points may be full- or half-width. `一是…二是…` inside a paragraph is not
a number that opens it, so it stays text. Bold around a heading (a Word file's 黑体 heading) is not part of it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..numbering import level_of
from .rules import OPAQUE, SOURCE_BOLD_START_RE, Block

OWN_LINE_MAX = 60  # characters: a longer line is a paragraph that happens to open with a number
RUN_IN_MAX = 60
SENTENCE_END = "。！？"
FIRST_SENTENCE_RE = re.compile(rf"^[^{SENTENCE_END}]+[{SENTENCE_END}][”’」』）)]*")


def classify_heading(block: Block) -> Block:
    """A paragraph block that is a heading, own-line or run in, becomes one; any other block is returned as it is."""
    if block.kind in OPAQUE:
        return block
    bold = SOURCE_BOLD_START_RE.match(block.text)
    text = bold.group(1) if bold and bold.end() == len(block.text) else block.text
    kind = level_of(text)
    if kind is None:
        return run_in_bold(block, bold)
    if is_own_line(text):
        return replace(block, text=text, kind=kind)
    sentence = FIRST_SENTENCE_RE.match(text)
    if sentence and len(sentence.group()) <= RUN_IN_MAX and sentence.end() < len(text):
        return replace(block, kind=kind, head=sentence.end())
    return block


def run_in_bold(block: Block, bold: re.Match[str] | None) -> Block:
    """`**（一）坚定不移推进科技创新。**坚持…`: the bold opening is the run-in heading (its marks are not words)."""
    if bold is None or not level_of(bold.group(1)) or len(bold.group(1)) > RUN_IN_MAX:
        return block
    rest = block.text[bold.end() :]
    return replace(block, text=bold.group(1) + rest, kind=level_of(bold.group(1)) or "para", head=len(bold.group(1)))


def is_own_line(text: str) -> bool:
    """A numbered line that is short and does not end a sentence."""
    return len(text) <= OWN_LINE_MAX and text[-1] not in "。；！？"
