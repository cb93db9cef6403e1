"""The raw report read independently of the importer: its text chunks, sentences and footnotes, for fidelity tests."""

from __future__ import annotations

import re
from pathlib import Path

SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
SOURCE = Path(__file__).resolve().parent.parent / "sources" / "miaohang-2023-report.txt"


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("**", "")


def strip_markers(text: str) -> str:
    return re.sub(f"[{SUPERSCRIPT}]+", "", text)


def chunks(path: Path = SOURCE) -> tuple[list[str], dict[int, str]]:
    """Body chunks as the PDF left them (blank-line separated, page-break halves apart; lines of a multi-line chunk apart) and footnote texts."""
    raw = path.read_text(encoding="utf-8-sig")
    body, notes = [], {}
    for chunk in (c.strip() for c in re.split(r"\n\s*\n", raw)):
        note = re.match(f"^([{SUPERSCRIPT}]+)\\s*(.*)$", chunk, re.S)
        if note:
            notes[int("".join(str(SUPERSCRIPT.index(c)) for c in note.group(1)))] = squash(note.group(2))
        elif chunk:  # a title block keeps its lines apart, as printed
            body += [squash(strip_markers(line)) for line in chunk.split("\n") if line.strip()]
    return body, notes


def sentences(chunk: str) -> list[str]:
    return [s for s in re.findall(r"[^。！？；]*[。！？；]+[”’）]*|[^。！？；]+$", chunk) if len(s) >= 2]
