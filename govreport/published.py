"""The build's proof that it published every word: each piece of text in a document's parsed Markdown appears, in
order, in the HTML rendered for it. A parser limit, a template that forgets a block or a rule that drops a token
would otherwise lose text with exit 0; here it is a build error naming the file and the first missing words.

A document is checked on the one output that shows all its pages (a report's full text), or else on each output
against its own pages. Whitespace is ignored, so are the HTML's additions (menus, footnote numbers, labels): the
words are looked for one text token at a time, each after the one before.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence

from markdown_it.token import Token

from .errors import Problem
from .i18n import _
from .model.document import Document, Output, ReadingPage

TAG_RE = re.compile(r"<(script|style|template)\b.*?</\1>|<[^>]*>", re.S)
WHITESPACE_RE = re.compile(r"\s+")
SHOWN = 16  # characters of the missing text quoted in the message


def check_published(documents: Sequence[Document], files: dict[str, str | bytes]) -> list[Problem]:
    """A problem for each document whose rendered pages miss some of its text."""
    problems = []
    for document in documents:
        for output in outputs_to_check(document):
            rendered = files.get(output.path)
            if isinstance(rendered, str):
                problem = first_missing(output.pages, visible_text(rendered), output.path)
                if problem:
                    problems.append(problem)
    return problems


def outputs_to_check(document: Document) -> list[Output]:
    """The output that shows every page, if there is one; else all of them."""
    outputs = document.outputs()
    whole = next((o for o in outputs if len(o.pages) == len(document.pages) > 1), None)
    return [whole] if whole else outputs


def visible_text(rendered: str) -> str:
    return WHITESPACE_RE.sub("", html.unescape(TAG_RE.sub("", rendered)))


def first_missing(pages: Sequence[ReadingPage], text: str, out_path: str) -> Problem | None:
    """The first text token of `pages` that is not in `text` after the one before it, as a problem of its file."""
    body, notes = 0, 0
    for page in pages:
        for piece, line, in_note in pieces(page):
            found = text.find(piece, notes if in_note else body)
            if found < 0:
                words = piece if len(piece) <= SHOWN else piece[:SHOWN] + "…"
                message = _("“{words}” is not in the published {path}: a template or rule dropped it")
                message = message.format(words=words, path=out_path)
                return Problem(source_of(page), line, message)
            if in_note:
                notes = found
            else:
                body = found + len(piece)
    return None


def pieces(page: ReadingPage) -> Iterator[tuple[str, int | None, bool]]:
    """Each text token's squashed words, with its line, and whether it is a footnote's (they are shown together)."""
    heading = getattr(page, "heading", None)
    for token in ([heading] if heading is not None else []) + list(page.tokens):
        yield from texts(token, line_of(token), False)
    for note in page.notes:
        for token in note.tokens:
            yield from texts(token, getattr(note, "line", None), True)


def texts(token: Token, line: int | None, in_note: bool) -> Iterator[tuple[str, int | None, bool]]:
    if token.type != "inline":
        return
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            words = WHITESPACE_RE.sub("", child.content)
            if words:
                yield words, line, in_note


def line_of(token: Token) -> int | None:
    return token.map[0] + 1 if token.map else None


def source_of(page: ReadingPage) -> str:
    return str(getattr(page, "source", ""))
