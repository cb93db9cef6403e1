"""Candidate figures for an editor (`figures suggest`): each number with a unit in a report's text, the phrase before it
that names what is counted, its clause as the quote, ranked; printed as figures.yml lines to paste. Writes nothing."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import click

from ..i18n import _
from ..model.document import Document
from ..parse import plain_text
from . import HAN_NUMERAL

# Longest first, so 万人次 is not read as 人次. The weight is how likely a figure in that unit is a headline one.
UNITS = {
    "亿元": 5, "万元": 4, "万人次": 4, "人次": 3, "万平方米": 3, "台": 3, "户": 3, "亩": 3, "平方米": 2,
    "公里": 2, "家": 2, "所": 2, "%": 1, "个": 1, "处": 1, "项": 1, "件": 1, "人": 1, "名": 1,
}  # fmt: skip
UNIT_RE = "|".join(sorted(map(re.escape, UNITS), key=len, reverse=True))
FIGURE_RE = re.compile(rf"(?<![第\d.])(\d+(?:\.\d+)?)\s*(余)?\s*({UNIT_RE})")
# Reports write small counts in Chinese numerals (新建成一所普惠性幼儿园). Elsewhere 一个, 两项 are mostly rhetoric
# (打造一个中心), so a count in Chinese numerals is taken only right after a verb that makes or starts what it counts,
# and only in a counting unit.
MAKING = "新建成|新建|建成|新增|启动建设|开工建设|开设|开办|新开|落成"
COUNTING = "所|个|家|处|台|座|条|项"
MADE_BEFORE_RE = re.compile(rf"(?:{MAKING})\s*$")
HAN_FIGURE_RE = re.compile(rf"(?:{MAKING})([{HAN_NUMERAL}]+)()({COUNTING})")


@dataclass(frozen=True)
class Found:
    """A number with its unit in a clause: where it starts and ends, the value as printed, and 余 and the unit."""

    start: int
    end: int
    value: str
    about: str  # 余 (more than), or ""
    unit: str


def figures_in(clause: str) -> list[Found]:
    """The numbers with a unit in a clause, in digits or (after a making verb) in Chinese numerals, in order."""
    found = [Found(m.start(), m.end(), m.group(1), m.group(2) or "", m.group(3)) for m in FIGURE_RE.finditer(clause)]
    found += [Found(m.start(1), m.end(), m.group(1), "", m.group(3)) for m in HAN_FIGURE_RE.finditer(clause)]
    return sorted(found, key=lambda f: f.start)


CLAUSE_RE = re.compile(r"[^，。；！？：]+")
LEADING = re.compile(r"^(?:全年|预计|全面|成功|累计|共计|截至\s*\d+\s*月底|进一步|其中|同时|目前|完成|[、和及])+")
TRAILING = re.compile(r"(?:完成|实现|达到|达|为|约|共计|共|总人次|超过|累计|以上|\s)+$")
FOLLOWING = re.compile(r"^[^、，和及与“]{2,10}")
VERBS = {"新增", "新建", "建成", "实施", "完工", "完成", "启动", "组织", "开展", "建设", "拆除"}
YEAR_TARGET = re.compile(r"目标|计划|力争|确保")


@dataclass(frozen=True)
class Candidate:
    label: str
    value: str
    unit: str
    quote: str
    path: str
    line: int
    section: str
    score: int

    def line_text(self) -> str:
        fields = {"label": self.label, "value": self.value, "unit": self.unit, "quote": self.quote}
        flow = ", ".join(f"{name}: {json.dumps(value, ensure_ascii=False)}" for name, value in fields.items())
        return f"- {{{flow}}}  # {self.score} {self.path}:{self.line} {self.section}"


def candidates(report: Document) -> list[Candidate]:
    """Every number with a unit in the report's pages, best first (ties in reading order)."""
    found: list[Candidate] = []
    for page in report.pages:
        section = plain_text(page.heading) if page.heading else ""
        review = bool(page.number) and page.number[0] == 1  # the first part reviews the year; later ones plan
        for token in page.tokens:
            if token.type == "inline" and token.map:
                found += paragraph_candidates(plain_text(token), page.source, token.map[0] + 1, section, review)
    return sorted(found, key=lambda c: -c.score)


def paragraph_candidates(text: str, path: str, line: int, section: str, review: bool) -> list[Candidate]:
    out = []
    for index, clause in enumerate(m for m in CLAUSE_RE.finditer(text)):
        for match in figures_in(clause.group(0)):
            label = name_of(clause.group(0)[: match.start], clause.group(0)[match.end :])
            if len(label) < 2:
                continue
            quote = clause.group(0).strip()
            value, unit = match.value, match.about + match.unit
            score = UNITS[match.unit] + (3 if review else 0) + (2 if index <= 2 else 0)
            score -= 3 if YEAR_TARGET.search(quote) else 0
            score += 1 if unit == "%" and "率" in label else 0
            # a count right after a making verb (新建 2 个社区老年活动室) is a result the year delivered
            score += 1 if MADE_BEFORE_RE.search(clause.group(0)[: match.start]) else 0
            out.append(Candidate(label, value, unit, quote, path, line, section, score))
    return out


def name_of(before: str, after: str) -> str:
    """The words before a number (after any figure before it), without the verbs and time words that only lead up
    to it; where only a verb is left (新建 2 个社区老年活动室), the verb and the thing counted after the unit."""
    last = next(reversed(figures_in(before)), None)
    name = before[last.end :] if last else before
    name = TRAILING.sub("", LEADING.sub("", name.strip())).strip()
    verb = before.strip()[-2:] if before.strip()[-2:] in VERBS else ""
    only_verb = name in VERBS or bool(re.fullmatch(MAKING, name))
    if len(name) < 3 or only_verb:
        thing = FOLLOWING.match(after.strip())
        name = (name if only_verb else verb) + (thing.group(0) if thing else "")
    return name.strip()


def suggest_lines(content: Path, year: str | None = None) -> list[str]:
    """The candidates of each report (or the one whose folder or slug is `year`), as figures.yml lines."""
    from ..site import load_site  # here: site imports the figures package

    site, _problems = load_site(content)  # problems are check's to report; suggesting needs only the text
    reports = [r for r in site.reports if year is None or year in (Path(r.source).parent.name, r.slug)]
    if not reports:
        known = "、".join(r.slug for r in site.reports) or "none"
        raise click.ClickException(
            _("there is no report {year} in {content} (reports: {known})").format(
                year=year, content=content, known=known
            )
        )
    lines: list[str] = []
    for report in reports:
        lines.append(f"# {report.slug}: {Path(report.source).parent.name}/figures.yml")
        lines += [c.line_text() for c in candidates(report)]
    return lines
