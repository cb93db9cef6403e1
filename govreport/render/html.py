"""Token → HTML pieces for templates: page bodies, headings, footnotes and glossary entries, with accessible footnote and term links."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token
from markupsafe import Markup, escape

from ..glossary.entries import Occurrence, Term, term_path
from ..glossary.matcher import is_invisible_break
from ..images import render_image
from ..model.pages import StandalonePage
from ..model.workreport import Note, Page
from ..parse import plain_text

# clreq: a dash (——) or an ellipsis (……) is one mark two characters wide and never splits across lines.
# A code joined by a hyphen (plot L-07, J-07A, months 1-11) stays whole too: browsers may break after "-".
NO_BREAK_CHARS = ("—", "…", "⋯", "-")  # NO_BREAK_RE matches nothing in a text without one of these
NO_BREAK_RE = re.compile(r"(—{2,}|…{2,}|⋯{2,}|(?<![A-Za-z0-9])[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+(?![A-Za-z0-9]))")


def note_id(label: str) -> str:
    return f"fn-{label}"


def ref_id(label: str, sub: int = 0) -> str:
    return f"fnref-{label}" + (f"-{sub + 1}" if sub else "")


def render_footnote_ref(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    """<sup><a role="doc-noteref" aria-label="脚注 1">[1]</a></sup>, numbered as in the source."""
    meta = tokens[idx].meta
    label = str(escape(meta["label"]))
    return (
        f'<sup class="fn-ref"><a href="#{note_id(label)}" id="{ref_id(label, meta["subId"])}" '
        f'role="doc-noteref" aria-label="脚注 {label}">[{label}]</a></sup>'
    )


def render_term_link_open(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    """<a class="term-link" href="…/glossary/san-zhan-yi-chang.html" data-term="…">: a plain link; glossary.js adds the preview."""
    slug = str(escape(tokens[idx].meta["term"]))
    url: Callable[[str], str] = env.get("url", lambda target: target)
    return f'<a class="term-link" href="{escape(url(term_path(slug)))}" data-term="{slug}">'


def render_term_link_close(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return "</a>"


def keep_together(text: str) -> str:
    """Escaped text with each ——, …… or hyphenated code wrapped in <span class="nw">, which CSS keeps on one line."""
    escaped = escapeHtml(text)
    if not any(char in escaped for char in NO_BREAK_CHARS):  # most text has none: skip the slow regular expression
        return escaped
    return NO_BREAK_RE.sub(r'<span class="nw">\1</span>', escaped)


def render_text(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return keep_together(tokens[idx].content)


def render_softbreak(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    """A line break in the source between two CJK characters joins them (一网⏎统管 is 一网统管); elsewhere it is a space."""
    return "" if is_invisible_break(tokens, idx) else "\n"


def render_subheading(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    """A subheading (the model gave it a depth) is that many levels below where its page's own heading is shown,
    env["heading_level"]: <h2> on the section's page, <h4> in the full text. Any other heading is as written."""
    token = tokens[idx]
    depth = token.meta.get("depth")
    if depth is None:
        return str(self.renderToken(tokens, idx, options, env))
    tag = f"h{env.get('heading_level', 1) + depth}"
    return f"<{tag}{self.renderAttrs(token)}>" if token.nesting == 1 else f"</{tag}>\n"


