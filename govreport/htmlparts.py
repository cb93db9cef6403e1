"""Token → HTML pieces for templates: page bodies, headings and footnotes, with accessible footnote links."""
from __future__ import annotations

import re
from typing import Any, Callable, Sequence

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token
from markupsafe import Markup, escape

from .model import Note, Page
from .standalone import StandalonePage

# clreq: a dash (——) or an ellipsis (……) is one mark two characters wide and never splits across lines.
NO_BREAK_RE = re.compile(r"(—{2,}|…{2,}|⋯{2,})")


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


def keep_together(text: str) -> str:
    """Escaped text with each —— or …… wrapped in <span class="nw">, which CSS keeps on one line."""
    return NO_BREAK_RE.sub(r'<span class="nw">\1</span>', escapeHtml(text))


def render_text(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return keep_together(tokens[idx].content)


def install_renderers(md: MarkdownIt) -> None:
    md.add_render_rule("footnote_ref", render_footnote_ref)
    md.add_render_rule("text", render_text)


def plain_text(inline: Token | None) -> str:
    """The words of an inline token, without markup or footnote numbers."""
    if inline is None:
        return ""
    return "".join(c.content for c in inline.children or [] if c.type in ("text", "code_inline", "softbreak"))


class Html:
    """What templates call to turn the model's tokens into markup."""

    def __init__(self, md: MarkdownIt, url: Callable[[str], str]) -> None:
        self.md, self.url = md, url

    def body(self, page: Page | StandalonePage) -> Markup:
        return Markup(self.md.renderer.render(page.tokens, self.md.options, {}))

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
        return Markup(self.md.renderer.render(note.tokens, self.md.options, {}))

    def note_id(self, note: Note) -> str:
        return note_id(note.label)

    def ref_id(self, note: Note) -> str:
        return ref_id(note.label)
