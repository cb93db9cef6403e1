"""The build driver: load → parse → model (with figures) → validate → render (pages, then PDFs) → index → write, in
that order; a report's pages are written into the build's staging folder as soon as they are rendered."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from markdown_it import MarkdownIt

from .cache import CachedFile
from .claims import check_claims, site_claims
from .corrections import correction_problems
from .errors import ContentError, Problem
from .figures import model_figures
from .glossary import model_glossary
from .i18n import N_
from .identity import identity_problems
from .images import image_files
from .incremental import Reuse, unit_of
from .load import Source, load_sources
from .model import Site, model_reports
from .model.document import Document
from .model.pages import model_standalone
from .options import PROJECT, BuildOptions, project_folder  # noqa: F401  (imported from here by check.py and tests)
from .parse import Parsed, make_markdown, parse_source
from .pdf import render_pdfs, skipped_pdf_problems, why_no_pdf
from .published import check_published, outputs_to_check
from .render import Renderer, Sink, SiteInfo, asset_links, folder_digest, make_environment, render_site
from .render.html import install_renderers
from .render.templates import template_problem
from .searchindex import index_site
from .summary import Built, made, stage
from .validate import validate_site
from .write import staging_for

if TYPE_CHECKING:
    from .uptodate import Earlier


def load_site(content: Path, reuse: Reuse | None = None) -> tuple[Site, list[Problem]]:
    """The front half: load → parse → model (reports, glossary, pages) → validate; every problem, none raised but
    a file that cannot be read at all (ContentError). With `reuse`, each unit a change did not touch is taken
    from the previous build (see incremental.py)."""
    reuse = reuse or Reuse()
    md = reuse.get("markdown", "", (), markdown)
    parsed = parse_units(md, load_sources(content, reuse), reuse)
    modelled = model_reports(parsed, reuse)
    glossary = model_glossary(parsed, modelled.reports, reuse)
    standalone, standalone_problems = model_standalone(parsed)
    problems = (
        [p for item in parsed for p in item.problems] + modelled.problems + glossary.problems + standalone_problems
    )
    problems += validate_site(parsed, modelled.reports, content, reuse) + identity_problems(parsed)
    problems += correction_problems(modelled.reports, parsed)
    figures = model_figures(content, glossary.reports, reuse)
    meta = next((p.meta for p in parsed if p.source.rel == "index.md"), {})
    site = Site(md, meta, glossary.reports, glossary.glossary, standalone, parsed, figures)
    problems += figures.problems
    return site, problems + check_claims(site_claims(site, reuse))


def markdown() -> MarkdownIt:
    md = make_markdown()
    install_renderers(md)
    return md


def parse_units(md: MarkdownIt, sources: list[Source], reuse: Reuse) -> list[Parsed]:
    """Every source parsed, in order; a unit (see incremental.unit_of) is parsed whole, or not at all when none
    of its files changed: the model marks the tokens it is given, so a changed unit never mixes in old ones."""
    units: dict[str, list[Source]] = {}
    for source in sources:
        units.setdefault(unit_of(source.rel), []).append(source)
    done = {
        unit: iter(reuse.get("parse", unit, tuple(items), lambda items=items: [parse_source(md, s) for s in items]))
        for unit, items in units.items()
    }
    reuse.forget("parse", set(units))
    return [next(done[unit_of(source.rel)]) for source in sources]


def build_site(options: BuildOptions, earlier: Earlier | None = None) -> Built:
    """Build the whole site; raise ContentError listing every error; return what was made, and the warnings.
    With `earlier` (uptodate.py), a report whose inputs are all as they were at the last build takes its pages
    from that build's output instead of rendering them.

    It is written into a folder beside --out and swapped in at the end. A report's pages are checked and written
    there as soon as they are rendered, while the worker processes render the next ones: this process would only
    wait for them otherwise."""
    with paused_gc(), staging_for(options.out) as staging:
        files, warnings, reports = render_parts(options, reuse=Reuse(earlier=earlier), put=staging.put)
        with stage(N_("the search index"), long=True):
            bundle = index_site(read_taken(files)) if options.search else {}
        with stage(N_("writing the site")):
            staging.finish({**files, **bundle}, options.assets)
    return made(files, bundle, reports, warnings)


def read_taken(files: dict[str, str | bytes | CachedFile]) -> dict[str, str | bytes]:
    """The pages taken from the last build, read, for the search index, which reads every page's text."""
    return {rel: data.read().decode("utf-8") if isinstance(data, CachedFile) else data for rel, data in files.items()}


def render_files(
    options: BuildOptions, template_cache: jinja2.BytecodeCache | None = None, reuse: Reuse | None = None
) -> tuple[dict[str, str | bytes], list[Problem]]:
    """Everything up to, not including, writing: the pages, the PDFs and the warnings; `serve` passes a template
    cache, and what its last build made (`reuse`)."""
    files, warnings, _reports = render_parts(options, template_cache, reuse)
    return files, warnings


