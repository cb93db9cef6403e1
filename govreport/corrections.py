"""Corrections (更正): each report's front matter `corrections:` (date, page, one sentence on what was changed and
why) → a dated notice under that page's title, the site's 更正记录 page, the page's sitemap `lastmod`; a
correction naming a page the report does not have is an error with its line."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from .errors import Problem
from .i18n import _
from .model.document import Document, ReadingPage
from .parse import Parsed

PATH = "corrections.html"


@dataclass(frozen=True)
class Correction:
    date: dt.date
    report: Document
    page: ReadingPage
    note: str


def entries(report: Document) -> list[tuple[int, dict[str, Any]]]:
    found = report.meta.get("corrections")
    return [(i, c) for i, c in enumerate(found) if isinstance(c, dict)] if isinstance(found, list) else []


def page_named(report: Document, name: Any) -> ReadingPage | None:
    """The report's page whose content file is `name`, relative to the report's folder (index.md: the cover)."""
    folder = PurePosixPath(report.source).parent
    for page in report.pages:
        if PurePosixPath(page.source) == folder / str(name):
            return page
    return None


def site_corrections(reports: list[Document]) -> list[Correction]:
    """Every correction that names a page and a date, newest first."""
    found = []
    for report in reports:
        for _i, entry in entries(report):
            page = page_named(report, entry.get("page"))
            if page is not None and isinstance(entry.get("date"), dt.date) and entry.get("note"):
                found.append(Correction(entry["date"], report, page, str(entry["note"])))
    return sorted(found, key=lambda c: (c.date, c.page.path), reverse=True)


def correction_problems(reports: list[Document], parsed: list[Parsed]) -> list[Problem]:
    """An error for each correction without a date, a sentence, or a page the report has."""
    lines = {item.source.display: item.meta_lines for item in parsed}
    problems = []
    for report in reports:
        for i, entry in entries(report):
            where = lines.get(report.source, {})
            line = where.get(f"corrections.{i}", 1)
            if page_named(report, entry.get("page")) is None:
                message = _(
                    "corrections: page {page!r} is not a page of this report: name its file, such as part-1/section-1.md"
                ).format(page=str(entry.get("page", "")))
                problems.append(Problem(report.source, where.get(f"corrections.{i}.page", line), message))
            if not isinstance(entry.get("date"), dt.date):
                message = _("corrections: each correction needs `date:`, such as 2023-02-01")
                problems.append(Problem(report.source, where.get(f"corrections.{i}.date", line), message))
            if not entry.get("note"):
                message = _("corrections: each correction needs `note:`, one sentence on what was changed and why")
                problems.append(Problem(report.source, line, message))
    return problems


def last_modified(corrections: list[Correction]) -> dict[str, str]:
    """Each corrected page's output path → its latest correction's date, for the sitemap."""
    latest: dict[str, str] = {}
    for correction in corrections:  # newest first: the first seen is the latest
        latest.setdefault(correction.page.path, correction.date.isoformat())
    return latest
