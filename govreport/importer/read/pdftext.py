"""The PDF reader: a PDF with a text layer → a Source, one paragraph a line, each placed `page N`.

Wrapped lines are joined into paragraphs (a first-line indent, a wider gap, another type size or a heading after a
finished line starts the next); a paragraph that goes on over a page break is joined too, since the next page's first
line shows it (no indent). Running headers and footers and page numbers are left out; the footnote area at a page's
foot becomes note blocks after the page's text, and raised calls become superscript digits, numbered as printed (or,
where every page starts again at 1, in reading order). Bold comes from the font's name.
"""

from __future__ import annotations

import io
from typing import Any

from ...errors import fail
from ...i18n import N_, _
from .layout import Line, Measure, PageParts, carry_over, line_pieces, page_lines, sort_page, starts_paragraph
from .paragraphs import Paragraph, Piece, glue, marked_text, to_source
from .source import SUPERSCRIPT, Left, Source, superscript


def read_pdf(data: bytes, path: str) -> Source:
    """The report in a PDF's text layer; refuses a scanned, encrypted, damaged or empty PDF."""
    return source_of(path, read_pages(data, path))


def source_of(path: str, pages: list[list[Line]]) -> Source:
    """The Source of a PDF's pages of lines."""
    if not any(pages):
        raise fail(path, None, _("the PDF is empty: there is no text in it"))
    measure = Measure.of(pages)
    sorted_pages = [sort_page(lines, measure) for lines in pages]
    carry_over(sorted_pages)
    renumber_notes(sorted_pages)
    paragraphs = assemble(sorted_pages, measure)
    left_out = [Left(f"page {ln.page}", ln.text, why) for page in sorted_pages for ln, why in page.left_out]
    return to_source(path, paragraphs, N_("PDF text layer"), left_out)


def read_pages(data: bytes, path: str) -> list[list[Line]]:
    """Each page's lines; a page with an image and no text stops the import (it needs OCR)."""
    import pdfplumber  # here: `build` never loads pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return [lines_of(page, number, path) for number, page in enumerate(pdf.pages, start=1)]
    except PdfminerException as err:
        cause = err.args[0] if err.args else None
        if isinstance(cause, PDFPasswordIncorrect):
            raise fail(
                path, None, _("the PDF is encrypted: save a copy without a password, then import that")
            ) from None
        raise fail(
            path, None, _("the PDF is damaged and cannot be read: save it again from the program that made it")
        ) from None


def lines_of(page: Any, number: int, path: str) -> list[Line]:
    chars = [c for c in page.chars if c.get("upright", True)]
    if not any(c["text"].strip() for c in chars):
        if page.images:
            raise fail(
                path,
                None,
                _("page {number} has no text; run it through OCR first (it looks scanned)").format(number=number),
            )
        return []
    return page_lines(chars, number)


def renumber_notes(pages: list[PageParts]) -> None:
    """Notes numbered again from 1 on each page (①②…) get the numbers of reading order, calls with them."""
    numbers = [n for page in pages for n, _ in page.notes]
    if len(numbers) == len(set(numbers)):
        return
    offset = 0
    for page in pages:
        page.offset = offset
        page.notes = [(n + offset, lines) for n, lines in page.notes]
        offset += len(page.notes)


def assemble(pages: list[PageParts], measure: Measure) -> list[Paragraph]:
    """Body lines joined into paragraphs; each page's notes after the paragraph that was open at its end."""
    paragraphs: list[Paragraph] = []
    pieces: list[Piece] = []
    place, before = "", None
    waiting: list[Paragraph] = []  # notes of pages whose last paragraph goes on
    for page in pages:
        for line in page.body:
            if starts_paragraph(line, before, measure) and pieces:
                paragraphs.append(Paragraph(marked_text(pieces).strip(), place))
                paragraphs.extend(waiting)
                pieces, waiting = [], []
            if not pieces:
                place = f"page {line.page}"
            add_line(pieces, line_pieces(line, measure, page.offset))
            before = line
        waiting.extend(note_paragraph(number, lines, measure) for number, lines in page.notes)
    if pieces:
        paragraphs.append(Paragraph(marked_text(pieces).strip(), place))
    return paragraphs + waiting


def add_line(pieces: list[Piece], line: list[Piece]) -> None:
    """A wrapped line joined to the paragraph so far (glued as the text before a call at its end asks)."""
    if pieces and line:
        between = glue("".join(p.text for p in pieces).rstrip(SUPERSCRIPT), "".join(p.text for p in line))
        if between:
            pieces.append(Piece(between, pieces[-1].bold))
    pieces.extend(line)


def note_paragraph(number: int, lines: list[Line], measure: Measure) -> Paragraph:
    pieces: list[Piece] = []
    for line in lines:
        add_line(pieces, line_pieces(line, measure))
    return Paragraph(f"{superscript(number)} {marked_text(pieces).strip()}", f"page {lines[0].page}")
