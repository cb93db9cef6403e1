"""The work report (政府工作报告), the default kind: a folder's files → a Report of parts, sections, lead phrases and footnotes."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from markdown_it.token import Token

from ..errors import Problem
from ..i18n import _
from ..parse import NoteText, Parsed
from ..slug import is_safe_slug, unique
from .document import DocumentKind, Output, ReadingPage
from .outline import SUBHEADING_TAGS, Entry, Lead, Subheading, anchor_blocks, without_leads

ROLE_PATTERNS = (
    ("preamble", re.compile(r"^index\.md$")),
    ("part", re.compile(r"^part-(\d+)/index\.md$")),
    ("section", re.compile(r"^part-(\d+)/section-(\d+)\.md$")),
    ("closing", re.compile(r"^part-(\d+)/closing\.md$")),
    ("conclusion", re.compile(r"^conclusion\.md$")),
    ("appendix", re.compile(r"^appendix-(\d+)\.md$")),  # 名词解释, 附件: after the conclusion, each titled `# …`
)
HEADING_LEVEL = {"part": 1, "section": 2, "appendix": 1}
OUTLINE_ROLES = ("part", "section")  # the pages that may hold 1.… and （1）… headings


@dataclass(frozen=True)
class Note:
    """A footnote: the label the source uses, its block tokens and where it was written."""

    label: str
    tokens: list[Token]
    path: str
    line: int
    refs: int


@dataclass(frozen=True)
class Page:
    """One reading page of a report: a part's opening, a section, a closing, the preamble or the conclusion."""

    role: str
    path: str  # output path, e.g. 2023/part-1/section-1.html
    source: str  # content file, for messages
    number: tuple[int, ...]  # (part,) or (part, section)
    anchor: str  # id of the page's heading, unique in the report
    heading: Token | None  # inline token of the heading
    tokens: list[Token]  # body blocks after the heading
    leads: tuple[Lead, ...]
    notes: tuple[Note, ...]
    subheadings: tuple[Subheading, ...] = ()  # `###` and `####` inside a part or section file
    outline: tuple[Entry, ...] = ()  # the subheadings and lead phrases as a tree, in reading order

    @cached_property
    def contents(self) -> tuple[Entry, ...]:
        """The outline without its lead phrases: what a table of contents lists for a page other than the one shown."""
        return without_leads(self.outline)


@dataclass(frozen=True)
class Part:
    number: int
    opening: Page
    sections: tuple[Page, ...]
    closing: Page | None


@dataclass(frozen=True)
class Report:
    """A whole report; `meta` is its index.md front matter (title, meeting, date, speaker, author)."""

    slug: str
    meta: dict[str, Any]
    preamble: Page
    parts: tuple[Part, ...]
    conclusion: Page | None
    source: str
    kind: str = "work-report"
    pdf_template: str | None = "pdf/report.html"
    appendices: tuple[Page, ...] = ()  # after the conclusion: a 名词解释, 附件

    @property
    def title(self) -> str:
        return str(self.meta.get("title", ""))

    @property
    def date(self) -> dt.date | None:
        value = self.meta.get("date")
        return value if isinstance(value, dt.date) else None

    @property
    def pages(self) -> list[Page]:
        """Reading order: preamble, each part's opening, sections and closing, the conclusion, then the appendices."""
        out = [self.preamble]
        for part in self.parts:
            out += [part.opening, *part.sections] + ([part.closing] if part.closing else [])
        return out + ([self.conclusion] if self.conclusion else []) + list(self.appendices)

    @property
    def notes(self) -> list[Note]:
        return [note for page in self.pages for note in page.notes]

    def outputs(self) -> list[Output]:
        """The cover with its contents, a page for each part opening, section and closing, and the full text."""
        reading = self.pages[1:]
        out = [Output(self.preamble.path, "report.html", [self.preamble], {"page": self.preamble})]
        for i, page in enumerate(reading):
            around = {
                "previous": reading[i - 1] if i else self.preamble,
                "next": reading[i + 1] if i + 1 < len(reading) else None,
            }
            out.append(Output(page.path, "page.html", [page], {"page": page, **around}))
        return out + [Output(f"{self.slug}/full.html", "fulltext.html", self.pages, {"page": None})]

    def with_pages(self, change: Callable[[Page], Page]) -> Report:
        """A copy with every page replaced by change(page), in its place."""

        def part(p: Part) -> Part:
            closing = None if p.closing is None else change(p.closing)
            return replace(p, opening=change(p.opening), sections=tuple(change(s) for s in p.sections), closing=closing)

        conclusion = None if self.conclusion is None else change(self.conclusion)
        return replace(
            self,
            preamble=change(self.preamble),
            parts=tuple(part(p) for p in self.parts),
            conclusion=conclusion,
            appendices=tuple(change(a) for a in self.appendices),
        )

    def parent_of(self, page: ReadingPage) -> Page | None:
        """The opening page of the part this page belongs to, when that is another page."""
        number = getattr(page, "number", ()) if getattr(page, "role", "") in ("part", "section", "closing") else ()
        part = next((p for p in self.parts if number and p.number == number[0]), None)
        return part.opening if part and part.opening is not page else None


