"""Read: a report file in any format an office hands over → one `Source`, by what the file holds, not its name."""

from __future__ import annotations

from pathlib import Path

from ...errors import fail
from .source import Left, Source
from .text import read_text

__all__ = ["Left", "Source", "read_report"]


def read_report(path: Path) -> Source:
    """The report in `path`, read by the reader its first bytes call for."""
    return read_text(read_bytes(path), str(path))


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as err:
        raise fail(str(path), None, f"cannot read the source: {err.strerror}") from None
