"""The Word reader: a .docx (Word, WPS, LibreOffice) → a Source, one paragraph a line, each placed `paragraph N`.

Body paragraphs come in document order (inside content controls and text boxes too; deleted tracked changes and a
table of contents left out); footnotes and endnotes are numbered together in reading order, their calls become
superscript digits and their texts blocks after the paragraph that first calls them; bold runs become `**…**`;
automatic list numbers (一、 （一）) are written out as Word shows them; a table becomes a pipe table (read/pipetable.py),
its first row the header, with the paragraph right before it as its caption where that names a table (表1 …); an
image in the text becomes a block `![](images/1.png)` after its paragraph, its bytes carried on the Source (one in
a table or a note is noted in `left_out`). Headings are left to the rules, by their text.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from ...errors import fail
from ...i18n import N_, _
from ...tables import is_caption
from .listnumbers import ListNumbers
from .paragraphs import Paragraph, Piece, glue, marked_text, to_source
from .pipetable import pipe_table
from .source import SUPERSCRIPT, Left, Source, superscript

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Inside these, a run is not part of the paragraph's own text: deleted, a text box's (read as paragraphs of their
# own), or the fallback copy of content that is also given in mc:Choice.
NOT_OWN = {W + "del", W + "moveFrom", W + "txbxContent", MC_FALLBACK}
CALLS = {W + "footnoteReference": "footnote", W + "endnoteReference": "endnote"}
IMAGES = {W + "drawing", W + "pict", W + "object"}
R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
IMAGE_DATA = "{urn:schemas-microsoft-com:vml}imagedata"
OFF = {"0", "false", "off", "none"}
MAIN_PART = "word/document.xml"


def read_docx(data: bytes, path: str) -> Source:
    """The report in a .docx; refuses a zip that is not one, a damaged one and one with no text."""
    check_package(data, path)
    document = open_document(data, path)
    styles = Styles(document)
    walk = BodyWalk(styles, ListNumbers(numbering_element(document), styles.by_id), notes(document), document.part)
    walk.container(document.element.body)
    if not any(p.text.strip() for p in walk.paragraphs):
        raise fail(path, None, _("the Word document is empty: there is no report text in it"))
    return to_source(path, walk.paragraphs, N_("Word document"), walk.left_out, walk.images)


def check_package(data: bytes, path: str) -> None:
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except zipfile.BadZipFile:
        raise fail(path, None, damaged(_("it is not a whole zip file"))) from None
    if MAIN_PART not in names:
        raise fail(path, None, _("this is a zip file but not a Word document (it has no word/document.xml)"))


def damaged(reason: str) -> str:
    return _("this Word document is damaged ({reason}): open it in Word or WPS and save it again as .docx").format(
        reason=reason
    )


def open_document(data: bytes, path: str) -> Any:
    import docx  # here: `build` never loads python-docx
    from lxml.etree import XMLSyntaxError

    try:
        return docx.Document(io.BytesIO(data))
    except XMLSyntaxError:
        raise fail(path, None, damaged(_("its XML is broken"))) from None
    except Exception:  # python-docx meets a malformed package with any error at all (AttributeError, KeyError…)
        raise fail(path, None, damaged(_("its parts are not as Word writes them"))) from None


def numbering_element(document: Any) -> Any:
    try:
        return document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return None


def notes(document: Any) -> dict[str, dict[str, Any]]:
    """Footnotes and endnotes by kind, then by id (the separators Word always writes left out)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml

    found: dict[str, dict[str, Any]] = {"footnote": {}, "endnote": {}}
    for rel in document.part.rels.values():
        kind = {RT.FOOTNOTES: "footnote", RT.ENDNOTES: "endnote"}.get(rel.reltype)
        if kind and not rel.is_external:
            for note in parse_xml(rel.target_part.blob).iter(W + kind):
                if note.get(W + "type") in (None, "normal"):
                    found[kind][note.get(W + "id")] = note
    return found


