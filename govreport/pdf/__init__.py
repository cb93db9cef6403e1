"""PDF: the model → one A4 PDF a report, from its own print template (templates/pdf/), typeset by WeasyPrint in typesetting.py; nothing is written here."""

from __future__ import annotations

import importlib
import logging
import re
import types
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markupsafe import Markup, escape

from ..errors import Problem
from ..i18n import _
from ..model.workreport import Note, Page, Report
from ..qrcode import qr_svg
from ..render import Renderer, pdf_file_path
from ..render.html import Html
from .typesetting import StrayNote, typeset

WEASYPRINT = "weasyprint>=70,<71"  # the pin in pyproject.toml, for the message when it is missing
TEMPLATE, STYLESHEET = "pdf/report.html", "pdf/report.css"
CSS_PLACE_RE = re.compile(r" at (\d+):\d+")
# Debian's fonts-noto-cjk; the print stylesheet names these families. Other systems ship the same faces as .otf.
CJK_FONTS = {
    "Noto Serif CJK SC": ("NotoSerifCJK-Regular.*", "NotoSerifCJKsc-Regular.*"),
    "Noto Sans CJK SC": ("NotoSansCJK-Bold.*", "NotoSansCJKsc-Bold.*"),
}
FONT_DIRS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local/share/fonts",
    Path.home() / ".fonts",
)


def why_no_pdf() -> str | None:
    """Why this machine cannot make the PDF (WeasyPrint or a CJK font is missing), or None when it can."""
    try:
        importlib.import_module("weasyprint")
    except (ImportError, OSError) as err:  # OSError: WeasyPrint is installed but Pango is not
        message = _("WeasyPrint cannot be loaded ({error}); install it: {command}")
        return message.format(error=err, command=f"pip install '{WEASYPRINT}'")
    missing = [family for family, patterns in CJK_FONTS.items() if not has_font(patterns)]
    if missing:
        fonts = (
            missing[0] if len(missing) == 1 else _("{first} and {second}").format(first=missing[0], second=missing[1])
        )
        message = _("the CJK font {fonts} is not installed; install it: {command}")
        return message.format(fonts=fonts, command="apt-get install fonts-noto-cjk")
    return None


def has_font(patterns: Sequence[str]) -> bool:
    return any(next(folder.rglob(pattern), None) for folder in FONT_DIRS if folder.is_dir() for pattern in patterns)


def skipped_pdf_problems(reports: list[Report], reason: str) -> list[Problem]:
    """One warning a report whose PDF cannot be made; --strict makes them errors."""
    return [
        Problem(pdf_file_path(report), None, _("not made: {reason}").format(reason=reason), "warning")
        for report in reports
        if report.pdf_template
    ]


def render_pdfs(renderer: Renderer, templates: Path) -> tuple[dict[str, bytes], list[Problem]]:
    """Every report's PDF, and WeasyPrint's own warnings (a CSS rule it ignored, say) as ours."""
    files: dict[str, bytes] = {}
    problems: list[Problem] = []
    css = renderer.env.get_template(STYLESHEET).render()
    for report in (r for r in renderer.reports if r.pdf_template):
        with collect_warnings(templates) as found:
            files[pdf_file_path(report)], stray = typeset(print_html(renderer, report), css)
        problems += found + [stray_problem(report, note) for note in stray]
    return files, problems


def stray_problem(report: Report, stray: StrayNote) -> Problem:
    note = next(n for n in report.notes if n.label == stray.label)
    return Problem(
        note.path,
        note.line,
        _("footnote [^{label}] is printed on page {note_page} of the PDF, after page {call_page} that cites it").format(
            label=note.label, note_page=stray.note_page, call_page=stray.call_page
        ),
        "warning",
    )


def print_html(renderer: Renderer, report: Report) -> str:
    """The report as one HTML document for the typesetter, each footnote inline where it is first cited."""
    html = PrintHtml(renderer.md, report)
    base = renderer.site.base_url
    address = base.rstrip("/") + "/" + report.preamble.path if base else None  # the QR code's, on the cover
    return renderer.env.get_template(report.pdf_template or TEMPLATE).render(
        report=report,
        html=html,
        site=renderer.site.meta,
        terms=renderer.glossary.linked_on(list(report.pages)),
        address=address,
        qr=qr_svg,
    )


