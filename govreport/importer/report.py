"""Import: a raw report (.txt as it came from the PDF) → Markdown files for `content/`, by rules, not positions."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import ContentError, Problem, fail
from ..glossary.entries import SLUG_SYLLABLES
from ..i18n import _, ngettext
from ..slug import pinyin_slug
from . import appendix, arrange, headings, rules, titleblock
from .appendix import Entry
from .contentfiles import MANIFEST, refuse_links_out, write_imported, write_new_terms
from .doubts import keep_doubts
from .folders import choose_folder
from .guard import check_nothing_lost
from .markdown import paragraph
from .pagelines import page_lines_after
from .read import Left, Source, read_report
from .read.text import text_source

AUTHOR_RE = re.compile(r"(?:代表|受)(\S{2,16}?人民政府)")  # 我代表…人民政府, or 受…人民政府委托


def import_report(
    source: Path, content_dir: Path, folder: str | None = None
) -> tuple[ImportedReport, Path, list[Path], list[Path]]:
    """Read a raw report file and write its Markdown into its own folder of content_dir (see folders.py), and
    the glossary files of its 名词解释 that content_dir/glossary/ does not have yet. Returns both lists written."""
    report = import_source(read_report(source))
    target = choose_folder(report.meta, content_dir, folder, str(source))
    terms = {f"{pinyin_slug(e.term, SLUG_SYLLABLES)}.md": appendix.term_file(e, target.name) for e in report.terms}
    files, glossary = {**report.files, **report.images}, content_dir / "glossary"
    refuse_links_out([target / rel for rel in [*files, MANIFEST]] + [glossary / rel for rel in terms], content_dir)
    written = write_imported(files, target)
    return report, target, written, write_new_terms(terms, glossary)


@dataclass(frozen=True)
class ImportedReport:
    """The report's date and its Markdown files, by path relative to the report's folder, and what the import
    found, left out and hesitated over, each at its place in the original file."""

    date: dt.date
    files: dict[str, str]
    shape: str = "blank lines"
    found: dict[str, int] = field(default_factory=dict)
    left_out: tuple[Left, ...] = ()
    doubts: tuple[Left, ...] = ()
    meta: dict[str, object] = field(default_factory=dict)  # index.md's front matter: title, meeting, date…
    terms: tuple[Entry, ...] = ()  # the entries of its 名词解释 appendix
    images: dict[str, bytes] = field(default_factory=dict)  # images/1.png → bytes, each shown by one of `files`


def import_text(text: str, path: str) -> ImportedReport:
    """The import of decoded text in any shape, as if read from the file `path`."""
    return import_source(text_source(text, path))


def import_source(source: Source) -> ImportedReport:
    """The whole import of one read report; every problem points at the original file."""
    try:
        report = import_rules(source.text, source.path, frozenset(source.images))
    except ContentError as err:
        raise ContentError(source.locate(err.problems)) from None
    left_out = tuple(sorted(source.left_out + placed(source, report.left_out), key=by_place))
    doubts = tuple(sorted(source.doubts + placed(source, report.doubts), key=by_place))
    files = keep_doubts(report.files, doubts, Path(source.path).name)
    shown = {name: data for name, data in source.images.items() if any(f"]({name})" in md for md in files.values())}
    found = {**report.found, **optional("images", len(shown))}
    return replace(report, files=files, shape=source.shape, left_out=left_out, doubts=doubts, images=shown, found=found)


def placed(source: Source, lines: tuple[Left, ...]) -> tuple[Left, ...]:
    """Lines the rules name by their line in the read text, named by their place in the original file."""
    return tuple(Left(source.place(int(left.place)) or 0, left.text, left.reason) for left in lines)


def by_place(left: Left) -> str:
    return str(left.place).zfill(9)


def import_rules(text: str, path: str, images: frozenset[str] = frozenset()) -> ImportedReport:
    """The rules: raw text → {relative path: Markdown}; `images` are the image paths the reader carries."""
    meta, rest, left_out = read_title_block(rules.split_blocks(text), path, images)
    end = page_lines_after(rest)
    left_out += tuple(
        Left(rest_block.line + i, line, _("web page line after the report"))
        for rest_block in rest[end:]
        for i, line in enumerate(rest_block.text.split("\n"))
    )
    rest = rest[:end]
    body = [headings.classify_heading(rules.classify(n, images)) for b in rest for n in rules.split_notes(b)]
    body, appendices = appendix.split_appendices(body)
    body, doubts = arrange.find_unnumbered_part(body)
    entries = [entry for a in appendices for entry in a.entries]
    problems = rules.check_footnotes(body, path) + check_outline(body, path) + appendix.check_calls(body, entries, path)
    if problems:
        raise ContentError(problems)
    joined = rules.rejoin_cuts(body)
    found = count_found(joined, len(body) - len(joined), appendices)
    body = joined
    doubts += arrange.skipped_numbers(body)
    pages, outside = arrange.arrange_pages(meta, body)
    pages += arrange.appendix_pages(appendices)
    problems = arrange.check_file_names(pages, path)
    if problems:
        raise ContentError(problems)
    notes = {b.number: b for b in body if b.kind == "note"}
    files = {page.path: arrange.render_page(page, notes) for page in pages}
    lost = check_nothing_lost(text, path, files, {int(left.place) for left in left_out}, images)
    if lost:
        raise ContentError(lost)
    return ImportedReport(
        meta["date"],  # type: ignore[arg-type]
        files,
        found=found,
        left_out=left_out,
        doubts=tuple(sorted(doubts + outside, key=lambda d: int(d.place))),
        meta=meta,
        terms=tuple(appendix.with_calls(entries, body)),
    )


def count_found(body: list[rules.Block], cuts: int, appendices: list[appendix.Appendix]) -> dict[str, int]:
    """What the rules found, for the import summary."""
    kinds = [b.kind for b in body]
    leads = sum(1 for b in body if b.kind == "para" and paragraph(b.text).startswith("**"))
    return {
        "parts": kinds.count("part"),
        "sections": kinds.count("section"),
        "deeper headings": kinds.count("item") + kinds.count("subitem"),
        "run-in headings": sum(1 for b in body if b.head),
        "lead phrases": leads,
        "footnotes": kinds.count("note"),
        "page cuts joined": cuts,
        "appendices": len(appendices),
        "glossary entries": sum(len(a.entries) for a in appendices),
        **optional("tables", kinds.count("table") + sum(b.kind == "table" for a in appendices for b in a.blocks)),
    }


def optional(what: str, count: int) -> dict[str, int]:
    """A count the summary gives only where there is something (a plain-text report has no tables)."""
    return {what: count} if count else {}


def check_outline(body: list[rules.Block], path: str) -> list[Problem]:
    """There are parts, and no section comes before the first of them."""
    first_part = next((i for i, b in enumerate(body) if b.kind == "part"), None)
    if first_part is None:
        return [Problem(path, None, _("no recognisable structure: found no part headings such as 一、…"))]
    return [
        Problem(
            path,
            b.line,
            _("section heading {heading} comes before the first part heading (一、…)").format(heading=b.text),
        )
        for b in body[:first_part]
        if b.kind == "section"
    ]


def read_title_block(
    blocks: list[rules.Block], path: str, images: frozenset[str] = frozenset()
) -> tuple[dict[str, object], list[rules.Block], tuple[Left, ...]]:
    """Title, meeting, date and speaker: the lines before the salutation (各位代表：)."""
    index = next((i for i, b in enumerate(blocks) if titleblock.is_salutation(b.text)), None)
    if index is None or index == 0:
        raise fail(
            path, None, _("no recognisable structure: expected a title block, then a salutation such as 各位代表：")
        )
    table = next((b for b in blocks[:index] if rules.is_table(b.text)), None)
    if table is not None:
        raise fail(
            path, table.line, _("a table before the salutation (各位代表：): move it below, into the report's text")
        )
    emblems = [b for b in blocks[:index] if rules.image_of(b.text, images)]  # a 红头 emblem, a seal: not the report's
    kept = [b for b in blocks[:index] if b not in emblems]
    numbered = [(b.line + i, line) for b in kept for i, line in enumerate(b.text.split("\n"))]
    block = titleblock.read_title_block(numbered, path)
    left = tuple(Left(b.line, b.text, _("an image in the title block (an emblem?)")) for b in emblems)
    meta = dict(block.meta)
    author = next((m.group(1) for b in blocks[index:] for m in [AUTHOR_RE.search(b.text)] if m), None)
    if author:
        meta["author"] = author
    return meta, blocks[index:], tuple(sorted(left + block.left_out, key=lambda x: int(x.place)))


def summary(report: ImportedReport, path: str) -> str:
    """What the import assumed, for the editor to check: what it found, each line left out, each hesitation."""
    found = _(", ").join(found_text(what, count) for what, count in report.found.items())
    lines = [f"{path}: " + _("read as {shape}; found {found}").format(shape=_(report.shape), found=found)]
    lines += [
        f"{path}:{left.place}: " + _("left out ({reason}): {text}").format(reason=left.reason, text=left.text)
        for left in report.left_out
    ]
    lines += [
        f"{path}:{doubt.place}: " + _("hesitated: {reason}").format(reason=doubt.reason) for doubt in report.doubts
    ]
    return "\n".join(lines)


def found_text(what: str, n: int) -> str:
    """A count of count_found's, as the summary says it."""
    said = {
        "parts": lambda: ngettext("{n} part", "{n} parts", n),
        "sections": lambda: ngettext("{n} section", "{n} sections", n),
        "deeper headings": lambda: ngettext("{n} deeper heading", "{n} deeper headings", n),
        "run-in headings": lambda: ngettext("{n} run-in heading", "{n} run-in headings", n),
        "lead phrases": lambda: ngettext("{n} lead phrase", "{n} lead phrases", n),
        "footnotes": lambda: ngettext("{n} footnote", "{n} footnotes", n),
        "page cuts joined": lambda: ngettext("{n} page cut joined", "{n} page cuts joined", n),
        "appendices": lambda: ngettext("{n} appendix", "{n} appendices", n),
        "glossary entries": lambda: ngettext("{n} glossary entry", "{n} glossary entries", n),
        "tables": lambda: ngettext("{n} table", "{n} tables", n),
        "images": lambda: ngettext("{n} image", "{n} images", n),
    }
    return said[what]().format(n=n) if what in said else f"{n} {what}"  # a count added without its message
