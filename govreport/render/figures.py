"""Render the figures (数说): a report's page of cards and trends, its sentence anchors, and the site's 历年数据 page."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..figures import FiguresFile, Placed, SiteFigures, Trend, placed
from ..figures.anchors import mark_quotes
from ..figures.chart import number, trend_svg, trend_words
from ..model.document import Document
from ..urls import relative_from_folder

TRENDS_PATH = "trends.html"


def figures_path(report: Document) -> str:
    return f"{report.slug}/figures.html"


def figures_file(figures: SiteFigures | None, report: Document) -> FiguresFile | None:
    if figures is None:
        return None
    found = figures.files.get(Path(report.source).parent.name)
    return found if found and found.figures else None


def groups(items: list[Placed]) -> list[tuple[str, list[Placed]]]:
    """Cards by group, in the order each group first appears."""
    out: dict[str, list[Placed]] = {}
    for item in items:
        out.setdefault(item.figure.group, []).append(item)
    return list(out.items())


def chart_context() -> dict[str, Any]:
    return {"trend_svg": trend_svg, "trend_words": trend_words, "number": number}


def render_figures(
    page: Callable[..., str], report: Document, file: FiguresFile, trends: dict[str, Trend], pages: dict[str, str]
) -> dict[str, str]:
    """The 数说 page, and the report's pages with their quotes marked (`pages` is changed in place)."""
    items = placed(report, file)
    out = figures_path(report)
    full = f"{report.slug}/full.html"
    for path in sorted({item.page_path for item in items if item.page_path} | {full}):
        if path in pages:
            on_page = [item for item in items if item.page_path and (path == full or item.page_path == path)]
            pages[path] = mark_quotes(pages[path], on_page, relative_from_folder(posixpath.dirname(path), out))
    own = [trends[i.figure.key] for i in items if i.figure.key in trends]
    html = page("figures.html", out, report=report, groups=groups(items), trends=own, **chart_context())
    return {out: html}


def trend_list(trends: dict[str, Trend]) -> list[Trend]:
    """The 历年数据 page's trends, by key."""
    return sorted(trends.values(), key=lambda t: t.key)
