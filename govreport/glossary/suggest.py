"""Candidate jargon for new glossary entries: a report's plain text → phrases it uses without explaining, most useful
first, leaving out the terms the glossary already has and the report's rhetorical quotations; it writes nothing.

Candidates are of two kinds:

- a quoted short phrase: 2–8 Han characters inside “”, such as “一网统管”;
- a number-led set phrase of the shape 数字+X+数字+Y, one character each (三站一场, 五违四必), quoted or not; X and Y
  not a measure word (一所九年 counts schools).

Every use of a candidate counts, quoted or not: an abbreviation the report coins once in quotation marks and then
goes on using (“一号湾”, then 一号湾) counts each time.

A quotation is rhetoric, not a term, and left out, when

- it is quoted in a heading anywhere in the report (section headings end in slogans: 锻造产业发展“强引擎”); or
- it is used once, right after a verb of the report's metaphors (锻造, 描绘, 巩固, 筑牢, 走好…: 走好时代“赶考路”).

Each remaining candidate's score is its count, +2 when it starts with a Chinese numeral (一网通办, 十四五, 四风:
the genre's set phrases are counted lists), +1 when it names a thing: a Han character follows the closing quote
directly, as in “四责协同”机制 or “急难愁盼”事项, where a metaphor ends its clause (“换挡期”，). Ties go to the
shorter phrase (a compression more than a self-explaining name), then to the earlier one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import click

from ..han import HAN
from ..i18n import _
from ..model.document import Document
from ..parse import plain_text
from ..slug import pinyin_slug
from . import SENTENCE_RE, Glossary, places

NUMERALS = "〇零一二三四五六七八九十两百千"
QUOTED_RE = re.compile(f"“([{HAN}]{{2,8}})”")
# Measure words and units: 一所九年（一贯制）, 三期一号 count things, they are not set phrases.
MEASURES = "个年月日天次所项处条家期号名位批户件座栋级类种万亿元"
NOT_MEASURE = f"(?:(?![{NUMERALS}{MEASURES}])[{HAN}])"
SET_PHRASE_RE = re.compile(f"[{NUMERALS}]{NOT_MEASURE}[{NUMERALS}]{NOT_MEASURE}")
# Verbs the report's metaphors follow: 锻造“强引擎”, 描绘“新画卷”, 巩固“主阵地”, 筑牢“防护堤”, 走好“赶考路”.
METAPHOR_VERBS = (
    "锻造",
    "描绘",
    "绘就",
    "巩固",
    "筑牢",
    "补齐",
    "走好",
    "跑好",
    "当好",
    "谱写",
    "书写",
    "奏响",
    "擦亮",
)
# Characters after a closing quote that do not make the quotation a name: 的 and 地 (“花团锦簇”的), 和、与、及
# (a list), and 文章 (做好“老树新枝”文章: the genre's metaphor of "writing an essay on").
NOT_A_NAME = ("的", "地", "和", "与", "及", "文章")
METAPHOR_REACH = 6  # how many characters before the quote may hold the verb (锻造产业发展“强引擎”)


@dataclass(frozen=True)
class Use:
    """One use of a phrase: where it is (file, line, heading or not), its sentence, and what is around it."""

    source: str
    line: int
    in_heading: bool
    sentence: str
    before: str  # the text before the phrase (before its opening quote, when quoted)
    after: str  # the text after the phrase (after its closing quote, when quoted)
    quoted: bool


@dataclass(frozen=True)
class Candidate:
    """A phrase that might want a glossary entry, with its uses in reading order and its score."""

    phrase: str
    uses: tuple[Use, ...]

    @property
    def count(self) -> int:
        return len(self.uses)

    @property
    def first(self) -> Use:
        return self.uses[0]

    @property
    def is_number_led(self) -> bool:
        return self.phrase[0] in NUMERALS

    @property
    def names_a_thing(self) -> bool:
        return any(is_name(u) for u in self.uses if u.quoted)

    @property
    def score(self) -> int:
        return self.count + 2 * self.is_number_led + self.names_a_thing


@dataclass(frozen=True)
class Passage:
    """The plain text of one inline token of a report page, with where it is."""

    text: str
    source: str
    line: int
    in_heading: bool


def suggest_terms(report: Document, glossary: Glossary) -> list[Candidate]:
    """The report's candidate jargon without an entry in `glossary`, rhetoric left out, most useful first."""
    passages = list(report_passages(report))
    known = [s for t in glossary.terms for s in t.spellings]
    phrases = dict.fromkeys(p for p in candidate_phrases(passages) if not is_known(p, known))
    found = [Candidate(p, tuple(uses_of(p, passages))) for p in phrases]
    kept = [c for c in found if not is_rhetoric(c)]
    order = {c.phrase: i for i, c in enumerate(kept)}
    return sorted(kept, key=lambda c: (-c.score, len(c.phrase), order[c.phrase]))


