"""Read: a report file in any format an office hands over → one `Source`, by what the file holds, not its name.

A PDF (`%PDF-`) goes to the PDF reader, a zip (`PK`) to the Word reader, an old binary Word or WPS file (OLE) is
refused, and anything else is read as text. The Word and PDF readers load their libraries only when called.
"""

from __future__ import annotations

from pathlib import Path

from ...errors import fail
from ...i18n import N_, _
from .decode import OLE_MAGIC, PDF_MAGIC, ZIP_MAGIC
from .source import Left, Source
from .text import read_text

__all__ = ["Left", "Source", "read_report"]

OLD_WORD = N_("this is an old binary Word (.doc) or WPS (.wps) file: open it in Word or WPS and save it as .docx")


def read_report(path: Path) -> Source:
    """The report in `path`, read by the reader its first bytes call for."""
    data = read_bytes(path)
    if data.startswith(PDF_MAGIC):
        from .pdftext import read_pdf

        return read_pdf(data, str(path))
    if data.startswith(ZIP_MAGIC):
        from .word import read_docx

        return read_docx(data, str(path))
    if data.startswith(OLE_MAGIC):
        raise fail(str(path), None, _(OLD_WORD))
    return read_text(data, str(path))


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as err:
        raise fail(str(path), None, _("cannot read the source: {reason}").format(reason=err.strerror)) from None