@contextmanager
def collect_warnings(templates: Path) -> Iterator[list[Problem]]:
    """Turn what WeasyPrint logs while it works into warnings against the print stylesheet or template."""
    found: list[Problem] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: found.append(weasyprint_problem(record.getMessage(), templates))  # type: ignore[method-assign]
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield found
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def weasyprint_problem(message: str, templates: Path) -> Problem:
    """A message naming a place `at line:column` is about the stylesheet, the only CSS it reads."""
    place = CSS_PLACE_RE.search(message)
    path = templates / (STYLESHEET if place else TEMPLATE)
    return Problem(
        path.as_posix(),
        int(place.group(1)) if place else None,
        _("WeasyPrint: {message}").format(message=message),
        "warning",
    )


class PrintHtml(Html):
    """Like the web pages' Html, but a footnote is a <span> at the point it is first cited, for `float: footnote`."""

    def __init__(self, md: MarkdownIt, report: Report) -> None:
        super().__init__(md, lambda target: target)
        self.notes = {note.label: note for note in report.notes}
        self.cited: set[str] = set()
        self.renderer = print_renderer(md, self)

    def body(self, page: Page, heading_level: int = 1) -> Markup:
        return Markup(self.renderer.render(page.tokens, self.md.options, {"heading_level": heading_level}))

    def heading(self, page: Page) -> Markup:
        return Markup("") if page.heading is None else Markup(self.renderer.render([page.heading], self.md.options, {}))

    def note_inline(self, note: Note) -> Markup:
        """A footnote's paragraphs as inline markup, a line break between them."""
        inlines = [t for t in note.tokens if t.type == "inline"]
        return Markup("<br>").join(
            Markup(self.renderer.renderInline(t.children or [], self.md.options, {})) for t in inlines
        )

    def footnote_ref(self, label: str) -> str:
        """The first citation carries the note; a later one points to it by number."""
        safe = str(escape(label))
        note = self.notes.get(label)
        if note is None or label in self.cited:
            return f'<sup class="fn-again"><a href="#fn-{safe}">[{safe}]</a></sup>'
        self.cited.add(label)
        # The empty mark holds the call's place for typesetting.stray_notes, which reads where ids land.
        return f'<span id="fnref-{safe}"></span><span class="footnote" id="fn-{safe}" data-label="{safe}">{self.note_inline(note)}</span>'


def print_renderer(md: MarkdownIt, html: PrintHtml) -> RendererHTML:
    """A copy of the site's renderer whose footnote references come from `html`, and whose lead phrases say which
    subheading they fall under."""
    renderer = RendererHTML(md)
    renderer.rules = dict(md.renderer.rules)

    def footnote_ref(self: RendererHTML, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        return html.footnote_ref(tokens[idx].meta["label"])

    renderer.rules["footnote_ref"] = types.MethodType(footnote_ref, renderer)
    renderer.rules["paragraph_open"] = types.MethodType(paragraph_open, renderer)
    renderer.rules["image"] = types.MethodType(no_image, renderer)
    return renderer


def no_image(self: RendererHTML, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    """The PDF leaves images out for now: its typesetting fetches nothing, and the page's relative path is not one."""
    return ""


def paragraph_open(self: RendererHTML, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    """<p class="lead under-h4"> for a lead phrase under a subheading set as <h4>: pdf/report.css then makes its
    bookmark one level below that heading's. WeasyPrint nests bookmarks by level alone, not by the elements'."""
    token = tokens[idx]
    depth = token.meta.get("depth", 1)
    if depth == 1:
        return str(self.renderToken(tokens, idx, options, env))
    under = f"under-h{env.get('heading_level', 1) + depth - 1}"
    marked = token.copy(attrs={**token.attrs, "class": f"{token.attrs.get('class', '')} {under}".strip()})
    return f"<p{self.renderAttrs(marked)}>"  # a lead is a paragraph of the page's own level: never in a tight list
