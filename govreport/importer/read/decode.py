"""Raw bytes of a report → text with LF line ends: UTF-8 (BOM or not), UTF-16 with a BOM, or GB18030/GBK."""

from __future__ import annotations

import codecs

from ...errors import fail
from ...i18n import _

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Word .doc
PDF_MAGIC = b"%PDF-"
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode_report(data: bytes, path: str) -> str:
    """Decode and normalise line ends; refuse what is not a text report."""
    refuse_non_text(data, path)
    text = normalise_newlines(decode_bytes(data, path))
    if not text.strip():
        raise fail(path, None, _("the file is empty: there is no report text in it"))
    if has_control_characters(text):
        raise fail(path, None, _("this looks like a binary file, not a plain-text report"))
    return text


def refuse_non_text(data: bytes, path: str) -> None:
    if not data.strip():
        raise fail(path, None, _("the file is empty: there is no report text in it"))
    if data.startswith(ZIP_MAGIC) or data.startswith(OLE_MAGIC):
        raise fail(
            path, None, _("this is a Word or zip file, not plain text: save the report as UTF-8 text (.txt) first")
        )
    if data.startswith(PDF_MAGIC):
        raise fail(path, None, _("this is a PDF, not plain text: copy its text into a UTF-8 .txt file first"))


def decode_bytes(data: bytes, path: str) -> str:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return strict_decode(data, encoding, path)
    if b"\x00" in data:
        raise fail(path, None, _("this looks like a binary file, not a plain-text report"))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return strict_decode(data, "gb18030", path)


def strict_decode(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise fail(path, line, _("the text is neither UTF-8, UTF-16 nor GB18030: save it as UTF-8")) from None


def normalise_newlines(text: str) -> str:
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def has_control_characters(text: str) -> bool:
    """Text files carry tabs and newlines, never the other C0 controls."""
    return any(ord(c) < 32 and c not in "\n\t\f" for c in text)
