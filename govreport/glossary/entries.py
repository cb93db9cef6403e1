"""Term files: one Markdown file a term under content/glossary/ (front matter `term`, `variants`, `source`; the body is
the definition) → Terms, every problem with its path:line; and the Occurrence a term gathers for each use in a
report."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from markdown_it.token import Token

from ..errors import Problem
from ..i18n import _
from ..model.workreport import Lead, Page, Report
from ..parse import Parsed, plain_text
from ..slug import is_safe_slug, pinyin_slug, pinyin_words, unique

SLUG_SYLLABLES = 16
EDITOR = "editor"  # `source: editor`


@dataclass(frozen=True)
class Citation:
    """Where a definition is quoted from: a report's footnote, or the report's text when `footnote` is None."""

    report: str
    footnote: str | None
    line: int  # the `source:` line, for messages
    page: Page | None = None  # found by the glossary step: the rendered (linked) page showing the quoted words
    anchor: str | None = None  # the paragraph's id, when quoted from the text


@dataclass(frozen=True)
class Reference:
    """Where a reader can read more about a term: a title and a web address."""

    title: str
    url: str


@dataclass(frozen=True)
class Occurrence:
    """One use of a term in a report as it is rendered: the page, the kind of place (text, heading or note) and the sentence around it."""

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
class Term:
    """A glossary entry: the headword, its other spellings, pinyin and definition, and (once gathered) its occurrences."""

    slug: str
    term: str
    spellings: tuple[str, ...]  # the headword first, then its variants
    spelling_lines: tuple[int, ...]  # where each spelling is written in the file
    pinyin: str
    definition: list[Token]
    citation: Citation | None
    path: str
    line: int  # the `term:` line
    body_line: int  # the first line after the front matter
    occurrences: tuple[Occurrence, ...] = ()
    editorial: bool = False  # `source: editor`: the site's own explanation, not the report's words (not checked)
    reference: Reference | None = None  # `reference:`: where a reader can read more

    @property
    def out_path(self) -> str:
        return term_path(self.slug)

    @property
    def variants(self) -> tuple[str, ...]:
        return self.spellings[1:]

    @property
    def definition_text(self) -> str:
        return "\n".join(plain_text(t) for t in self.definition if t.type == "inline")

    @property
    def definition_line(self) -> int:
        """The line the definition starts on (or the line it belongs on)."""
        return next((t.map[0] + 1 for t in self.definition if t.map), self.body_line)

    @property
    def sort_key(self) -> tuple[list[str], list[str], str]:
        """By pinyin without tones, then with tone numbers (san1 before san3), then by the characters."""
        letters = [w for w in pinyin_words(self.term) if w.isascii() and w.isalnum()]
        return letters, pinyin_words(self.term, "TONE3"), self.term


def term_path(slug: str) -> str:
    return f"glossary/{slug}.html"


def read_entries(items: list[Parsed], problems: list[Problem]) -> list[Term]:
    """Every readable term file; a spelling claimed by two files is an error at the second."""
    terms = [term for item in items if (term := read_entry(item, problems))]
    claimed: dict[str, tuple[Term, int]] = {}
    kept, slugs = [], set()
    for term in terms:
        clashes = [(s, line) for s, line in zip(term.spellings, term.spelling_lines) if s in claimed]
        for spelling, line in clashes:
            first, first_line = claimed[spelling]
            problems.append(
                Problem(
                    term.path,
                    line,
                    _("“{spelling}” is already claimed by {place}: a term or spelling belongs to one file only").format(
                        spelling=spelling, place=f"{first.path}:{first_line}"
                    ),
                )
            )
        if not clashes:
            claimed.update({s: (term, line) for s, line in zip(term.spellings, term.spelling_lines)})
            kept.append(replace(term, slug=unique(term.slug, slugs)))
    return kept


def read_entry(item: Parsed, problems: list[Problem]) -> Term | None:
    path, meta, lines = item.source.display, item.meta, item.meta_lines
    headword = meta.get("term")
    if not is_spelling(headword):
        problems.append(
            Problem(path, lines.get("term", 1), _("front matter needs `term:`, the word as the report writes it"))
        )
        return None
    spellings = read_spellings(item, headword, problems)
    term = Term(
        slug=meta["slug"] if is_safe_slug(meta.get("slug")) else pinyin_slug(headword, SLUG_SYLLABLES),
        term=spellings[0][0],
        spellings=tuple(s for s, _ in spellings),
        spelling_lines=tuple(line for _, line in spellings),
        pinyin=meta["pinyin"] if is_spelling(meta.get("pinyin")) else term_pinyin(headword),
        definition=item.tokens,
        citation=None
        if is_editorial(meta)
        else read_citation(meta.get("source"), lines.get("source", 1), path, problems),
        path=path,
        line=lines.get("term", 1),
        body_line=item.body_line,
        editorial=is_editorial(meta),
        reference=read_reference(meta.get("reference"), lines.get("reference", 1), path, problems),
    )
    if not term.definition_text.strip():
        problems.append(
            Problem(
                path,
                term.body_line,
                _("“{term}” has no definition: below the front matter, quote the report's own explanation").format(
                    term=term.term
                ),
            )
        )
    return term


def read_spellings(item: Parsed, headword: str, problems: list[Problem]) -> list[tuple[str, int]]:
    """The headword, then each variant, each with the line it is written on; a spelling written twice counts once, at its first line."""
    first: dict[str, int] = {}
    for spelling, line in [(headword.strip(), item.meta_lines.get("term", 1)), *read_variants(item, problems)]:
        first.setdefault(spelling, line)
    return list(first.items())


def read_variants(item: Parsed, problems: list[Problem]) -> list[tuple[str, int]]:
    """`variants:` is one spelling or a list of them, e.g. [云、数、网、端]; each with its line."""
    value, lines = item.meta.get("variants"), item.meta_lines
    key_line = lines.get("variants", 1)
    values = [] if value is None else [value] if isinstance(value, str) else value if isinstance(value, list) else None
    if values is None or not all(is_spelling(v) for v in values):
        problems.append(
            Problem(item.source.display, key_line, _("`variants:` must be a list of spellings, e.g. [云、数、网、端]"))
        )
        return []
    if isinstance(value, str):
        return [(value.strip(), key_line)]
    return [(v.strip(), lines.get(f"variants.{i}", key_line)) for i, v in enumerate(values)]


def is_editorial(meta: dict[str, Any]) -> bool:
    """`source: editor`: the explanation is written by the site's editors, and labelled so wherever it is shown."""
    return meta.get("source") == EDITOR


