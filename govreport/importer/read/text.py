"""The plain-text reader: a .txt as an editor brings it → a Source in the blank-line shape."""

from __future__ import annotations

from .decode import decode_report
from .source import Source


def read_text(data: bytes, path: str) -> Source:
    return Source(path, decode_report(data, path))