class Styles:
    """Run properties as Word resolves them: the run's own, its character style, its paragraph's style, the defaults."""

    def __init__(self, document: Any) -> None:
        root = document.styles.element
        self.by_id = {s.get(W + "styleId"): s for s in root.iter(W + "style")}
        self.defaults = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        self.memo: dict[tuple[str | None, str], Any] = {}

    def run_property(self, run: Any, paragraph_style: str | None, tag: str) -> Any:
        own = run.find(f"{W}rPr/{W}{tag}")
        if own is not None:
            return own
        style = run.find(f"{W}rPr/{W}rStyle")
        found = self.style_property(style.get(W + "val") if style is not None else None, tag)
        if found is None:
            found = self.style_property(paragraph_style, tag)
        if found is None and self.defaults is not None:
            found = self.defaults.find(W + tag)
        return found

    def style_property(self, style_id: str | None, tag: str) -> Any:
        """A property from a style or the styles it is based on (memoised: documents repeat a few styles)."""
        key = (style_id, tag)
        if key not in self.memo:
            style, found, seen = self.by_id.get(style_id), None, set()
            while style is not None and found is None and id(style) not in seen:
                seen.add(id(style))
                found = style.find(f"{W}rPr/{W}{tag}")
                based = style.find(W + "basedOn")
                style = self.by_id.get(based.get(W + "val")) if based is not None else None
            self.memo[key] = found
        return self.memo[key]

    def is_bold(self, run: Any, paragraph_style: str | None) -> bool:
        return is_on(self.run_property(run, paragraph_style, "b"))

    def is_superscript(self, run: Any, paragraph_style: str | None) -> bool:
        found = self.run_property(run, paragraph_style, "vertAlign")
        return found is not None and found.get(W + "val") == "superscript"

    def is_contents(self, style_id: str | None) -> bool:
        """A table-of-contents line (TOC 1, toc 2, 目录 1…): Word writes the headings there again, with page numbers."""
        style = self.by_id.get(style_id)
        name = style.find(W + "name") if style is not None else None
        label = (name.get(W + "val") if name is not None else style_id) or ""
        return label.lower().startswith(("toc", "目录"))


def is_on(element: Any) -> bool:
    return element is not None and element.get(W + "val", "true").lower() not in OFF


@dataclass
class BodyWalk:
    """The document's paragraphs in order, each counted, with the notes its calls bring after them."""

    styles: Styles
    numbers: ListNumbers
    note_xml: dict[str, dict[str, Any]]
    part: Any  # the document part, whose relationships lead to the images
    paragraphs: list[Paragraph] = field(default_factory=list)
    left_out: list[Left] = field(default_factory=list)
    count: int = 0  # paragraphs seen, empty ones too: `paragraph N` counts as the document does
    tables: int = 0
    called: dict[tuple[str, str], int] = field(default_factory=dict)  # (kind, id) → number in reading order
    shown: dict[str, int] = field(default_factory=dict)  # how many notes of each kind so far, as Word numbers them
    images: dict[str, bytes] = field(default_factory=dict)  # images/1.png → its bytes
    image_names: dict[str, str] = field(default_factory=dict)  # the image part's name → images/1.png
    pending: list[str] = field(default_factory=list)  # the images of the paragraph being read
    last: Paragraph | None = None  # the body paragraph just read, if nothing came after it: a table's caption?

    def container(self, element: Any) -> None:
        """Paragraphs and tables of the body, a cell or a text box, content controls opened."""
        for child in element:
            if child.tag == W + "p":
                self.paragraph(child)
            elif child.tag == W + "tbl":
                self.table(child)
            elif child.tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self.container(content)

    def paragraph(self, p: Any) -> None:
        self.count += 1
        place = f"paragraph {self.count}"
        style = paragraph_style(p)
        pieces, new_calls = self.pieces(p, style, place)
        text = self.numbers.label(p, style) + paragraph_text(pieces)
        self.last = None
        if self.styles.is_contents(style) and text:
            self.left_out.append(Left(place, text, _("table of contents line")))
        elif text:
            self.paragraphs.append(Paragraph(text, place))
            self.last = None if new_calls or self.pending else self.paragraphs[-1]
        self.paragraphs += [Paragraph(f"![]({name})", place) for name in self.pending]
        self.pending = []
        for number, kind, note in new_calls:
            self.note(number, kind, note)
        for box in text_boxes(p):
            self.container(box)

    def pieces(self, p: Any, style: str | None, place: str) -> tuple[list[Piece], list[tuple[int, str, Any]]]:
        """The paragraph's runs as pieces; the notes it calls for the first time."""
        pieces: list[Piece] = []
        new_calls: list[tuple[int, str, Any]] = []
        for run in own_runs(p):
            bold = self.styles.is_bold(run, style)
            for child in run:
                if child.tag in CALLS:
                    number, note = self.call(CALLS[child.tag], child.get(W + "id"))
                    if number:
                        pieces.append(Piece(superscript(number)))
                    if note is not None:
                        new_calls.append((number, CALLS[child.tag], note))
                elif child.tag in IMAGES:
                    self.image(child, place)
                else:
                    text = child_text(child)
                    if text and text.isdigit() and self.styles.is_superscript(run, style):
                        text = superscript(int(text))
                    pieces.append(Piece(text, bold))
        return pieces, new_calls

    def image(self, drawing: Any, place: str) -> None:
        """Each picture of a drawing, saved once as images/N.ext, shown after the paragraph's text; in a note or a
        table cell (no place for a block there) it is left out and said so."""
        for rel_id in [b.get(R_EMBED) for b in drawing.iter(BLIP)] + [v.get(R_ID) for v in drawing.iter(IMAGE_DATA)]:
            part = self.part.related_parts.get(rel_id) if rel_id else None
            if part is None or not place.startswith("paragraph"):
                self.left_out.append(Left(place, "[image]", _("image in a note or a table: add it by hand")))
                continue
            key = str(part.partname)
            if key not in self.image_names:
                extension = key.rsplit(".", 1)[-1].lower() if "." in key else "bin"
                self.image_names[key] = f"images/{len(self.image_names) + 1}.{extension}"
                self.images[self.image_names[key]] = part.blob
            self.pending.append(self.image_names[key])

    def call(self, kind: str, note_id: str) -> tuple[int, Any]:
        """The call's number; the note's XML the first time it is called (else None)."""
        note = self.note_xml[kind].get(note_id)
        if note is None:
            return 0, None
        key = (kind, note_id)
        if key in self.called:
            return self.called[key], None
        self.called[key] = len(self.called) + 1
        return self.called[key], note

    def note(self, number: int, kind: str, note: Any) -> None:
        self.shown[kind] = self.shown.get(kind, 0) + 1
        place = f"{kind} {self.shown[kind]}"
        texts = []
        for p in note.iter(W + "p"):
            pieces, _style = self.pieces(p, paragraph_style(p), place)
            texts.append(paragraph_text(pieces))
        text = "\n".join(t for t in texts if t)
        self.paragraphs.append(Paragraph(f"{superscript(number)} {text}", place))

    def table(self, tbl: Any) -> None:
        """A pipe table of the rows, each cell's paragraphs and line breaks joined into one line; the paragraph
        just before it is its caption when it names a table; the notes its cells call come after it."""
        self.tables += 1
        caption = self.last if self.last is not None and is_caption(words(self.last.text)) else None
        if caption is not None:
            self.paragraphs.remove(caption)
        rows: list[list[str]] = []
        places: list[str] = [caption.place] if caption else []
        calls: list[tuple[int, str, Any]] = []
        for number, row in enumerate(children(tbl, W + "tr"), start=1):
            place = f"table {self.tables} row {number}"
            rows.append([self.cell(cell, place, calls) for cell in children(row, W + "tc")])
            places += [place, place] if number == 1 else [place]
        if any(cell for row in rows for cell in row):
            text = pipe_table(rows, caption.text.replace("\n", "") if caption else "")
            self.paragraphs.append(Paragraph(text, f"table {self.tables}", tuple(places)))
        elif caption is not None:
            self.paragraphs.append(caption)
        for call in calls:
            self.note(*call)
        self.last = None

    def cell(self, cell: Any, place: str, calls: list[tuple[int, str, Any]]) -> str:
        """A cell's text on one line: its paragraphs and line breaks joined as wrapped lines are."""
        text = ""
        for p in cell.iter(W + "p"):
            self.count += 1
            style = paragraph_style(p)
            pieces, new_calls = self.pieces(p, style, place)
            for line in (self.numbers.label(p, style) + paragraph_text(pieces)).split("\n"):
                text += glue(text, line) + line if line else ""
            calls += new_calls
        return text