def read_reference(value: Any, line: int, path: str, problems: list[Problem]) -> Reference | None:
    """`reference:` with `title:` and `url:` (a web address, or a path on this site)."""
    if value is None:
        return None
    if not isinstance(value, dict) or not is_spelling(value.get("title")) or not is_spelling(value.get("url")):
        problems.append(Problem(path, line, _("`reference:` needs `title:` and `url:`, e.g. a policy document's page")))
        return None
    url = str(value["url"]).strip()
    if not url.startswith(("https://", "http://")):
        problems.append(
            Problem(
                path, line, _("`reference:` url {url!r} must be a web address starting with https://").format(url=url)
            )
        )
        return None
    return Reference(str(value["title"]).strip(), url)


def read_citation(value: Any, line: int, path: str, problems: list[Problem]) -> Citation | None:
    """`source:` names the report and, for a footnote, its label; `line` is the line of `source:`."""
    if not isinstance(value, dict) or not value.get("report"):
        problems.append(
            Problem(
                path,
                line,
                _(
                    "front matter needs `source:` with `report:` (e.g. 2023) and, for a footnote, `footnote:`"
                    " (its number); or `source: editor` for an explanation written by the site's editors"
                ),
            )
        )
        return None
    footnote = value.get("footnote")
    return Citation(str(value["report"]), None if footnote in (None, "") else str(footnote), line)


def is_spelling(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def term_pinyin(text: str) -> str:
    """三站一场 → sān zhàn yī cháng; punctuation such as 、 joins syllables without a space."""
    out = ""
    for piece in pinyin_words(text, "TONE"):
        out += (" " if out and out[-1].isalpha() and piece[:1].isalpha() else "") + piece
    return out
