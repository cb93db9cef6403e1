"""The document-kind seam: what glossary, render, search and validate may use of a document (a folder of content/),
whatever its kind, and what a kind's model module provides."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from markdown_it.token import Token

if TYPE_CHECKING:
    from ..errors import Problem
    from ..parse import Parsed

DEFAULT_KIND = "work-report"


class Lead(Protocol):
    text: str
    anchor: str


class Note(Protocol):
    label: str
    tokens: list[Token]
    path: str
    line: int


class ReadingPage(Protocol):
    """One page of a document: its heading, body and footnotes as tokens; glossary links and search go in here.
    Pages and their notes are frozen dataclasses: the glossary makes linked copies with dataclasses.replace."""

    @property
    def path(self) -> str: ...  # output path, e.g. 2023/part-1/section-1.html
    @property
    def source(self) -> str: ...  # the content file, for messages
    @property
    def role(self) -> str: ...  # its place in the document; names a page that has no heading (templates/_labels.html)
    @property
    def anchor(self) -> str: ...  # the id of the page's heading
    @property
    def heading(self) -> Token | None: ...
    @property
    def tokens(self) -> list[Token]: ...
    @property
    def leads(self) -> Sequence[Lead]: ...
    @property
    def notes(self) -> Sequence[Note]: ...


@dataclass(frozen=True)
class Output:
    """One file a document renders: its template, the pages whose term previews it carries, the template's context."""

    path: str
    template: str
    pages: Sequence[ReadingPage]
    context: dict[str, Any] = field(default_factory=dict)


class Document(Protocol):
    """A document of any kind, as the rest of the build sees it."""

    @property
    def kind(self) -> str: ...
    @property
    def slug(self) -> str: ...  # its output folder
    @property
    def meta(self) -> dict[str, Any]: ...  # index.md's front matter
    @property
    def source(self) -> str: ...  # index.md, for messages
    @property
    def title(self) -> str: ...
    @property
    def date(self) -> dt.date | None: ...
    @property
    def preamble(self) -> ReadingPage: ...  # the first page: the one the site's home and menus link to
    @property
    def pages(self) -> list[ReadingPage]: ...  # in reading order
    @property
    def notes(self) -> list[Note]: ...
    @property
    def pdf_template(self) -> str | None: ...  # its print template, or None for no PDF

    def outputs(self) -> list[Output]: ...
    def with_pages(self, change: Callable[[Any], Any]) -> Document: ...  # a copy, each page replaced by change(page)
    def parent_of(
        self, page: ReadingPage
    ) -> ReadingPage | None: ...  # the page it sits under, for "part › section" labels


@dataclass(frozen=True)
class DocumentKind:
    """What a kind's model module provides: make a document from its folder's parsed files, and its own checks."""

    name: str
    model: Callable[[str, list[Parsed], list[Problem]], Document | None]  # folder, its files, problems to add to
    validate: Callable[[Document], list[Problem]] = lambda document: []


YEAR_IN_TITLE_RE = re.compile(r"(?:1[89]|20)\d\d\s*年|[〇零一二][〇零一二三四五六七八九]{3}年")


def names_a_year(title: str) -> bool:
    """A title that names its year itself (2024年政府工作报告, 二〇二四年…) is not given one again by the site."""
    return bool(YEAR_IN_TITLE_RE.search(title))