def role_of(rel: str) -> tuple[str, tuple[int, ...]] | None:
    for role, pattern in ROLE_PATTERNS:
        match = pattern.match(rel)
        if match:
            return role, tuple(int(g) for g in match.groups())
    return None


def model_report(folder: str, items: list[Parsed], problems: list[Problem]) -> Report | None:
    index = next(i for i in items if i.source.rel == f"{folder}/index.md")
    slug = report_slug(folder, index.meta)
    pages: list[Page] = []
    taken: set[str] = set()
    for item in sorted(items, key=lambda p: natural_key(p.source.rel)):
        rel = item.source.rel.partition("/")[2]
        role = role_of(rel)
        if role is None:
            problems.append(
                Problem(
                    item.source.display,
                    None,
                    _(
                        "unexpected file name: expected index.md, part-N/index.md, part-N/section-M.md,"
                        " part-N/closing.md, conclusion.md or appendix-N.md"
                    ),
                )
            )
            continue
        pages.append(model_page(slug, rel, role, item, taken, problems))
    parts = group_parts(pages, problems)
    conclusion = next((p for p in pages if p.role == "conclusion"), None)
    appendices = tuple(p for p in pages if p.role == "appendix")
    return Report(slug, index.meta, pages[0], parts, conclusion, index.source.display, appendices=appendices)


def validate_report(report: Report) -> list[Problem]:  # type: ignore[misc]
    if not report.parts:
        return [Problem(report.source, None, _("the report has no parts: add part-1/index.md starting with `# 一、…`"))]
    return []


KIND = DocumentKind("work-report", model_report, validate_report)  # type: ignore[arg-type]


def report_slug(folder: str, meta: dict[str, Any]) -> str:
    """The report's output folder: front matter `slug:` if it is safe (validate reports it if not), else the folder name."""
    slug = meta.get("slug")
    return slug if is_safe_slug(slug) else folder


