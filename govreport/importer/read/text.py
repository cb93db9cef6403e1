"""The plain-text reader: a .txt as an editor brings it, in any of the three paragraph shapes → a Source."""

from __future__ import annotations

import re

from ...errors import fail
from .decode import decode_report
from .shape import reshape
from .source import SUPERSCRIPT, Source

WHITESPACE_RE = re.compile(r"\s+")
RAISED = str.maketrans(SUPERSCRIPT, "0123456789")


def comparable(text: str) -> str:
    """Whitespace aside, and a raised footnote number the same as the plain one it was copied as."""
    return WHITESPACE_RE.sub("", text).translate(RAISED)


def read_text(data: bytes, path: str) -> Source:
    return text_source(decode_report(data, path), path)


def text_source(text: str, path: str) -> Source:
    """Decoded text in any of the three shapes → a Source in the blank-line shape."""
    shaped = reshape(text)
    check_regrouped(text, shaped.text, {int(left.place) for left in shaped.left_out}, path)
    places = () if shaped.shape == "blank lines" and not shaped.left_out else shaped.places
    return Source(path, shaped.text, places, shaped.shape, shaped.left_out, shaped.doubts)


def check_regrouped(text: str, shaped: str, left_out: set[int], path: str) -> None:
    """Regrouping moves line breaks only: the same characters, whitespace aside, but for the lines left out."""
    kept = "".join(line for n, line in enumerate(text.split("\n"), start=1) if n not in left_out)
    if comparable(kept) != comparable(shaped):
        raise fail(path, None, "internal error: regrouping the lines into paragraphs changed the text; nothing written")
