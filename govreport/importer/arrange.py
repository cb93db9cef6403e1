"""Arrange: classified blocks → the report's files (preamble, parts, sections, closings, conclusion) as Markdown.

Files are named by what they hold, counted within their part (part-2/section-3.md), and each section gets the next
number whatever stands between sections: an address to the delegates (`各位代表！…`) inside a part ends the section
before it; only one after a part's last section opens that part's closing. No two blocks of the outline can share a
file, and a name that comes twice is an error, never an overwrite.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import yaml

from ..errors import Problem
from ..i18n import N_, _
from ..numbering import number_of
from . import rules
from .appendix import Appendix
from .appendix import heading_text as appendix_heading
from .markdown import footnote_definition, heading, paragraph, table
from .read import Left

SKIPPED_NUMBER = N_("heading number {number} where {expected} was due")  # told at import; `check` warns of it itself
HEADING_LEVELS = {"part": 1, "section": 2, "item": 3, "subitem": 4}
DEEPER = ("item", "subitem")
UNNUMBERED_PART_MAX = 30  # characters: a part's title, not a sentence
NO_SENTENCE_RE_CHARS = "。！？；，、："


@dataclass
class ContentFile:
    """One Markdown file of the imported report, as blocks in order."""

    path: str
    blocks: list[rules.Block] = field(default_factory=list)
    front_matter: dict[str, object] = field(default_factory=dict)


def find_unnumbered_part(body: list[rules.Block]) -> tuple[list[rules.Block], list[Left]]:
    """A report whose parts start at 二、 has an unnumbered first part: the first short line with no sentence in
    it after the opening paragraphs, before 二、 and before any section. It is a part; the editor is told."""
    parts = [b for b in body if b.kind == "part"]
    if not parts or number_of(parts[0].text) != 2:
        return body, []
    first = body.index(parts[0])
    for i, block in enumerate(body[1:first], start=1):
        if block.kind == "section":
            break
        if block.kind == "para" and is_title_like(block.text):
            doubt = Left(block.line, block.text, _("an unnumbered part: a short line with no sentence end before 二、"))
            return [*body[:i], replace(block, kind="part"), *body[i + 1 :]], [doubt]
    return body, []


def is_title_like(text: str) -> bool:
    return len(text) <= UNNUMBERED_PART_MAX and not any(c in NO_SENTENCE_RE_CHARS for c in text)


def skipped_numbers(body: list[rules.Block]) -> list[Left]:
    """A heading whose number does not follow the one before it at its level: told, never renumbered."""
    doubts: list[Left] = []
    last: dict[str, int] = {}
    for block in body:
        if block.kind not in HEADING_LEVELS:
            continue
        number, expected = number_of(block.text), last.get(block.kind, 0) + 1
        if number and number != expected:
            doubts.append(
                Left(block.line, heading_text(block), _(SKIPPED_NUMBER).format(number=number, expected=expected))
            )
        last[block.kind] = number or expected
        for deeper in list(last):
            if HEADING_LEVELS[deeper] > HEADING_LEVELS[block.kind]:
                del last[deeper]
    return doubts


def arrange_pages(meta: dict[str, object], body: list[rules.Block]) -> tuple[list[ContentFile], list[Left]]:
    """Preamble, parts, sections, a part's closing and the report's conclusion, each a page."""
    salutation = body[0].text.rstrip("：:")
    pages = [ContentFile("index.md", [], {**meta})]
    doubts: list[Left] = []
    part = section = 0
    for i, block in enumerate(body):
        if block.kind == "part":
            part, section = part + 1, 0
            pages.append(ContentFile(f"part-{part}/index.md"))
        elif block.kind == "section" and part:
            section += 1
            pages.append(ContentFile(f"part-{part}/section-{section}.md"))
        elif is_closing(block, body[i + 1 :], salutation, section, pages[-1]):
            pages.append(ContentFile(f"part-{part}/closing.md", [], {"role": "closing"}))
        if block.kind in DEEPER and not (section and "closing" not in pages[-1].path):
            doubts.append(
                Left(block.line, heading_text(block), _("a numbered heading outside a section: kept as text"))
            )
            block = replace(block, kind="para", head=0)
        if block.kind != "note":
            pages[-1].blocks.append(block)
    last = pages[-1]
    if last.path.endswith("closing.md"):
        pages[-1] = ContentFile("conclusion.md", last.blocks, {"role": "conclusion"})
    return pages, doubts


def is_closing(block: rules.Block, after: list[rules.Block], salutation: str, section: int, page: ContentFile) -> bool:
    """An address to the delegates after a part's last section opens the part's closing; one between two
    sections belongs to the section before it."""
    if block.kind != "para" or not section or not block.text.startswith(salutation) or "closing" in page.path:
        return False
    following = next((b.kind for b in after if b.kind in ("part", "section")), None)
    return following != "section"


def appendix_pages(appendices: list[Appendix]) -> list[ContentFile]:
    """Each appendix a page after the conclusion: its heading, then its paragraphs as printed."""
    return [
        ContentFile(
            f"appendix-{n}.md",
            [replace(a.heading, kind="part", text=appendix_heading(a.heading), head=0)]
            + [b if b.kind in rules.OPAQUE else replace(b, kind="para", head=0) for b in a.blocks],
            {"role": "appendix"},
        )
        for n, a in enumerate(appendices, start=1)
    ]


def check_file_names(pages: list[ContentFile], path: str) -> list[Problem]:
    """Two pages of the outline may never share a file."""
    seen: dict[str, ContentFile] = {}
    problems = []
    for page in pages:
        if page.path in seen:
            line = page.blocks[0].line if page.blocks else None
            problems.append(
                Problem(path, line, _("two parts of the report would be written to {path}").format(path=page.path))
            )
        seen[page.path] = page
    return problems


def heading_text(block: rules.Block) -> str:
    return block.text[: block.head] if block.head else block.text


def render_page(page: ContentFile, notes: dict[int, rules.Block]) -> str:
    """Front matter, the blocks as Markdown, then the footnote texts this page cites first."""
    parts = [front_matter(page.front_matter)] if page.front_matter else []
    parts += [render_block(b) for b in page.blocks]
    for number in cited_numbers(page.blocks):
        note = notes.pop(number, None)
        if note:
            parts.append(footnote_definition(number, note.text))
    return "\n\n".join(parts) + "\n"


def cited_numbers(blocks: list[rules.Block]) -> list[int]:
    """Footnote numbers in the order the blocks cite them."""
    found = [rules.superscript_number(m.group()) for b in blocks for m in rules.MARKER_RE.finditer(b.text)]
    return list(dict.fromkeys(found))


def render_block(block: rules.Block) -> str:
    """A heading at its level, a run-in heading as its heading then the rest of its paragraph, a table, or a paragraph."""
    if block.kind == "table":
        return table(block.text)
    if block.kind == "image":
        return block.text  # `![](images/1.png)`: the editor writes the alt text in the brackets
    level = HEADING_LEVELS.get(block.kind)
    if level is None:
        return paragraph(block.text)
    if not block.head:
        return heading(level, block.text)
    return heading(level, block.text[: block.head]) + "\n\n" + paragraph(block.text[block.head :])


def front_matter(data: dict[str, object]) -> str:
    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{dumped}---"
