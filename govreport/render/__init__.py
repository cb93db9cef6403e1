"""Render: the model and a Jinja2 environment → {output path: HTML}; nothing is written here."""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, fields, replace
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ..cache import template_cache
from ..corrections import PATH as CORRECTIONS_PATH
from ..corrections import last_modified, site_corrections
from ..glossary import INDEX_PATH
from ..glossary.entries import Term
from ..identity import Identity, pub_date, site_domain, site_identity
from ..incremental import Reuse, unit_of
from ..model import NOT_DOCUMENTS, Site
from ..model.document import Document, names_a_year
from ..model.workreport import Report
from ..parallel import InOrder
from ..qrcode import qr_svg
from ..urls import relative_from_folder
from . import html
from .figures import TRENDS_PATH, chart_context, figures_file, figures_path, render_figures, trend_list
from .templates import TemplateLoader

Sink = Callable[[Document, dict[str, str]], None]  # what is done with a report's pages as soon as they are made


@dataclass(frozen=True)
class SiteInfo:
    """Site-wide settings: content/index.md's front matter, plus build options."""

    meta: dict[str, Any]
    base_url: str | None
    styles: tuple[str, ...] = ()
    scripts: tuple[str, ...] = ()
    pdf: bool = False  # a PDF of each report is made, so pages link to it


def asset_links(assets: Path, folder: str, suffix: str) -> tuple[str, ...]:
    """Every stylesheet or script in assets/<folder>/, site.* first, so a new feature only adds a file."""
    found = sorted(p.name for p in (assets / folder).glob(f"*{suffix}")) if (assets / folder).is_dir() else []
    return tuple(f"assets/{folder}/{name}" for name in sorted(found, key=lambda n: (not n.startswith("site."), n)))


