"""Model: parsed sources → the site's documents, gathered before anything is rendered.

A document is one folder of content/ (content/2023/): a work report by default, or another kind named by
`kind:` in its index.md. Glossary, render and search use a document only through `Document` and `ReadingPage`
below, so a new kind is one model module (registered in KINDS) plus its templates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from markdown_it import MarkdownIt

from ..errors import Problem
from ..i18n import _
from ..incremental import Reuse
from . import workreport
from .document import DEFAULT_KIND, Document, DocumentKind

if TYPE_CHECKING:
    from ..figures import SiteFigures
    from ..glossary import Glossary
    from ..parse import Parsed
    from .pages import StandalonePage

KINDS: dict[str, DocumentKind] = {DEFAULT_KIND: workreport.KIND}  # a new kind: its model module's KIND, added here
NOT_DOCUMENTS = ("glossary", "pages")  # content/ folders that hold other things


@dataclass
class ModelResult:
    reports: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def model_reports(parsed: list[Parsed], reuse: Reuse | None = None) -> ModelResult:
    """Group parsed files by folder and make each folder's document with the model of its `kind:`; a folder whose
    parsed files are those of the last build keeps its document (`reuse`)."""
    result = ModelResult()
    reuse = reuse or Reuse()
    folders: dict[str, list[Parsed]] = {}
    for item in parsed:
        folder, _, rest = item.source.rel.partition("/")
        if rest and folder not in NOT_DOCUMENTS:
            folders.setdefault(folder, []).append(item)
    for folder, items in sorted(folders.items()):
        document, problems = reuse.get("model", folder, tuple(items), lambda f=folder, i=items: modelled(f, i))
        result.problems += problems
        if document:
            result.reports.append(document)
    reuse.forget("model", set(folders))
    result.reports.sort(key=lambda r: (r.date or dt.date.min, r.slug), reverse=True)
    return result


def modelled(folder: str, items: list[Parsed]) -> tuple[Document | None, list[Problem]]:
    problems: list[Problem] = []
    return model_document(folder, items, problems), problems


def model_document(folder: str, items: list[Parsed], problems: list[Problem]) -> Document | None:
    index = next((i for i in items if i.source.rel == f"{folder}/index.md"), None)
    if index is None:
        problems.append(
            Problem(
                f"{items[0].source.path.parent.parent / folder}/index.md",
                None,
                _("the report has no index.md with its title, meeting, date and speaker"),
            )
        )
        return None
    kind = index.meta.get("kind", DEFAULT_KIND)
    if kind not in KINDS:
        known = _(", ").join(sorted(KINDS))
        problems.append(
            Problem(
                index.source.display,
                index.meta_lines.get("kind"),
                _("kind: {kind!r} is not a kind of document this site knows ({known})").format(kind=kind, known=known),
            )
        )
        return None
    return KINDS[kind].model(folder, items, problems)


@dataclass(frozen=True)
class Site:
    """Everything known before rendering, the same for build, check and serve: the site settings, the reports,
    the glossary (with the reports' term links made) and the pages of content/pages/."""

    md: MarkdownIt
    meta: dict[str, Any]
    reports: list[Document]
    glossary: Glossary
    pages: list[StandalonePage]
    parsed: list[Parsed]
    figures: SiteFigures | None = None  # each report's figures.yml, checked, and the trends (figures/)