def render_parts(
    options: BuildOptions,
    template_cache: jinja2.BytecodeCache | None = None,
    reuse: Reuse | None = None,
    put: Callable[[dict[str, str]], None] | None = None,
) -> tuple[dict[str, str | bytes], list[Problem], list[Document]]:
    """render_files, and the reports it rendered (for the build's summary). With `put` (build's staging folder),
    each report's pages are checked for lost words and put there as soon as they are made (see render_site)."""
    reuse = reuse or Reuse()
    checked: dict[str, list[Problem]] = {}

    def take(report: Document, pages: dict[str, str]) -> None:
        taken = any(isinstance(page, CachedFile) for page in pages.values())  # checked by the build that made them
        checked[report.source] = [] if taken else check_published([report], pages)
        put(pages)

    with stage(N_("reading and checking the content")):
        site, problems = load_site(options.content, reuse)
    make_pdf, skipped = plan_pdf(options, site.reports)
    warnings = check(problems + skipped, options.strict)
    with stage(N_("the pages and the PDF") if make_pdf else N_("the pages"), long=make_pdf):
        renderer = make_renderer(site, options, make_pdf, template_cache, reuse)
        files, late = render_outputs(renderer, options.templates, make_pdf, reuse, take if put else None)
    with stage(N_("checking that every word is published")):
        lost = published_problems(site.reports, files, reuse, checked)  # every word, or nothing is written
    if lost:
        raise ContentError(lost)
    slugs = {Path(report.source).parent.name: report.slug for report in site.reports}
    files.update(image_files(site.parsed, options.content, slugs))  # each under its report's output folder
    return files, warnings + check(late, options.strict, warnings), site.reports


def make_renderer(
    site: Site,
    options: BuildOptions,
    make_pdf: bool,
    template_cache: jinja2.BytecodeCache | None = None,
    reuse: Reuse | None = None,
) -> Renderer:
    """With `reuse`, the Jinja environment of the last build, its templates loaded, while no template changed."""
    styles, scripts = asset_links(options.assets, "css", ".css"), asset_links(options.assets, "js", ".js")
    info = SiteInfo(site.meta, options.base_url, styles, scripts, make_pdf)
    templates = folder_digest(options.templates)
    make = partial(make_environment, options.templates, template_cache)
    env = (reuse or Reuse()).get("environment", "", (), make, (templates, id(template_cache)))
    return Renderer(env, info, site, templates)


def plan_pdf(options: BuildOptions, reports: list[Document]) -> tuple[bool, list[Problem]]:
    """Make the PDFs when asked to and able to; when unable, a warning says why."""
    if not options.pdf:
        return False, []
    reason = why_no_pdf()
    return (True, []) if reason is None else (False, skipped_pdf_problems(reports, reason))


def published_problems(
    reports: list[Document],
    files: dict[str, str | bytes],
    reuse: Reuse,
    checked: dict[str, list[Problem]],
) -> list[Problem]:
    """check_published, report by report; a report whose pages are the very ones checked last time is not read
    again, nor one already checked as its pages were made (`checked`, by report source)."""
    problems = []
    for report in reports:
        paths = reuse.get("checked paths", report.source, (report,), lambda r=report: checked_paths(r))
        pages = tuple(files.get(path) for path in paths)
        found = checked.get(report.source)
        check = partial(list, found) if found is not None else partial(check_published, [report], files)
        problems += reuse.get("published", report.source, (report, *pages), check)
    reuse.forget("published", {r.source for r in reports})
    return problems


def checked_paths(report: Document) -> list[str]:
    return [output.path for output in outputs_to_check(report)]


def render_outputs(
    renderer: Renderer, templates: Path, make_pdf: bool, reuse: Reuse | None = None, sink: Sink | None = None
) -> tuple[dict[str, str | bytes], list[Problem]]:
    """The pages, then each report's PDF, with the typesetter's warnings; a template error names its file and line."""
    try:
        files: dict[str, str | bytes] = dict(render_site(renderer, reuse, sink))
        pdfs, problems = render_pdfs(renderer, templates) if make_pdf else ({}, [])
    except jinja2.TemplateError as err:
        raise ContentError([template_problem(err, templates)]) from None
    return {**files, **pdfs}, problems


def check(problems: list[Problem], strict: bool, earlier: list[Problem] | None = None) -> list[Problem]:
    """Raise ContentError listing every problem when one is an error; else return the warnings."""
    errors, warnings = split(problems, strict)
    if errors:
        raise ContentError(errors + (earlier or []) + warnings)
    return warnings


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cycle collection while building: a build keeps nearly all it allocates until it ends, so collecting
    only re-scans the growing model (a tenth of the build's time at 4,000 pages) and frees next to nothing.

    Afterwards everything allocated meanwhile is moved to the oldest generation (freeze, then unfreeze): left
    in the youngest, the first collection after re-enabling would scan the whole build at once (0.24 s at
    4,000 pages). It is still collected, in the rare full collections."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if was_enabled:
            gc.enable()


def split(problems: list[Problem], strict: bool) -> tuple[list[Problem], list[Problem]]:
    """Under --strict a warning is an error."""
    if strict:
        problems = [Problem(p.path, p.line, p.message) for p in problems]
    return [p for p in problems if p.severity == "error"], [p for p in problems if p.severity == "warning"]
