"""What a build made, and the few lines that tell the editor: pages per report, each PDF and its pages, the search
index, the warnings, the time, and where to open the site. Also the stage timer behind `build -v`."""

from __future__ import annotations

import io
import time
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .errors import Problem
from .i18n import _, ngettext

if TYPE_CHECKING:
    from .model.document import Document


@dataclass(frozen=True)
class Made:
    """One report's share of the site."""

    title: str
    slug: str
    pages: int  # its HTML pages
    pdf_pages: int | None  # the PDF's pages; None when no PDF was made


@dataclass(frozen=True)
class Built:
    """What `build_site` made."""

    warnings: list[Problem]
    reports: list[Made] = field(default_factory=list)
    other_pages: int = 0  # home, glossary, search and the other site pages
    search: bool = False


def made(
    files: Mapping[str, str | bytes], bundle: Mapping[str, bytes], reports: list[Document], warnings: list[Problem]
) -> Built:
    pages = [path for path in files if path.endswith(".html")]
    by_folder = Counter(path.split("/", 1)[0] for path in pages if "/" in path)  # once, not once per report
    own = {report.slug: by_folder[report.slug] for report in reports}
    return Built(
        warnings,
        [
            Made(report.title, report.slug, own[report.slug], pdf_pages(files.get(f"{report.slug}/report.pdf")))
            for report in reports
        ],
        len(pages) - sum(own.values()),
        bool(bundle),
    )


def to_record(built: Built) -> dict[str, Any]:
    """What a build made, as JSON data (kept by uptodate.py, to be told again by a build that has nothing to do)."""
    return asdict(built)


def from_record(data: dict[str, Any]) -> Built:
    return Built(
        [Problem(**p) for p in data["warnings"]],
        [Made(**r) for r in data["reports"]],
        data["other_pages"],
        data["search"],
    )


def pdf_pages(data: str | bytes | None) -> int | None:
    if not isinstance(data, bytes):
        return None
    import pypdfium2  # here: only a build that made a PDF counts its pages

    document = pypdfium2.PdfDocument(io.BytesIO(data))
    try:
        return len(document)
    finally:
        document.close()


def summary_lines(built: Built, out: Path, seconds: float, kept: bool = False) -> list[str]:
    """The editor's summary of a successful build; `kept`: nothing had changed, so the last build's output stays."""
    if kept:
        first = _("Nothing changed since the last build: {out}/ is up to date ({seconds:.1f} s):")
    else:
        first = _("Built the site in {out}/ in {seconds:.1f} s:")
    lines = [first.format(out=display_path(out), seconds=seconds)]
    for report in built.reports:
        pages = ngettext("{n} page", "{n} pages", report.pages).format(n=report.pages)
        if report.pdf_pages is None:
            lines.append(
                _("  {title} ({slug}/): {pages}, no PDF").format(title=report.title, slug=report.slug, pages=pages)
            )
        else:
            pdf = ngettext("a PDF of {n} page", "a PDF of {n} pages", report.pdf_pages).format(n=report.pdf_pages)
            lines.append(
                _("  {title} ({slug}/): {pages} and {pdf}").format(
                    title=report.title, slug=report.slug, pages=pages, pdf=pdf
                )
            )
    lines.append(
        ngettext("  the site's own pages: {n} page", "  the site's own pages: {n} pages", built.other_pages).format(
            n=built.other_pages
        )
    )
    lines.append(_("  search index: made") if built.search else _("  search index: not made (--no-search)"))
    count = len(built.warnings)
    if count:
        lines.append(ngettext("  {n} warning, listed above", "  {n} warnings, listed above", count).format(n=count))
    else:
        lines.append(_("  no warnings"))
    lines.append(_("Open {index} in a web browser to see it.").format(index=display_path(out / "index.html")))
    return lines


def display_path(path: Path) -> str:
    from .errors import display

    return display(path)


VERBOSITY = {"level": 1}  # 0: errors only (-q); 1: warnings and the summary; 2: each stage and its time too (-v)


def set_verbosity(level: int) -> None:
    VERBOSITY["level"] = level


def verbosity() -> int:
    return VERBOSITY["level"]


@contextmanager
def stage(name: str, long: bool = False) -> Iterator[None]:
    """A stage of the build (its name marked with N_()): under -v its time is printed when it ends; a `long` one
    (the PDF, the search index) shows its name while it runs on a terminal, and nothing when output is not one."""
    started = time.perf_counter()
    shown = long and VERBOSITY["level"] == 1 and click.get_text_stream("stderr").isatty()
    if shown:
        click.echo(_("{stage} …").format(stage=_(name)), err=True, nl=False)
    try:
        yield
    finally:
        if shown:
            click.echo("\r\033[K", err=True, nl=False)  # the line is cleared: the summary says what was made
        if VERBOSITY["level"] >= 2:
            seconds = time.perf_counter() - started
            click.echo(_("  {stage}: {seconds:.2f} s").format(stage=_(name), seconds=seconds), err=True)
