"""Validate: every problem the model can show, each with `path:line`, collected rather than stopping at the first."""

from __future__ import annotations

import datetime as dt
import re
from functools import partial
from pathlib import Path

from .errors import Problem
from .i18n import N_, _
from .images import image_problems
from .incremental import Reuse
from .model import KINDS
from .model.document import Document as Report
from .numbering import number_of
from .parse import Parsed, plain_text
from .slug import is_safe_slug

LABEL_RE = re.compile(r"^[A-Za-z0-9_-]+$")
HEADING_NUMBER = {  # one whole sentence a level: the word for it is not glued in
    "part": N_("part number {number} where {expected} was due: check that none is missing"),
    "section": N_("section number {number} where {expected} was due: check that none is missing"),
}


def validate_site(
    parsed: list[Parsed], reports: list[Report], content: Path, reuse: Reuse | None = None
) -> list[Problem]:
    """Every problem of the files and the reports; a report the last build checked is not checked again (`reuse`)."""
    reuse = reuse or Reuse()
    problems = [p for item in parsed for p in check_file(item)] + image_problems(parsed, content)
    broken = {p.path for item in parsed for p in item.problems if item.front_matter_broken}
    key_lines = {item.source.display: item.meta_lines for item in parsed}
    for report in reports:
        lines = key_lines.get(report.source, {})
        is_broken = report.source in broken
        check = partial(validate_report, report, lines, is_broken)
        problems += reuse.get("validate", report.source, (report,), check, is_broken)
    reuse.forget("validate", {r.source for r in reports})
    if not reports and not problems:
        problems.append(
            Problem(str(content), None, _("no report found: expected a folder such as content/2023/ with an index.md"))
        )
    return problems


def validate_report(report: Report, key_lines: dict[str, int], is_broken: bool) -> list[Problem]:
    """`is_broken`: its index.md's front matter could not be read, which is reported already."""
    return (
        ([] if is_broken else check_report(report, key_lines))
        + check_footnote_labels(report)
        + check_heading_numbers(report)
    )


def check_file(item: Parsed) -> list[Problem]:
    problems = []
    if not item.source.text or item.source.text.isspace():
        problems.append(Problem(item.source.display, 1, _("the file is empty: restore its text or delete the file")))
    if "slug" in item.meta and not is_safe_slug(item.meta["slug"]):
        problems.append(
            Problem(
                item.source.display,
                item.meta_lines.get("slug", 1),
                _("slug {slug!r} must be lower-case letters, digits and hyphens (no / or ..)").format(
                    slug=item.meta["slug"]
                ),
            )
        )
    return problems


def check_report(report: Report, key_lines: dict[str, int]) -> list[Problem]:
    """`key_lines` are the lines of the keys in the report's index.md front matter (Parsed.meta_lines)."""
    problems = []
    for key in ("title", "date"):
        if not report.meta.get(key):
            problems.append(Problem(report.source, 1, _("front matter needs `{key}:`").format(key=key)))
    date = report.meta.get("date")
    if date and not isinstance(date, dt.date):
        problems.append(
            Problem(
                report.source,
                key_lines.get("date", 1),
                _("date {date!r} is not a date such as 2023-01-05").format(date=date),
            )
        )
    if not is_safe_slug(report.slug):
        problems.append(
            Problem(
                report.source,
                1,
                _(
                    "the report folder {slug!r} is not an ASCII slug: rename it (e.g. 2024) or add `slug: 2024` to the front matter"
                ).format(slug=report.slug),
            )
        )
    return problems + KINDS[report.kind].validate(report)


def check_heading_numbers(report: Report) -> list[Problem]:
    """A heading number that skips one (（二） then （四）) may mean a lost section: a warning, never renumbered."""
    parts = getattr(report, "parts", None)
    if not parts:
        return []
    levels = [("part", [part.opening for part in parts])] + [("section", list(part.sections)) for part in parts]
    problems = []
    for level, pages in levels:
        expected = 1
        for page in pages:
            number = number_of(plain_text(page.heading))
            if number and number != expected:
                message = _(HEADING_NUMBER[level]).format(number=number, expected=expected)
                problems.append(Problem(page.source, 1, message, "warning"))
            expected = (number or expected) + 1
    return problems


def check_footnote_labels(report: Report) -> list[Problem]:
    """Labels are numbers in the source; each is used once in a report (the full text shows them all)."""
    seen: dict[str, str] = {}
    problems = []
    for note in report.notes:
        if not LABEL_RE.match(note.label):
            problems.append(
                Problem(
                    note.path,
                    note.line,
                    _("footnote label [^{label}] must be letters, digits, - or _").format(label=note.label),
                )
            )
        if note.label in seen:
            problems.append(
                Problem(
                    note.path,
                    note.line,
                    _(
                        "footnote [^{label}] is also defined in {place}: each footnote number is used once in a report"
                    ).format(label=note.label, place=seen[note.label]),
                )
            )
        seen.setdefault(note.label, f"{note.path}:{note.line}")
    return problems


def check_contact(parsed: list[Parsed]) -> list[Problem]:
    """The accessibility statement tells readers whom to contact; a placeholder is for `check` to flag before publishing."""
    site = next((item for item in parsed if item.source.rel == "index.md"), None)
    contact = site.meta.get("contact") if site else None
    if site is None or not isinstance(contact, dict) or not contact.get("placeholder"):
        return []
    return [
        Problem(
            site.source.display,
            site.meta_lines.get("contact.placeholder", 1),
            _(
                "contact: is a placeholder: put the real phone or e-mail for accessibility problems here and delete `placeholder: true`"
            ),
            "warning",
        )
    ]
