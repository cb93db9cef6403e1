"""The check: every problem the build would refuse, then a second pair of eyes on the text itself (impossible
percentages, unbalanced marks, stray half-width punctuation); it never edits."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from markdown_it.token import Token

from .errors import ContentError, Problem
from .han import HAN
from .i18n import _
from .identity import missing_tags, site_identity
from .images import missing_alt
from .links import walk
from .model import Site
from .model.document import Document
from .parse import Parsed, plain_text
from .site import BuildOptions, load_site, make_renderer, render_outputs
from .write import is_ignored_asset

DECREASE_RE = re.compile(r"(下降|减少|降低|下滑|回落|压减|缩减|减幅|降幅)([^。；！？，]*)")
RATE_RE = re.compile(r"(率|占比|比重|比例)[为是达到约近超过]{0,4}\s*(\d+(?:\.\d+)?)\s*[%％]")
PERCENT_RE = re.compile(r"(\d+(?:\.\d+)?)\s*[%％]")
PAIRS = {"“": "”", "‘": "’", "（": "）", "《": "》", "【": "】"}
LIMIT = "100%"  # a placeholder in the messages: a bare "100% i…" in a msgid reads to gettext as a %i format
HALF_WIDTH_RE = re.compile(rf"(?<=[{HAN}])\s*[,;:?!]|[,;:?!]\s*(?=[{HAN}])")


def check_content(content: Path, templates: Path | None = None, assets: Path | None = None) -> list[Problem]:
    """Every error the build would stop at and every warning, in file and line order; nothing is written.

    The same front half as the build (`load_site`), then the pages rendered in memory (for template errors),
    then the editorial reading of the text: what `check` passes, `build` builds."""
    options = BuildOptions(content=content, out=content, templates=templates, assets=assets)
    try:
        site, problems = load_site(options.content)
    except ContentError as err:  # a file that cannot be read at all: nothing else can be checked
        return sorted(set(err.problems + asset_problems(options.assets)), key=order)
    if not any(p.severity == "error" for p in problems):
        problems += rendering_problems(site, options)
    problems += asset_problems(options.assets) + badge_problems(site, options.assets)
    problems += [p for item in site.parsed for p in check_text(item) + import_doubts(item) + missing_alt(item)]
    problems += [p for report in site.reports for p in missing_tags(report) + written_date(report, site.parsed)]
    return sorted(set(problems), key=order)


def written_date(report: Document, parsed: list[Parsed]) -> list[Problem]:
    """信息公开's 成文日期 is the day the report was given: another day is likely a slip in one of the two."""
    disclosure = report.meta.get("disclosure")
    written = disclosure.get("written") if isinstance(disclosure, dict) else None
    if not written or not report.date or str(written) == str(report.date):
        return []
    lines = next((item.meta_lines for item in parsed if item.source.display == report.source), {})
    message = _("disclosure.written: 成文日期 {written} is not the meeting's date {date}: check which is right").format(
        written=written, date=report.date
    )
    return [Problem(report.source, lines.get("disclosure.written", 1), message, "warning")]


def badge_problems(site: Site, assets: Path) -> list[Problem]:
    """The 党政机关网站标识 is a file the site publishes from assets/: one that is not there would show nothing."""
    image = site_identity(site.meta).badge_image
    if not image or (assets / image.removeprefix("assets/")).is_file() and image.startswith("assets/"):
        return []
    index = next((item for item in site.parsed if item.source.rel == "index.md"), None)
    where, lines = (index.source.display, index.meta_lines) if index else ("index.md", {})
    key = "part_of.gov_badge.image" if isinstance(site.meta.get("part_of"), dict) else "gov_badge.image"
    message = _("{key}: {image} is not a file in assets/: copy the badge there").format(key=key, image=image)
    return [Problem(where, lines.get(key, 1), message, "warning")]


def asset_problems(assets: Path) -> list[Problem]:
    """The links in assets/ that the build would refuse to publish (it walks the folder as it copies it)."""
    return walk(assets, is_ignored_asset)[1] if assets.is_dir() else []


def rendering_problems(site: Site, options: BuildOptions) -> list[Problem]:
    """A template error stops the build as a content error does. No PDF: its typesetting takes seconds."""
    try:
        render_outputs(make_renderer(site, options, make_pdf=False), options.templates, make_pdf=False)
    except ContentError as err:
        return err.problems
    return []


def order(problem: Problem) -> tuple[str, int, str]:
    return problem.path, problem.line or 0, problem.message


def import_doubts(item: Parsed) -> list[Problem]:
    """Each place the import hesitated over (front matter `doubts:`), until the editor deletes its line."""
    doubts = item.meta.get("doubts")
    if not isinstance(doubts, list):
        return []
    return [
        Problem(
            item.source.display,
            item.meta_lines.get(f"doubts.{i}", 1),
            _(
                "the import hesitated here ({doubt}): read the text of this file there; once it is right, delete this line"
            ).format(doubt=doubt),
            "warning",
        )
        for i, doubt in enumerate(doubts)
    ]


def check_text(item: Parsed) -> list[Problem]:
    out = []
    for line, text in text_blocks(item):
        for message in impossible_percentages(text) + unbalanced_marks(text) + half_width_punctuation(text):
            out.append(Problem(item.source.display, line, message, "warning"))
    return out


def text_blocks(item: Parsed) -> Iterator[tuple[int, str]]:
    """(line, words) for every heading, paragraph and footnote text of a file."""
    tokens: list[Token] = list(item.tokens) + [t for note in item.notes for t in note.tokens]
    for token in tokens:
        if token.type == "inline" and token.map:
            yield token.map[0] + 1, plain_text(token)


def impossible_percentages(text: str) -> list[str]:
    """A decrease of more than 100%, or a rate above 100%, cannot be right."""
    found = []
    for match in DECREASE_RE.finditer(text):
        for pct in PERCENT_RE.finditer(match.group(2)):
            if float(pct.group(1)) > 100:
                message = _("{word} {percent}%: a decrease of more than {limit} is impossible; check the figure")
                found.append(message.format(word=match.group(1), percent=pct.group(1), limit=LIMIT))
    for match in RATE_RE.finditer(text):
        if float(match.group(2)) > 100:
            message = _("{word} {percent}%: a rate above {limit} is unlikely; check the figure")
            found.append(message.format(word=match.group(1), percent=match.group(2), limit=LIMIT))
    return found


def unbalanced_marks(text: str) -> list[str]:
    """Chinese quotation marks and brackets open and close in pairs within a paragraph."""
    stack: list[str] = []
    closers = {v: k for k, v in PAIRS.items()}
    for char in text:
        if char in PAIRS:
            stack.append(char)
        elif char in closers:
            if stack and stack[-1] == closers[char]:
                stack.pop()
            else:
                return [_("{mark} closes nothing: unbalanced {pair}").format(mark=char, pair=closers[char] + char)]
    message = _("{mark} is never closed: unbalanced {pair}")
    return [message.format(mark=char, pair=char + PAIRS[char]) for char in stack[:1]]


def half_width_punctuation(text: str) -> list[str]:
    found = []
    for match in HALF_WIDTH_RE.finditer(text):
        mark = match.group().strip()
        context = text[max(0, match.start() - 6) : match.end() + 6]
        message = _("half-width {mark!r} in Chinese text (…{context}…): use the full-width mark")
        found.append(message.format(mark=mark, context=context))
    return found