def children(element: Any, tag: str) -> list[Any]:
    """The element's own rows or cells, those inside a content control too (never a nested table's)."""
    found = []
    for child in element:
        if child.tag == tag:
            found.append(child)
        elif child.tag == W + "sdt" and child.find(W + "sdtContent") is not None:
            found += children(child.find(W + "sdtContent"), tag)
    return found


def words(text: str) -> str:
    """A paragraph's words as the site shows them: no bold marks, no note calls."""
    return text.replace("**", "").translate({ord(c): None for c in SUPERSCRIPT})


def paragraph_text(pieces: list[Piece]) -> str:
    """The marked text, its lines (Word's line breaks) stripped and blank ones dropped: a block has no blank line."""
    lines = (line.strip() for line in marked_text(pieces).split("\n"))
    return "\n".join(line for line in lines if line)


def paragraph_style(p: Any) -> str | None:
    style = p.find(f"{W}pPr/{W}pStyle")
    return style.get(W + "val") if style is not None else None


def own_runs(p: Any) -> list[Any]:
    """The runs of this paragraph, inside hyperlinks, insertions, fields and smart tags too, in order."""
    return [run for run in p.iter(W + "r") if is_own(run, p)]


def is_own(run: Any, p: Any) -> bool:
    parent = run.getparent()
    while parent is not None and parent is not p:
        if parent.tag in NOT_OWN or parent.tag == W + "p":
            return False
        parent = parent.getparent()
    return True


def text_boxes(p: Any) -> list[Any]:
    return [box for box in p.iter(W + "txbxContent") if not any(a.tag == MC_FALLBACK for a in box.iterancestors())]


def child_text(child: Any) -> str:
    """What one element of a run shows: its text, a tab or a line break; nothing for field codes and marks."""
    tag = child.tag
    if tag == W + "t":
        return child.text or ""
    if tag in (W + "tab", W + "ptab"):
        return " "
    if tag == W + "br":
        return "" if child.get(W + "type") in ("page", "column") else "\n"
    if tag == W + "cr":
        return "\n"
    if tag == W + "noBreakHyphen":
        return "-"
    return ""