def natural_key(rel: str) -> list[Any]:
    """part-2 before part-10; index.md first in its folder; conclusion.md, then the appendices, last."""
    rank = {"index.md": (0,), "conclusion.md": (9,)}
    keys: list[Any] = []
    for piece in rel.split("/"):
        natural = [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", piece)]
        keys.append(rank.get(piece, (10, natural) if piece.startswith("appendix-") else (1, natural)))
    return keys


def group_parts(pages: list[Page], problems: list[Problem]) -> tuple[Part, ...]:
    parts = []
    for opening in (p for p in pages if p.role == "part"):
        n = opening.number[0]
        sections = tuple(p for p in pages if p.role == "section" and p.number[0] == n)
        closing = next((p for p in pages if p.role == "closing" and p.number[0] == n), None)
        parts.append(Part(n, opening, sections, closing))
    numbered = {p.number for p in parts}
    for page in pages:
        if page.role in ("section", "closing") and page.number[0] not in numbered:
            problems.append(
                Problem(
                    page.source,
                    None,
                    _("part-{n}/index.md is missing: this file has no part to belong to").format(n=page.number[0]),
                )
            )
    problems += [subheading_beside_sections(p) for p in parts if p.sections and p.opening.subheadings]
    return tuple(parts)


def subheading_beside_sections(part: Part) -> Problem:
    """A part's opening may hold 1.… and （1）… headings only when the part has no sections (（一）…) for them to be in."""
    first = part.opening.subheadings[0]
    return Problem(
        part.opening.source,
        first.line,
        _(
            "a `{marks}` heading in a part's opening would break the report's outline: this part has sections,"
            " so its 1.… and （1）… headings go in them (part-{n}/section-N.md)"
        ).format(marks="#" * first.level, n=part.number),
    )


def page_anchor(role: str, number: tuple[int, ...]) -> str:
    names = {"preamble": "preamble", "conclusion": "conclusion"}
    if role in names:
        return names[role]
    if role == "appendix":
        return f"appendix-{number[0]}"
    base = f"part-{number[0]}"
    return base + (f"-section-{number[1]}" if role == "section" else "-closing" if role == "closing" else "")


def model_page(
    folder: str,
    rel: str,
    role_info: tuple[str, tuple[int, ...]],
    item: Parsed,
    taken: set[str],
    problems: list[Problem],
) -> Page:
    role, number = role_info
    display = item.source.display
    heading, body = split_heading(item.tokens, role, display, problems)
    anchor = unique(page_anchor(role, number), taken)
    outline = anchor_blocks(body, anchor, taken, subheadings=role in OUTLINE_ROLES)
    notes = collect_notes(item.notes, body, heading, display, problems)
    out_path = f"{folder}/{rel[:-3]}.html"
    return Page(
        role,
        out_path,
        display,
        number,
        anchor,
        heading,
        body,
        outline.leads,
        tuple(notes),
        outline.subheadings,
        outline.entries,
    )


def split_heading(
    tokens: list[Token], role: str, path: str, problems: list[Problem]
) -> tuple[Token | None, list[Token]]:
    """A part or section file opens with its one heading, and may have `###` and `####` inside; other files have none."""
    want = HEADING_LEVEL.get(role)
    headings = [i for i, t in enumerate(tokens) if t.type == "heading_open"]
    for i in headings[1 if want else 0 :]:
        message = misplaced_heading(tokens[i], role in OUTLINE_ROLES)
        if message:
            problems.append(Problem(path, line_of(tokens[i]), message))
    if not want or not tokens:  # an empty file is reported as empty, not as headless
        return None, tokens
    if not headings or headings[0] != 0 or tokens[0].tag != f"h{want}":
        mark = "#" if want == 1 else "##"
        problems.append(Problem(path, 1, _("this file must start with its heading: `{mark} …`").format(mark=mark)))
        return None, tokens
    return tokens[1], tokens[3:]


def misplaced_heading(token: Token, in_part_or_section: bool) -> str | None:
    """Why a heading after a file's first line breaks the report's outline, or None for a `###` or `####` that a part
    or section file may hold (1.… and （1）…)."""
    marks = "#" * int(token.tag[1])
    if not in_part_or_section:
        return _("a heading here would break the report's outline: only a part or section file starts with one heading")
    if token.tag in SUBHEADING_TAGS and token.level == 0:
        return None
    if token.tag in SUBHEADING_TAGS:
        return _(
            "a `{marks}` heading inside a list or quotation would break the report's outline: start a line with it"
        ).format(marks=marks)
    if token.tag in ("h1", "h2"):
        return _(
            "a `{marks}` heading here would break the report's outline: a part or section has one, on its first line;"
            " the headings inside it are `###` (1.…) and `####` (（1）…)"
        ).format(marks=marks)
    return _(
        "a `{marks}` heading is deeper than the report's outline goes: use `###` for 1.… and `####` for （1）…"
    ).format(marks=marks)


def line_of(token: Token) -> int | None:
    return token.map[0] + 1 if token.map else None


def collect_notes(
    texts: list[NoteText], body: list[Token], heading: Token | None, path: str, problems: list[Problem]
) -> list[Note]:
    """The page's footnotes in the order it first cites them; an uncited one is a warning."""
    refs: dict[str, int] = {}
    for token in ([heading] if heading else []) + body:
        for child in token.children or []:
            if child.type == "footnote_ref":
                refs[child.meta["label"]] = refs.get(child.meta["label"], 0) + 1
    by_label = {n.label: n for n in texts}
    for note in texts:
        if note.label not in refs:
            problems.append(
                Problem(
                    path,
                    note.line,
                    _("footnote [^{label}] is defined but never referenced").format(label=note.label),
                    "warning",
                )
            )
    return [
        Note(label, by_label[label].tokens, path, by_label[label].line, count)
        for label, count in refs.items()
        if label in by_label
    ]
