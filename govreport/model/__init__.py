"""Model: parsed sources → the site's documents, gathered before anything is rendered.

A document is one folder of content/ (content/2023/): a work report by default, or another kind named by
`kind:` in its index.md. Glossary, render and search use a document only through `Document` and `ReadingPage`
below, so a new kind is one model module (registered in KINDS) plus its templates.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markdown_it import MarkdownIt

if TYPE_CHECKING:
    from ..glossary import Glossary
    from ..parse import Parsed
    from .pages import StandalonePage
    from .workreport import Report


@dataclass(frozen=True)
class Site:
    """Everything known before rendering, the same for build, check and serve: the site settings, the reports,
    the glossary (with the reports' term links made) and the pages of content/pages/."""

    md: MarkdownIt
    meta: dict[str, Any]
    reports: list[Report]
    glossary: Glossary
    pages: list[StandalonePage]
    parsed: list[Parsed]