def report_passages(report: Document) -> Iterator[Passage]:
    """Every heading, paragraph and footnote of the report as plain text (across bold and other markup), in reading order."""
    for page in report.pages:
        for place in places(page):
            line = place.inline.map[0] + 1 if place.inline.map else 0
            yield Passage(plain_text(place.inline), page.source, line, place.kind == "heading")


def candidate_phrases(passages: list[Passage]) -> Iterator[str]:
    """The quoted short phrases and number-led set phrases, in reading order (repeats included)."""
    for passage in passages:
        found = [(m.start(1), m.group(1)) for m in QUOTED_RE.finditer(passage.text)]
        found += [(m.start(), m.group()) for m in SET_PHRASE_RE.finditer(passage.text)]
        yield from (phrase for _, phrase in sorted(found))


def is_known(phrase: str, spellings: list[str]) -> bool:
    """The glossary has it: a spelling of a term, or a piece of one (主阵地 of 主阵地、主城区、样板区)."""
    return any(phrase in spelling for spelling in spellings)


def uses_of(phrase: str, passages: list[Passage]) -> Iterator[Use]:
    for passage in passages:
        for match in re.finditer(re.escape(phrase), passage.text):
            yield use_at(passage, match.start(), match.end())


def use_at(passage: Passage, start: int, end: int) -> Use:
    text = passage.text
    quoted = text[start - 1 : start] == "“" and text[end : end + 1] == "”"
    before, after = (text[: start - 1], text[end + 1 :]) if quoted else (text[:start], text[end:])
    return Use(passage.source, passage.line, passage.in_heading, sentence_at(text, start), before, after, quoted)


def sentence_at(text: str, start: int) -> str:
    """The sentence of `text` that holds text[start]."""
    return next((s.group() for s in SENTENCE_RE.finditer(text) if s.start() <= start < s.end()), text).strip()


def is_rhetoric(candidate: Candidate) -> bool:
    """A slogan, not a term: quoted in a heading, or quoted once right after a verb of the report's metaphors."""
    quoted = [u for u in candidate.uses if u.quoted]
    if any(u.in_heading for u in quoted):
        return True
    return candidate.count == 1 and any(follows_metaphor_verb(u) for u in quoted)


def follows_metaphor_verb(use: Use) -> bool:
    reach = re.split(r"[，。；、：！？]", use.before)[-1][-METAPHOR_REACH:]
    return any(verb in reach for verb in METAPHOR_VERBS)


def is_name(use: Use) -> bool:
    """The quotation qualifies the word after it (“四责协同”机制), as a name does; a metaphor ends its clause."""
    after = use.after.lstrip("“")  # “一网通办”“一网统管”先进集体奖: a list of names qualifies the same word
    after = re.sub(f"^[{HAN}]{{2,8}}”", "", after) if use.after.startswith("“") else after
    return bool(re.match(f"[{HAN}]", after)) and not after.startswith(NOT_A_NAME)


def suggestion_lines(candidates: list[Candidate], content_name: str) -> Iterator[str]:
    """One line a candidate: phrase, score, count, file:line of its first use, and that sentence; then an entry to paste."""
    for c in candidates:
        place = f"{c.first.source}:{c.first.line}"
        yield _("{phrase}\tscore {score}\t{count}×\t{place}\t{sentence}").format(
            phrase=c.phrase, score=c.score, count=c.count, place=place, sentence=c.first.sentence
        )
    if candidates:
        yield from entry_stub(candidates[0], content_name)


def entry_stub(candidate: Candidate, content_name: str) -> Iterator[str]:
    yield ""
    path = f"{content_name}/glossary/{pinyin_slug(candidate.phrase, 16)}.md"
    yield _("# to start an entry, save as {path} (any candidate's phrase in term:):").format(path=path)
    yield "---"
    yield f"term: {candidate.phrase}"
    yield "source: editor"
    yield "---"
    yield ""
    yield "（用一两句平实的话解释这个词。）"


def suggest_lines(content: Path, year: str | None = None) -> list[str]:
    """The suggestions for each report of `content` (or only the one whose folder or slug is `year`), as printed."""
    from ..site import load_site  # here: site imports this package

    site, _problems = load_site(content)  # problems are `check`'s to report; suggesting needs only the text
    reports = [r for r in site.reports if year is None or year in (Path(r.source).parent.name, r.slug)]
    if not reports:
        known = "、".join(r.slug for r in site.reports) or _("none")
        raise click.ClickException(
            _("there is no report {year} in {content} (reports: {known})").format(
                year=repr(year), content=content, known=known
            )
        )
    lines: list[str] = []
    for report in reports:
        heading = [f"## {report.slug}: {report.title}"] if len(reports) > 1 else []
        lines += heading + list(suggestion_lines(suggest_terms(report, site.glossary), content.as_posix()))
    return lines
