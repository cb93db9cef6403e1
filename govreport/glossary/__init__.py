"""Glossary: content/glossary/*.md → terms, each with its spellings, pinyin, a definition quoted from a report and
every place the reports use it; term links go into new copies of the reports, which are what is rendered."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property

from markdown_it.token import Token

from ..errors import Problem
from ..i18n import _
from ..incremental import Reuse
from ..model.workreport import Page, Report
from ..parse import Parsed, plain_text
from .entries import Citation, Occurrence, Term, read_entries
from .matcher import Match, Matcher, find_in_inline, link_inline

INDEX_PATH = "glossary/index.html"
# A sentence as the fidelity check counts one: up to 。！？； and any closing quotes after it.
SENTENCE_RE = re.compile(r"[^。！？；]*[。！？；]+[”’」』）]*|[^。！？；]+$")


@dataclass(frozen=True)
class Place:
    """An inline token of a page, with the anchor a link to it should use."""

    inline: Token
    kind: str  # "text", "heading" or "note"
    anchor: str | None
    note: str | None = None


@dataclass(frozen=True)
class Found:
    """A spelling found in a place of a page: the place (its inline token), the match (spelling, offsets in the inline's text) and the sentence around it."""

    place: Place
    match: Match
    before: str  # the sentence up to the spelling
    after: str  # the rest of the sentence


@dataclass(frozen=True)
class Glossary:
    """Every term, sorted by pinyin, with its occurrences gathered."""

    terms: tuple[Term, ...] = ()

    def linked_on(self, pages: list[Page]) -> list[Term]:
        """The terms that have a term link on any of these rendered pages (their previews go on that page)."""
        found = set().union(*(self.linked_by_page.get(id(p), ()) for p in pages))
        return [t for t in self.terms if t.slug in found]

    @cached_property
    def linked_by_page(self) -> dict[int, set[str]]:
        """{id(page): slugs of the terms linked on it}, made once: asked page by page, a scan of every
        occurrence in every report would grow with the square of the site. Occurrences hold the rendered
        pages themselves, so the pages a template is given find their own entries."""
        table: dict[int, set[str]] = {}
        for term in self.terms:
            for o in term.occurrences:
                if o.kind != "heading":
                    table.setdefault(id(o.page), set()).add(term.slug)
        return table


@dataclass(frozen=True)
class GlossaryResult:
    """The glossary, its problems, and the reports with term links: render these, not the reports given."""

    glossary: Glossary = field(default_factory=Glossary)
    problems: list[Problem] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)


def model_glossary(parsed: list[Parsed], reports: list[Report], reuse: Reuse | None = None) -> GlossaryResult:
    """Read the term files, find every occurrence, link them into new reports, then check each source against those.

    The reports given, and the parsed tokens they hold, are left as they were. With `reuse`, unchanged term
    files keep their entries, and a report the last build linked with the same terms keeps its links."""
    reuse = reuse or Reuse()
    files = tuple(p for p in parsed if p.source.rel.startswith("glossary/"))
    entries, problems = reuse.get("glossary", "", files, lambda: read_terms(list(files)))
    terms, problems = list(entries), list(problems)
    matcher = reuse.get("matcher", "", files, lambda: Matcher({s: t.slug for t in terms for s in t.spellings}))
    linked, found = link_reports(reports, matcher, reuse)
    terms = [resolve_citation(t, linked, problems) for t in terms]
    terms = [replace(t, occurrences=tuple(found.get(t.slug, []))) for t in terms]
    problems += [unused(t) for t in terms if not t.occurrences]
    return GlossaryResult(Glossary(tuple(sorted(terms, key=lambda t: t.sort_key))), problems, linked)


def read_terms(files: list[Parsed]) -> tuple[list[Term], list[Problem]]:
    problems: list[Problem] = []
    return read_entries(files, problems), problems


def unused(term: Term) -> Problem:
    spellings = "、".join(f"“{s}”" for s in term.spellings)
    return Problem(
        term.path,
        term.line,
        _(
            "{spellings} appears nowhere in the report: check the spelling, add the report's spelling under"
            " `variants:`, or delete the file"
        ).format(spellings=spellings),
        "warning",
    )


def places(page: Page) -> Iterator[Place]:
    """The page's heading, the inline text of its blocks (with the paragraph's or subheading's id) and of its footnotes.
    A subheading (`### 1.…`) is a heading place, as the page's own heading is."""
    if page.heading is not None:
        yield Place(page.heading, "heading", page.anchor)
    anchor: str | None = None
    kind = "text"
    for token in page.tokens:
        if token.level == 0 and token.nesting == 1:
            anchor = str(token.attrGet("id")) if token.attrGet("id") else None
            kind = "heading" if token.type == "heading_open" else "text"
        if token.type == "inline":
            yield Place(token, kind, anchor)
    for note in page.notes:
        for token in note.tokens:
            if token.type == "inline":
                yield Place(token, "note", None, note.label)


def find_on_page(page: Page, matcher: Matcher) -> list[Found]:
    """Every spelling in the page's heading, text and footnotes, in reading order; the page is left as it was."""
    return [found_at(where, m) for where in places(page) for m in find_in_inline(where.inline, matcher)]