def make_environment(templates: Path, bytecode_cache: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    """Compiled templates come from `bytecode_cache` (serve keeps one in memory) or else the build cache folder."""
    env = jinja2.Environment(
        loader=TemplateLoader(templates),
        bytecode_cache=bytecode_cache or template_cache(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # one environment per build: no need to stat every template on every page
    )
    env.tests["naming_a_year"] = names_a_year
    env.globals["meta_tag"] = meta_tag
    env.filters["pub_date"] = pub_date
    return env


def meta_tag(attribute: str, name: str, value: object) -> Markup:
    """`<meta name|property="…" content="…">` and a newline, or nothing when the value is not set. A function, not a
    template macro: every page has some twenty of these, and a macro call costs ten times as much."""
    if not value:
        return Markup("")
    return Markup(f'<meta {attribute}="{escape(name)}" content="{escape(value)}">\n')


class Renderer:
    """Renders one page at a time, giving each template `url()` relative to that page."""

    def __init__(self, env: jinja2.Environment, site: SiteInfo, model: Site, templates: str | None = None) -> None:
        """`templates`: the templates' digest (template_digest), when the caller has it already."""
        self.env, self.site, self.model = env, site, model
        self.templates = templates
        self.version: object | None = None
        self.md, self.reports, self.glossary, self.standalone = model.md, model.reports, model.glossary, model.pages
        self.identity: Identity = site_identity(site.meta)
        self.domain = site_domain(site.base_url)
        self.corrections = site_corrections(model.reports)
        self.figures = model.figures

    def page(self, template: str, out_path: str, absolute: bool = False, **context: Any) -> str:
        """`absolute` links from the site's base URL, for the 404 page, which is served at any depth."""
        base = self.site.base_url.rstrip("/") + "/" if self.site.base_url else None
        folder = posixpath.dirname(out_path)
        url: Callable[[str], str] = (
            (lambda target: base + target)
            if absolute and base
            else (lambda target: relative_from_folder(folder, target))
        )
        canonical = base + out_path if base and not absolute else None
        context.setdefault("term_previews", [])
        context.setdefault("description", html.describe(context, self.reports, self.site.meta))
        return self.env.get_template(template).render(
            url=url,
            out_path=out_path,
            site=self.site.meta,
            reports=self.reports,
            canonical=canonical,
            html=html.Html(self.md, url),
            site_base=base or "",
            styles=self.site.styles,
            scripts=self.site.scripts,
            glossary=self.glossary,
            pdf_of=self.pdf_of,
            standalone=self.standalone,
            identity=self.identity,
            site_domain=self.domain,
            corrections=self.corrections,
            qr_svg=qr_svg,
            figures_page=self.figures_page,
            trends_page=TRENDS_PATH if self.figures and self.figures.trends else None,
            **context,
        )

    def load_templates(self) -> None:
        """Compile every page template now, before workers are forked: each would otherwise compile them all for
        itself, and this process again at its next render (serve's first rebuild after its first build). The PDF's
        are left out (made here, and only with the PDF); one that does not compile fails where it is used."""
        for name in self.env.list_templates():
            if not name.startswith("pdf/"):
                try:
                    self.env.get_template(name)
                except jinja2.TemplateError:
                    pass

    def shared_inputs(self) -> tuple[object, ...]:
        """The parsed files outside the reports (site settings, glossary, pages/): every report page may show them."""
        shared = ("", *NOT_DOCUMENTS)
        return tuple(p for p in self.model.parsed if unit_of(p.source.rel) in shared)

    def shared_key(self) -> Hashable:
        """The templates' text, the settings and what each report says of itself (its folder, slug, front matter
        and first page: what the site's menus and links to it are made of)."""
        summary = tuple((r.kind, r.slug, r.source, repr(r.meta), r.preamble.path, r.pdf_template) for r in self.reports)
        summary += (tuple(self.figures_page(r) for r in self.reports), bool(self.figures and self.figures.trends))
        templates = self.templates or template_digest(self.env)
        return (templates, repr(self.site), summary, tuple(self.pdf_of(r) for r in self.reports))

    def persisted_key(self) -> str:
        """shared_key and the trends, as text, for a key kept between builds (uptodate.Earlier): the files behind
        the shared inputs are in that key by their stamps."""
        trends = self.figures.trends if self.figures else None
        return repr((self.shared_key(), trends))

    def shared_version(self, reuse: Reuse) -> object:
        """What every report page may show besides its report, as one token (see Reuse.version); found once a build."""
        if self.version is None:
            self.version = reuse.version("render", self.shared_inputs(), self.shared_key())
        return self.version

    def figures_page(self, report: Document) -> str | None:
        """The report's 数说 page, when it has figures."""
        return figures_path(report) if figures_file(self.figures, report) else None

    def figures_inputs(self, report: Document) -> tuple[object, ...]:
        """What a report's pages show of the figures: its own file, and the trends (other years' values)."""
        figures = self.figures
        return (figures_file(figures, report), figures.trends if figures else None)

    def pdf_of(self, report: Document) -> str | None:
        """The report's PDF, when this build makes one and its kind has a print template."""
        return pdf_file_path(report) if self.site.pdf and report.pdf_template else None


def render_site(renderer: Renderer, reuse: Reuse | None = None, sink: Sink | None = None) -> dict[str, str]:
    """Every page of every report, the glossary, the site home, the search page and the 404 page.

    A report's pages are a function of the report, the templates, the site settings, the files outside the
    reports (glossary, pages/) and what every report says of itself (`summary`): with `reuse`, a report none of
    these changed for keeps the pages the last build rendered. So does each of the site's own pages, which show
    of the reports only that summary; the home page also shows the newest report's first page, so it is kept only
    while that report is. The glossary is rendered each time (see render_glossary).

    `sink(report, pages)` is given each report's pages as soon as they are made, in order, while the workers go on
    with the next reports (build checks and writes them meanwhile); they are in the result all the same."""
    reuse = reuse or Reuse()
    version = renderer.shared_version(reuse)
    newest = renderer.reports[:1]

    def own(template: str, path: str, *inputs: object, **context: Any) -> str:
        make = partial(renderer.page, template, path, absolute=path == "404.html", **context)
        return reuse.get("site page", path, (version, *inputs), make)

    out: dict[str, str] = {"index.html": own("home.html", "index.html", *newest)}
    with RenderReports(renderer, reuse) as reports:  # the workers start on them now …
        glossary = render_glossary(renderer, reuse)  # … while this process makes the glossary
        for report_pages in reports.pages(sink):
            out.update(report_pages)
    out.update(glossary)
    if renderer.figures and renderer.figures.trends:
        trends = renderer.figures.trends
        out[TRENDS_PATH] = own("trends.html", TRENDS_PATH, trends, trends=trend_list(trends), **chart_context())
    out["search.html"] = own("search.html", "search.html")
    for page in renderer.standalone:
        out[page.path] = own(page.template, page.path, page, page=page)
    if renderer.corrections:
        out[CORRECTIONS_PATH] = own("corrections.html", CORRECTIONS_PATH)
    out["404.html"] = own("404.html", "404.html")
    if renderer.site.base_url:
        paths = sorted(p for p in out if p != "404.html")
        lastmod = last_modified(renderer.corrections)
        out["sitemap.xml"] = renderer.page("sitemap.xml", "sitemap.xml", paths=paths, lastmod=lastmod)
    return out


class RenderReports:
    """Each report's pages, rendering (in workers, when many) only those the last build did not leave. The
    workers start when it is made; `pages` takes their results, in the reports' order."""

    def __init__(self, renderer: Renderer, reuse: Reuse) -> None:
        self.renderer, self.reuse = renderer, reuse
        self.shared = (renderer.shared_version(reuse),)
        self.found = [reuse.lookup("render", r.source, self.inputs(r)) for r in renderer.reports]
        self.keys: list[str] = []
        if reuse.earlier is not None:  # build: a report the last build made with the same inputs takes its pages
            earlier, site = reuse.earlier, renderer.persisted_key()
            names = [earlier.folder_of(r.source) for r in renderer.reports]
            folders = frozenset(names)
            self.keys = [earlier.key(name, folders, site) for name in names]
            self.found = [
                found if found[0] else taken(earlier.take(r.source, key))
                for r, found, key in zip(renderer.reports, self.found, self.keys)
            ]
        missing = [r for r, (hit, _) in zip(renderer.reports, self.found) if not hit]
        work = sum(len(r.pages) for r in missing)
        self.made = InOrder(partial(render_report, renderer), missing, work, before_fork=renderer.load_templates)

    def inputs(self, report: Document) -> tuple[object, ...]:
        return (report, *self.renderer.figures_inputs(report), *self.shared)

    def pages(self, sink: Sink | None = None) -> list[dict[str, str]]:
        """Every report's pages, each given to `sink` as soon as it is there."""
        pages = []
        for i, (report, (hit, result)) in enumerate(zip(self.renderer.reports, self.found)):
            if not hit:
                result = next(self.made)
                self.reuse.store("render", report.source, self.inputs(report), result)
            if self.keys:
                self.reuse.earlier.keep(report.source, self.keys[i], list(result))
            if sink is not None:
                sink(report, result)
            pages.append(result)
        self.reuse.forget("render", {r.source for r in self.renderer.reports})
        return pages

    def __enter__(self) -> RenderReports:
        return self

    def __exit__(self, *exc: object) -> None:
        self.made.close()  # ends the workers, also when something failed before all were taken


def taken(pages: dict[str, Any] | None) -> tuple[bool, Any]:
    """A lookup's answer (see Reuse.lookup) for pages taken from the last build, or none."""
    return (pages is not None, pages)


def render_report(renderer: Renderer, report: Document) -> dict[str, str]:
    """Every file the document says it renders, whatever its kind, each with the term previews of its pages."""
    previews = renderer.glossary.linked_on
    pages = {
        out.path: renderer.page(
            out.template, out.path, report=report, term_previews=previews(list(out.pages)), **out.context
        )
        for out in report.outputs()
    }
    file = figures_file(renderer.figures, report)
    if file is not None and renderer.figures is not None:
        pages.update(render_figures(renderer.page, report, file, renderer.figures.trends, pages))
    return pages


def template_digest(env: jinja2.Environment) -> str:
    """A hash of every template's text: a template edit renders everything again."""
    loader = env.loader
    return folder_digest(Path(loader.templates)) if isinstance(loader, TemplateLoader) else str(id(env))


def folder_digest(folder: Path) -> str:
    """A hash of the names and bytes of every file in a folder (a file that cannot be read counts as its error)."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        try:
            data = path.read_bytes() if path.is_file() else b""
        except OSError as err:
            data = repr(err).encode()
        digest.update(f"{path.relative_to(folder).as_posix()}\0{len(data)}\0".encode() + data)
    return digest.hexdigest()


def full_text_path(report: Report) -> str:
    return f"{report.slug}/full.html"


def render_glossary(renderer: Renderer, reuse: Reuse) -> dict[str, str]:
    """The 词语解释 index and a page for each term; nothing when there are no term files.

    A term page lists every place the term is used in every report, so each place is rendered once
    (`_occurrence.html`) and kept while its report is the one the last build linked; a term page whose places
    and entry are all the ones the last build had is kept whole."""
    terms = renderer.glossary.terms
    if not terms:
        return {}
    out = {INDEX_PATH: renderer.page("glossary-index.html", INDEX_PATH, terms=terms)}
    version = renderer.shared_version(reuse)
    places = Places(renderer, reuse.get("occurrence", "", (version,), dict))
    for term in terms:
        inputs, key = term_page_inputs(term)
        items = partial(places.items, term.out_path)
        make = partial(renderer.page, "glossary-term.html", term.out_path, term=term, occurrence_items=items)
        out[term.out_path] = reuse.get("term page", term.out_path, (version, *inputs), make, key)
    places.keep_only({id(o) for term in terms for o in term.occurrences})
    reuse.forget("term page", {term.out_path for term in terms})
    return out


def term_page_inputs(term: Term) -> tuple[tuple[object, ...], Hashable]:
    """What a term page shows besides the site: its entry, as objects that stay the same while the term's file
    does (compared by identity), and its places; the citation found in a report, compared by value but for the
    page it points to."""
    citation = term.citation
    entry = tuple(getattr(term, f.name) for f in fields(term) if f.name not in ("citation", "occurrences"))
    inputs = (*entry, citation.page if citation else None, *term.occurrences)
    return inputs, replace(citation, page=None) if citation else None


@dataclass
class Places:
    """The list items of the terms' places, rendered once each and kept by the occurrence's identity, which a
    report left unchanged keeps (glossary.link_reports): a dictionary of its own, as a term used in every one of
    250 reports has that many places, and a lookup in Reuse costs more than this one.

    `kept`: {id(occurrence): (occurrence, folder, item)}, emptied by Reuse whenever the site's version changes; the
    occurrence is held so that its id is never another's."""

    renderer: Renderer
    kept: dict[int, tuple[object, str, Markup]]

    def items(self, out_path: str, occurrences: Sequence[object]) -> Markup:
        """The list items of a term page's places, one a line (joined here: a template loop costs more than the lookups)."""
        folder = posixpath.dirname(out_path)
        return Markup("\n".join(self.item(out_path, folder, o) for o in occurrences))

    def item(self, out_path: str, folder: str, occurrence: object) -> Markup:
        found = self.kept.get(id(occurrence))
        if found is not None and found[0] is occurrence and found[1] == folder:
            return found[2]
        item = Markup(self.renderer.page("_occurrence.html", out_path, occ=occurrence).rstrip("\n"))
        self.kept[id(occurrence)] = (occurrence, folder, item)
        return item

    def keep_only(self, ids: set[int]) -> None:
        """Drop the places that no term has any more, so memory follows the site."""
        for gone in [i for i in self.kept if i not in ids]:
            del self.kept[gone]


def pdf_file_path(report: Report) -> str:
    return f"{report.slug}/report.pdf"
