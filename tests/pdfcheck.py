"""Read a PDF's text with poppler (pdftotext, pdffonts, pdfinfo) and the source report's sentences, for PDF tests."""

from __future__ import annotations

import re
import shutil
import subprocess
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SOURCE = REPO_ROOT / "sources" / "miaohang-2023-report.txt"
SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
MM = 72 / 25.4  # PDF points a millimetre
PAGE_NUMBER_RE = re.compile(r"第\d+页")
CALL_RE = re.compile(r"\[\d+\]")  # a footnote's call and its marker, as both the site and the PDF print them


def squash(text: str) -> str:
    """Whitespace is layout, not content: compare without it."""
    return re.sub(r"\s+", "", text).replace("**", "")  # the raw report marks some bold with **


def strip_markers(text: str) -> str:
    return re.sub(f"[{SUPERSCRIPT}]+", "", text)


@dataclass(frozen=True)
class SourceText:
    """The raw report: its sentences (and title lines and headings) in order, and its footnotes by number."""

    units: list[str]
    notes: dict[str, str]


def read_source(path: Path = SOURCE) -> SourceText:
    """Paragraphs are split by blank lines; a footnote paragraph starts with a superscript number; a
    paragraph cut by a page break of the original PDF (it stops mid-sentence) goes on in the next one."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", path.read_text(encoding="utf-8-sig")) if p.strip()]
    notes = {
        str(SUPERSCRIPT.index(m[1][0])): squash(m[2])
        for p in paragraphs
        if (m := re.match(f"^([{SUPERSCRIPT}]+)\\s*(.*)$", p, re.S))
    }
    body: list[str] = []
    for p in (p for p in paragraphs if p[0] not in SUPERSCRIPT):
        if body and is_cut(body[-1]):
            body[-1] += p
        else:
            body.append(p)
    units = [strip_markers(squash(s)) for p in body for line in lines_of(p) for s in sentences(line)]
    return SourceText([u for u in units if len(u) >= 2], notes)


def is_cut(paragraph: str) -> bool:
    """A body paragraph (not a heading or a title line) that does not end a sentence."""
    if "\n" in paragraph or re.match(r"^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)", paragraph):
        return False
    last = strip_markers(paragraph).rstrip("”’）》")
    return bool(re.search(r"[，。、；：]", paragraph)) and last[-1] not in "。！？：；…"


def lines_of(paragraph: str) -> list[str]:
    """The title block is a line each; other paragraphs are whole."""
    return paragraph.split("\n") if "\n" in paragraph and not paragraph.startswith(("一", "二", "（")) else [paragraph]


def sentences(text: str) -> list[str]:
    return [s for s in re.findall(r"[^。！？；]*[。！？；]+[”’）]*|[^。！？；]+$", text) if s.strip()]


def require_tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        pytest.fail(f"{name} is missing: apt-get install poppler-utils", pytrace=False)
    return found


def run(*command: str) -> str:
    result = subprocess.run([require_tool(command[0]), *command[1:]], capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{' '.join(command)} failed: {result.stderr}"
    return result.stdout


def page_texts(pdf: Path, top_mm: float = 0) -> list[str]:
    """Each page's text, squashed; `top_mm` leaves out a running header in the top margin."""
    width, height = 210 * MM, 297 * MM
    crop = ["-x", "0", "-y", str(round(top_mm * MM)), "-W", str(round(width)), "-H", str(round(height - top_mm * MM))]
    text = run("pdftotext", "-r", "72", *crop, "-enc", "UTF-8", str(pdf), "-")
    return [squash(page) for page in text.split("\f")[: page_count(pdf)]]


def body_text(pages: list[str], notes: dict[str, str]) -> str:
    """The running text alone: page numbers, footnote calls and markers and footnote texts taken out."""
    text = CALL_RE.sub("", PAGE_NUMBER_RE.sub("", "".join(pages)))
    for note in notes.values():
        text = text.replace(note, "")
    return text


def missing_in_order(units: list[str], text: str) -> list[str]:
    """Units not found after the previous unit's place: lost, changed or out of order."""
    missing, at = [], 0
    for unit in units:
        found = text.find(unit, at)
        if found < 0:
            missing.append(unit)
        else:
            at = found + len(unit)
    return missing


def pdf_info(pdf: Path) -> dict[str, str]:
    lines = run("pdfinfo", "-enc", "UTF-8", str(pdf)).splitlines()
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in lines)}


def page_count(pdf: Path) -> int:
    return int(pdf_info(pdf)["Pages"])


def fonts(pdf: Path) -> list[dict[str, str]]:
    """pdffonts' table, a dict a font: name, type, encoding, emb, sub, uni (columns as its dashes mark them)."""
    lines = run("pdffonts", str(pdf)).splitlines()
    spans = [m.span() for m in re.finditer(r"-+", lines[1])]
    keys = ("name", "type", "encoding", "emb", "sub", "uni")
    return [{key: line[a:b].strip() for key, (a, b) in zip(keys, spans)} for line in lines[2:]]


def document_language(pdf: Path) -> str | None:
    """The catalog's /Lang, which poppler does not print; WeasyPrint keeps it in a compressed object stream."""
    data = pdf.read_bytes()
    for match in re.finditer(rb"stream\r?\n", data):
        try:
            objects = zlib.decompress(data[match.end() : data.find(b"endstream", match.end())])
        except zlib.error:
            continue
        if found := re.search(rb"/Lang \(([^)]*)\)", objects):
            return found[1].decode("ascii")
    return None


def outline(pdf: Path) -> list[tuple[int, str, int]]:
    """The PDF's bookmarks as (level, title, page), read from pdftohtml's XML."""
    xml = run("pdftohtml", "-xml", "-stdout", "-i", "-q", str(pdf))
    items, level = [], 0
    for match in re.finditer(r'<outline>|</outline>|<item page="(\d+)">([^<]*)</item>', xml[xml.find("<outline>") :]):
        if match[0] == "<outline>":
            level += 1
        elif match[0] == "</outline>":
            level -= 1
        else:
            items.append((level, match[2], int(match[1])))
    return items