def render_table_open(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    """A table in a region of its own that scrolls sideways on a narrow screen (the page never does), focusable so
    that a keyboard can scroll it, named by its caption; a table with no caption paragraph gets `表格 N`."""
    token = tokens[idx]
    anchor = token.attrGet("id")
    if anchor is None:
        label = ' aria-label="表格"'
    else:
        label = f' id="{escape(anchor)}" aria-labelledby="{escape(caption_id(str(anchor)))}"'
    html = f'<div class="table-scroll" role="region" tabindex="0"{label}>\n<table>\n'
    if not token.meta.get("caption"):
        number = token.meta.get("number")
        caption = f"表格 {number}" if number else "表格"
        html += f'<caption class="caption-fallback"{caption_attr(anchor)}>{caption}</caption>\n'
    return html


def render_table_close(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return "</table>\n</div>\n"


def render_caption_open(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    """The caption paragraph, moved inside its table (govreport/tables.py), named for the region's label."""
    table = tokens[idx - 1] if idx else None
    anchor = table.attrGet("id") if table is not None and table.type == "table_open" else None
    return f"<caption{caption_attr(anchor)}>"


def caption_id(anchor: str) -> str:
    return f"{anchor}-caption"


def caption_attr(anchor: object) -> str:
    return f' id="{escape(caption_id(str(anchor)))}"' if anchor is not None else ""


def install_renderers(md: MarkdownIt) -> None:
    md.add_render_rule("image", render_image)
    md.add_render_rule("table_open", render_table_open)
    md.add_render_rule("table_close", render_table_close)
    md.add_render_rule("caption_open", render_caption_open)
    md.add_render_rule("heading_open", render_subheading)
    md.add_render_rule("heading_close", render_subheading)
    md.add_render_rule("footnote_ref", render_footnote_ref)
    md.add_render_rule("term_link_open", render_term_link_open)
    md.add_render_rule("term_link_close", render_term_link_close)
    md.add_render_rule("text", render_text)
    md.add_render_rule("softbreak", render_softbreak)


class Html:
    """What templates call to turn the model's tokens into markup."""

    def __init__(self, md: MarkdownIt, url: Callable[[str], str]) -> None:
        self.md, self.url = md, url

    def body(self, page: Page | StandalonePage, heading_level: int = 1) -> Markup:
        """The page's blocks; its subheadings go below `heading_level`, the level its own heading is shown at."""
        # An image's path is its report's: the page's own folder of the output (2023/…).
        folder = page.path.split("/")[0] if isinstance(page, Page) else None
        env = {"url": self.url, "heading_level": heading_level, "folder": folder}
        return Markup(self.md.renderer.render(page.tokens, self.md.options, env))

    def heading(self, page: Page) -> Markup:
        if page.heading is None:
            return Markup("")
        return Markup(self.md.renderer.render([page.heading], self.md.options, {}))

    def title(self, page: Page) -> str:
        return plain_text(page.heading)

    def text(self, value: object) -> Markup:
        """Plain text from front matter (a cover's meeting line), escaped, its dashes kept whole."""
        return Markup(keep_together(str(value)))

    def note(self, note: Note) -> Markup:
        return Markup(self.md.renderer.render(note.tokens, self.md.options, {"url": self.url}))

    def note_id(self, note: Note) -> str:
        return note_id(note.label)

    def ref_id(self, note: Note) -> str:
        return ref_id(note.label)

    def definition(self, term: Term) -> Markup:
        return Markup(self.md.renderer.render(term.definition, self.md.options, {"url": self.url}))

    def definition_inline(self, term: Term) -> Markup:
        """The definition as phrasing content, for the preview that sits inside a paragraph."""
        inlines = [t for t in term.definition if t.type == "inline"]
        return Markup(" ").join(
            Markup(self.md.renderer.renderInline(t.children or [], self.md.options, {"url": self.url})) for t in inlines
        )

    def occurrence_href(self, occurrence: Occurrence) -> str:
        """The paragraph, heading or footnote where the term is used."""
        anchor = note_id(occurrence.note) if occurrence.note else occurrence.anchor
        return self.url(occurrence.page.path + (f"#{anchor}" if anchor else ""))

    def source_href(self, term: Term) -> str | None:
        citation = term.citation
        if citation is None or citation.page is None:
            return None
        anchor = note_id(citation.footnote) if citation.footnote else citation.anchor
        return self.url(citation.page.path + (f"#{anchor}" if anchor else ""))


DESCRIPTION_LENGTH = 120  # characters of the first paragraph kept for <meta name="description">
DESCRIPTION_MINIMUM = 20  # a shorter paragraph (各位代表：) says nothing about the page: the next one is taken


def first_paragraph(tokens: Sequence[Token], minimum: int = DESCRIPTION_MINIMUM) -> str | None:
    """The first paragraph's words, whitespace squashed, cut at DESCRIPTION_LENGTH with an ellipsis."""
    for i, token in enumerate(tokens[:-1]):
        if token.type == "paragraph_open" and tokens[i + 1].type == "inline":
            text = " ".join(plain_text(tokens[i + 1]).split())
            if text and len(text) >= minimum:
                return text if len(text) <= DESCRIPTION_LENGTH else text[: DESCRIPTION_LENGTH - 1] + "…"
    return None


def describe(context: dict[str, Any], reports: Sequence[Any], meta: dict[str, Any]) -> str | None:
    """A page's description: its own first paragraph (a term's: its definition's), else its report's cover's,
    else the first report's (the home page), else the site's `description:` setting."""
    page, term, report = context.get("page"), context.get("term"), context.get("report")
    if term is not None:
        return first_paragraph(term.definition, 1)
    found = first_paragraph(page.tokens) if page is not None else None
    for fallback in (report, reports[0] if reports and page is None else None):
        if not found and fallback is not None:
            found = first_paragraph(fallback.preamble.tokens) or first_paragraph(
                [t for p in fallback.pages for t in p.tokens]
            )
    return found or (str(meta["description"]) if meta.get("description") else None)
