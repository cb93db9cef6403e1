"""A second kind of document, for the seam's test only: a notice (公告), one page of text under its title.

It is all a new kind needs: this model module, its KIND, and a template (tests/kinds/notice.html)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from markdown_it.token import Token

from govreport.errors import Problem
from govreport.model.document import DocumentKind, Output
from govreport.parse import Parsed


@dataclass(frozen=True)
class NoticePage:
    path: str
    source: str
    tokens: list[Token]
    role: str = "notice"
    anchor: str = "notice"
    heading: Token | None = None
    leads: tuple[Any, ...] = ()
    notes: tuple[Any, ...] = ()


@dataclass(frozen=True)
class Notice:
    slug: str
    meta: dict[str, Any]
    source: str
    page: NoticePage
    kind: str = "notice"
    pdf_template: str | None = None
    extra: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return str(self.meta.get("title", ""))

    @property
    def date(self) -> dt.date | None:
        value = self.meta.get("date")
        return value if isinstance(value, dt.date) else None

    @property
    def preamble(self) -> NoticePage:
        return self.page

    @property
    def pages(self) -> list[NoticePage]:
        return [self.page]

    @property
    def notes(self) -> list[Any]:
        return []

    def outputs(self) -> list[Output]:
        return [Output(self.page.path, "notice.html", [self.page], {"page": self.page})]

    def with_pages(self, change: Callable[[NoticePage], NoticePage]) -> Notice:
        return replace(self, page=change(self.page))

    def parent_of(self, page: NoticePage) -> None:
        return None


def model_notice(folder: str, items: list[Parsed], problems: list[Problem]) -> Notice:
    index = next(i for i in items if i.source.rel == f"{folder}/index.md")
    for item in items:
        if item is not index:
            problems.append(Problem(item.source.display, None, "a notice is one file: index.md"))
    return Notice(
        folder, index.meta, index.source.display, NoticePage(f"{folder}/index.html", index.source.display, index.tokens)
    )


def validate_notice(notice: Notice) -> list[Problem]:  # type: ignore[misc]
    return (
        [] if notice.page.tokens else [Problem(notice.source, None, "a notice needs its text below the front matter")]
    )


KIND = DocumentKind("notice", model_notice, validate_notice)  # type: ignore[arg-type]