def found_at(where: Place, match: Match) -> Found:
    before, after = sentence_around(plain_text(where.inline), match.start, match.end)
    return Found(where, match, before, after)


def link_reports(
    reports: list[Report], matcher: Matcher, reuse: Reuse
) -> tuple[list[Report], dict[str, list[Occurrence]]]:
    """New reports with term links, and each term's occurrences (on those new pages) in reading order."""
    linked: list[Report] = []
    occurrences: dict[str, list[Occurrence]] = {}
    for report in reports:
        new, found = reuse.get("link", report.source, (report, matcher), lambda r=report: link_one(r, matcher))
        linked.append(new)
        for o in found:
            occurrences.setdefault(o.term, []).append(o.occurrence)
    reuse.forget("link", {r.source for r in reports})
    return linked, occurrences


@dataclass(frozen=True)
class Linked:
    term: str  # its slug
    occurrence: Occurrence


def link_one(report: Report, matcher: Matcher) -> tuple[Report, list[Linked]]:
    """A new report with term links, and every occurrence of a term on its new pages, in reading order."""
    found = [find_on_page(page, matcher) for page in report.pages]
    new = link_report(report, links_of(f for on_page in found for f in on_page))
    # link_report keeps the pages in their order, so the new pages line up with what was found on the old.
    return new, [
        Linked(f.match.slug, occurrence(new, page, f)) for page, on_page in zip(new.pages, found) for f in on_page
    ]


def occurrence(report: Report, page: Page, found: Found) -> Occurrence:
    where = found.place
    return Occurrence(
        report, page, where.kind, where.anchor, where.note, found.before, found.match.spelling, found.after
    )


def links_of(found: Iterable[Found]) -> dict[int, list[Match]]:
    """The matches to turn into term links, by id of their inline token; a heading keeps its plain text (it also names the page in menus)."""
    links: dict[int, list[Match]] = {}
    for f in found:
        if f.place.kind != "heading":
            links.setdefault(id(f.place.inline), []).append(f.match)
    return links


def link_report(report: Report, links: dict[int, list[Match]]) -> Report:
    """A new document whose pages are linked copies, made by the document itself (so any kind); `report` is left as it was."""
    return report.with_pages(lambda page: link_page(page, links))


def link_page(page: Page, links: dict[int, list[Match]]) -> Page:
    """A new page whose text and footnotes hold term links where `links` says; `page` is left as it was."""
    notes = tuple(replace(note, tokens=link_tokens(note.tokens, links)) for note in page.notes)
    return replace(page, tokens=link_tokens(page.tokens, links), notes=notes)


def link_tokens(tokens: list[Token], links: dict[int, list[Match]]) -> list[Token]:
    """A new token list: each inline token with links is a linked copy, every other token the same object (nothing changes them)."""
    return [link_inline(t, links[id(t)]) if id(t) in links else t for t in tokens]


def sentence_around(text: str, start: int, end: int) -> tuple[str, str]:
    """The words of the sentence before and after text[start:end]."""
    first, last = 0, len(text)
    for sentence in SENTENCE_RE.finditer(text):
        if sentence.start() <= start < sentence.end():
            first = sentence.start()
        if sentence.start() < end <= sentence.end():
            last = sentence.end()
    return text[first:start].lstrip(), text[end:last].rstrip()


def resolve_citation(term: Term, reports: list[Report], problems: list[Problem]) -> Term:
    """Find the footnote or paragraph the definition quotes, on the pages of `reports` (the rendered ones); it must be there word for word."""
    if term.citation is None:
        return term
    report = next((r for r in reports if r.slug == term.citation.report), None)
    if report is None:
        known = "、".join(r.slug for r in reports)
        if known:
            message = _("source: there is no report {report!r} (reports: {known})")
        else:
            message = _("source: there is no report {report!r} (reports: none)")
        problems.append(
            Problem(term.path, term.citation.line, message.format(report=term.citation.report, known=known))
        )
        return term
    label = term.citation.footnote
    quoted = squash(term.definition_text)
    for page in report.pages:
        for where in places(page):
            if (where.note == label if label else where.kind == "text") and quoted in squash(plain_text(where.inline)):
                return replace(term, citation=replace(term.citation, page=page, anchor=where.anchor))
    problems.append(not_quoted(term, term.citation, report))
    return term


def not_quoted(term: Term, citation: Citation, report: Report) -> Problem:
    if citation.footnote and not any(n.label == citation.footnote for n in report.notes):
        message = _("source: report {slug} has no footnote [^{label}]")
        return Problem(term.path, citation.line, message.format(slug=report.slug, label=citation.footnote))
    if citation.footnote:
        message = _(
            "the definition is not quoted from footnote [^{label}] of report {slug}: copy the report's words exactly"
            " (do not paraphrase), or correct `source:`"
        )
    else:
        message = _(
            "the definition is not quoted from the text of report {slug}: copy the report's words exactly"
            " (do not paraphrase), or correct `source:`"
        )
    return Problem(term.path, term.definition_line, message.format(label=citation.footnote, slug=report.slug))


def squash(text: str) -> str:
    """Whitespace does not count when comparing a quotation with the report."""
    return re.sub(r"\s+", "", text)
