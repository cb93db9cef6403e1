"""Import: a raw report (.txt as it came from the PDF) → Markdown files for `content/`, by rules, not positions."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import ContentError, Problem, fail
from . import rules
from .contentfiles import write_imported
from .guard import check_nothing_lost
from .markdown import footnote_definition, heading, paragraph
from .read import Source, read_report

DATE_RE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
AUTHOR_RE = re.compile(r"代表(\S{2,16}?人民政府)")


@dataclass
class ContentFile:
    """One Markdown file of the imported report, as blocks in order."""

    path: str
    blocks: list[rules.Block] = field(default_factory=list)
    front_matter: dict[str, object] = field(default_factory=dict)


def import_report(source: Path, content_dir: Path) -> list[Path]:
    """Read a raw report file and write its Markdown under content_dir/<year>/."""
    report = import_source(read_report(source))
    return write_imported(report.files, content_dir / str(report.date.year))


@dataclass(frozen=True)
class ImportedReport:
    """The report's date and its Markdown files, by path relative to the report's folder."""

    date: dt.date
    files: dict[str, str]


def import_text(text: str, path: str) -> ImportedReport:
    """The import of text already in the blank-line shape, whose line numbers are its file's own."""
    return import_source(Source(path, text))


def import_source(source: Source) -> ImportedReport:
    """The whole import of one read report; every problem points at the original file."""
    try:
        return import_rules(source.text, source.path)
    except ContentError as err:
        raise ContentError(source.locate(err.problems)) from None


def import_rules(text: str, path: str) -> ImportedReport:
    """The rules: raw text → {relative path: Markdown}."""
    meta, rest = read_title_block(rules.split_blocks(text), path)
    body = [rules.classify(note) for b in rest for note in rules.split_notes(b)]
    problems = rules.check_footnotes(body, path) + check_outline(body, path)
    if problems:
        raise ContentError(problems)
    body = rules.rejoin_cuts(body)
    pages = arrange_pages(meta, body)
    notes = {b.number: b for b in body if b.kind == "note"}
    files = {page.path: render_page(page, notes) for page in pages}
    lost = check_nothing_lost(text, path, files)
    if lost:
        raise ContentError(lost)
    return ImportedReport(meta["date"], files)  # type: ignore[arg-type]


def check_outline(body: list[rules.Block], path: str) -> list[Problem]:
    """There are parts, and no section comes before the first of them."""
    first_part = next((i for i, b in enumerate(body) if b.kind == "part"), None)
    if first_part is None:
        return [Problem(path, None, "no recognisable structure: found no part headings such as 一、…")]
    return [
        Problem(path, b.line, f"section heading {b.text} comes before the first part heading (一、…)")
        for b in body[:first_part]
        if b.kind == "section"
    ]


def read_title_block(blocks: list[rules.Block], path: str) -> tuple[dict[str, object], list[rules.Block]]:
    """Title, meeting, date and speaker: the lines before the salutation (各位代表：)."""
    index = next((i for i, b in enumerate(blocks) if rules.SALUTATION_RE.match(b.text)), None)
    if index is None or index == 0:
        raise fail(
            path, None, "no recognisable structure: expected a title block, then a salutation such as 各位代表："
        )
    numbered = [(b.line + i, line) for b in blocks[:index] for i, line in enumerate(b.text.split("\n"))]
    lines = [line for _, line in numbered]
    meeting_lines = meeting_span(lines)
    if not meeting_lines:
        raise fail(
            path, blocks[0].line, "the title block has no meeting line starting with —— (——2023年1月5日在…会议上)"
        )
    meeting = rules.join_lines("\n".join(lines[meeting_lines.start : meeting_lines.stop]))
    meta: dict[str, object] = {
        "title": rules.join_lines("\n".join(lines[: meeting_lines.start])),
        "meeting": meeting,
        "date": meeting_date(meeting, path, numbered[meeting_lines.start][0]),
        "speaker": " ".join(lines[meeting_lines.stop :]),
    }
    author = next((m.group(1) for b in blocks[index:] for m in [AUTHOR_RE.search(b.text)] if m), None)
    if author:
        meta["author"] = author
    return meta, blocks[index:]


def meeting_date(meeting: str, path: str, line: int) -> dt.date:
    """The date in the meeting line, which must be a real day."""
    found = DATE_RE.search(meeting)
    if not found:
        raise fail(path, line, "the meeting line has no date such as 2023年1月5日")
    try:
        return dt.date(*map(int, found.groups()))
    except ValueError:
        raise fail(path, line, f"the meeting line's date {found.group()} is not a real day") from None


def meeting_span(lines: list[str]) -> range:
    """From the line starting with —— through the line that ends the phrase (…会议上)."""
    start = next((i for i, line in enumerate(lines) if line.startswith("——")), None)
    if start is None:
        return range(0)
    stop = next((i + 1 for i in range(start, len(lines)) if lines[i].endswith("上")), start + 1)
    return range(start, stop)


def arrange_pages(meta: dict[str, object], body: list[rules.Block]) -> list[ContentFile]:
    """Preamble, parts, sections, a part's closing and the report's conclusion, each a page."""
    salutation = body[0].text.rstrip("：:")
    pages = [ContentFile("index.md", [], {**meta})]
    part = section = 0
    for block in body:
        if block.kind == "part":
            part, section = part + 1, 0
            pages.append(ContentFile(f"part-{part}/index.md"))
        elif block.kind == "section":
            section += 1
            pages.append(ContentFile(f"part-{part}/section-{section}.md"))
        elif (
            block.kind == "para"
            and section
            and block.text.startswith(salutation)
            and not pages[-1].path.endswith("closing.md")
        ):
            section = 0
            pages.append(ContentFile(f"part-{part}/closing.md", [], {"role": "closing"}))
        if block.kind != "note":
            pages[-1].blocks.append(block)
    last = pages[-1]
    if last.path.endswith("closing.md"):
        pages[-1] = ContentFile("conclusion.md", last.blocks, {"role": "conclusion"})
    return pages


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
    if block.kind == "part":
        return heading(1, block.text)
    if block.kind == "section":
        return heading(2, block.text)
    return paragraph(block.text)


def front_matter(data: dict[str, object]) -> str:
    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{dumped}---"
