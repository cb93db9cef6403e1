"""Glossary: content/glossary/*.md → terms, each with its spellings, pinyin, a definition quoted from a report and every place the reports use it; term links go into the report text here, before anything is rendered."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Iterator

from markdown_it.token import Token

from ..errors import Problem
from .entries import Citation, Term, read_entries
from ..model.workreport import Lead, Page, Report
from ..parse import Parsed
from .matcher import Match, Matcher, inline_text, scan_inline

INDEX_PATH = "glossary/index.html"
# A sentence as the fidelity check counts one: up to 。！？； and any closing quotes after it.
SENTENCE_RE = re.compile(r"[^。！？；]*[。！？；]+[”’」』）]*|[^。！？；]+$")


@dataclass(frozen=True)
class Occurrence:
    """One use of a term in a report: the page, the kind of place (text, heading or note) and the sentence around it."""

    report: Report
    page: Page
    kind: str  # "text", "heading" or "note"
    anchor: str | None  # id of the paragraph or heading; None inside a footnote or an unanchored block
    note: str | None  # the footnote's label, when the term is inside a footnote
    before: str  # the sentence up to the term
    spelling: str  # the term as written there
    after: str  # the rest of the sentence

    @property
    def part_opening(self) -> Page | None:
        """The opening page of the part this page belongs to, when that is another page."""
        return self.report.parent_of(self.page)

    @property
    def lead(self) -> Lead | None:
        """The lead phrase of the paragraph, if it has one."""
        return next((lead for lead in self.page.leads if self.kind == "text" and lead.anchor == self.anchor), None)


@dataclass(frozen=True)
class Place:
    """An inline token of a page, with the anchor a link to it should use."""

    inline: Token
    kind: str  # "text", "heading" or "note"
    anchor: str | None
    note: str | None = None


@dataclass(frozen=True)
class Glossary:
    """Every term, sorted by pinyin, with its occurrences gathered."""

    terms: tuple[Term, ...] = ()

    def linked_on(self, pages: list[Page]) -> list[Term]:
        """The terms that have a term link on any of these pages (their previews go on that page)."""
        found = set().union(*(self.linked_by_page.get(id(p), ()) for p in pages))
        return [t for t in self.terms if t.slug in found]

    @cached_property
    def linked_by_page(self) -> dict[int, set[str]]:
        """{id(page): slugs of the terms linked on it}, made once: asked page by page, a scan of every
        occurrence in every report would grow with the square of the site."""
        table: dict[int, set[str]] = {}
        for term in self.terms:
            for o in term.occurrences:
                if o.kind != "heading":
                    table.setdefault(id(o.page), set()).add(term.slug)
        return table


@dataclass
class GlossaryResult:
    glossary: Glossary = field(default_factory=Glossary)
    problems: list[Problem] = field(default_factory=list)


def model_glossary(parsed: list[Parsed], reports: list[Report]) -> GlossaryResult:
    """Read the term files, check their sources, then find (and link) every occurrence in every report."""
    result = GlossaryResult()
    terms = read_entries([p for p in parsed if p.source.rel.startswith("glossary/")], result.problems)
    terms = [resolve_citation(t, reports, result.problems) for t in terms]
    found = gather_occurrences(reports, Matcher({s: t.slug for t in terms for s in t.spellings}))
    terms = [replace(t, occurrences=tuple(found.get(t.slug, []))) for t in terms]
    result.problems += [unused(t) for t in terms if not t.occurrences]
    result.glossary = Glossary(tuple(sorted(terms, key=lambda t: t.sort_key)))
    return result


def unused(term: Term) -> Problem:
    spellings = "、".join(f"“{s}”" for s in term.spellings)
    return Problem(term.path, term.line, f"{spellings} appears nowhere in the report: check the spelling, add the report's spelling under `variants:`, or delete the file", "warning")


def places(page: Page) -> Iterator[Place]:
    """The page's heading, the inline text of its blocks (with the paragraph id) and of its footnotes."""
    if page.heading is not None:
        yield Place(page.heading, "heading", page.anchor)
    anchor: str | None = None
    for token in page.tokens:
        if token.level == 0 and token.nesting == 1:
            anchor = str(token.attrGet("id")) if token.attrGet("id") else None
        if token.type == "inline":
            yield Place(token, "text", anchor)
    for note in page.notes:
        for token in note.tokens:
            if token.type == "inline":
                yield Place(token, "note", None, note.label)


def gather_occurrences(reports: list[Report], matcher: Matcher) -> dict[str, list[Occurrence]]:
    """Every use of every spelling, by term, in reading order."""
    found: dict[str, list[Occurrence]] = {}
    for report in reports:
        for page in report.pages:
            for where, m in link_page(page, matcher):
                before, after = sentence_around(inline_text(where.inline), m.start, m.end)
                found.setdefault(m.slug, []).append(Occurrence(report, page, where.kind, where.anchor, where.note, before, m.spelling, after))
    return found


def link_page(page: Page, matcher: Matcher) -> list[tuple[Place, Match]]:
    """Put term links into the page's text and footnotes; a heading keeps its plain text (it also names the page in menus)."""
    return [(where, m) for where in places(page) for m in scan_inline(where.inline, matcher, link=where.kind != "heading")]


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
    """Find the footnote or paragraph the definition quotes; it must be there word for word."""
    if term.citation is None:
        return term
    report = next((r for r in reports if r.slug == term.citation.report), None)
    if report is None:
        known = "、".join(r.slug for r in reports) or "none"
        problems.append(Problem(term.path, term.citation.line, f"source: there is no report {term.citation.report!r} (reports: {known})"))
        return term
    label = term.citation.footnote
    quoted = squash(term.definition_text)
    for page in report.pages:
        for where in places(page):
            if (where.note == label if label else where.kind == "text") and quoted in squash(inline_text(where.inline)):
                return replace(term, citation=replace(term.citation, page=page, anchor=where.anchor))
    problems.append(not_quoted(term, term.citation, report))
    return term


def not_quoted(term: Term, citation: Citation, report: Report) -> Problem:
    if citation.footnote and not any(n.label == citation.footnote for n in report.notes):
        return Problem(term.path, citation.line, f"source: report {report.slug} has no footnote [^{citation.footnote}]")
    where = f"footnote [^{citation.footnote}]" if citation.footnote else "the text"
    return Problem(term.path, term.definition_line, f"the definition is not quoted from {where} of report {report.slug}: copy the report's words exactly (do not paraphrase), or correct `source:`")


def squash(text: str) -> str:
    """Whitespace does not count when comparing a quotation with the report."""
    return re.sub(r"\s+", "", text)
