"""Figures (数说): a report's `figures.yml` → its checked key figures, and the trends of the keys several reports share.

Read, model and validate for one report folder happen here; rendering is in `cards.py` (the page and the sentence
anchors), `chart.py` (the trend SVG) and `suggest.py` (candidates for an editor, `figures suggest`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import Problem
from ..i18n import _
from ..incremental import Reuse
from ..model.document import Document
from ..parse import FAST_LOADER, plain_text

FILE = "figures.yml"
FIELDS = ("label", "value", "unit", "quote", "compare", "key", "group")
REQUIRED = ("label", "value", "unit", "quote")
SPACE_RE = re.compile(r"\s+")
# A count in Chinese numerals, as reports write small ones (新建成一所幼儿园, 两个中心): the value is kept as printed.
HAN_NUMERAL = "零一二两三四五六七八九十百千万亿"
HAN_NUMBER_RE = re.compile(rf"[{HAN_NUMERAL}]+")
# The counts most often written so, read without loading the converter; any longer numeral goes to cn2an.
HAN_DIGITS = {
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}
# Units of one kind, as multiples of the smallest: a trend converts between them.
SCALES = ({"元": 1, "万元": 10**4, "亿元": 10**8}, {"人次": 1, "万人次": 10**4}, {"平方米": 1, "万平方米": 10**4})


@dataclass(frozen=True)
class Figure:
    """One key figure as an editor wrote it: its fields as typed, the file line of each, and its place in the file."""

    fields: dict[str, str]
    lines: dict[str, int]
    line: int
    number: int  # 1-based, in file order

    def __getattr__(self, name: str) -> str:
        if name in FIELDS:
            return self.fields.get(name, "")
        raise AttributeError(name)

    @property
    def shown(self) -> str:
        """The value as its card shows it: as printed, but a count in Chinese numerals in digits (一所 → 1 所), since a
        big bold 一 reads as a dash."""
        value = self.fields.get("value", "")
        if not HAN_NUMBER_RE.fullmatch(value):
            return value
        read = numeric(value)
        return value if read is None else number(read)

    @property
    def anchor(self) -> str:
        """The id of its card on the 数说 page and of its sentence in the report."""
        return f"fig-{self.fields.get('key') or self.number}"


@dataclass(frozen=True)
class FiguresFile:
    """A report's figures.yml: its path, figures and the problems of its shape."""

    path: str
    folder: str
    figures: tuple[Figure, ...]
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class Placed:
    """A checked figure with the page whose text holds its quote."""

    figure: Figure
    page_path: str | None


@dataclass(frozen=True)
class Point:
    year: str
    value: float
    unit: str
    figure: Figure


@dataclass(frozen=True)
class Trend:
    """A key's values across reports, oldest first, in one unit."""

    key: str
    label: str
    unit: str
    points: tuple[Point, ...]


@dataclass
class SiteFigures:
    """Every report's figures file (by report folder), and the trends they make."""

    files: dict[str, FiguresFile] = field(default_factory=dict)
    trends: dict[str, Trend] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def model_figures(content: Path, reports: list[Document], reuse: Reuse) -> SiteFigures:
    """Read each report's figures.yml (kept while unchanged), check it against its report, and make the trends."""
    site = SiteFigures()
    years: dict[str, str] = {}
    for report in reports:
        folder = Path(report.source).parent.name
        path = content / folder / FILE
        if not path.is_file():
            continue
        figures = reuse.source(str(path), lambda p=path, f=folder: read_figures(p, f))
        site.files[folder] = figures
        years[folder] = report_year(report, folder)
        site.problems += list(figures.problems)
        site.problems += reuse.get("figures check", folder, (report, figures), lambda r=report, f=figures: check(r, f))
    reuse.forget("figures check", set(site.files))
    ordered = tuple(site.files.values())
    trends, problems = reuse.get("trends", "", ordered, lambda: make_trends(ordered, years), tuple(years.items()))
    site.trends, site.problems = trends, site.problems + problems
    return site


def report_year(report: Document, folder: str) -> str:
    return str(report.date.year) if report.date else folder


def read_figures(path: Path, folder: str) -> FiguresFile:
    """A YAML list of mappings, each value a scalar read as typed (`4.20` stays "4.20"); each key's file line kept."""
    display = str(path)
    text = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    try:
        loader = FAST_LOADER(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.YAMLError as fast_err:
        err = slow_error(text) or fast_err  # the pure-Python loader's message says more (see parse.FAST_LOADER)
        mark = getattr(err, "problem_mark", None)
        reason = getattr(err, "problem", None) or _("not valid YAML")
        message = _("figures file: {reason}").format(reason=reason)
        return FiguresFile(display, folder, (), (Problem(display, mark.line + 1 if mark else 1, message),))
    if node is None:
        return FiguresFile(display, folder, ())
    if not isinstance(node, yaml.SequenceNode):
        message = _("the figures file must be a list of figures, each starting with `- label:`")
        return FiguresFile(display, folder, (), (Problem(display, node.start_mark.line + 1, message),))
    figures, problems = [], []
    for number, item in enumerate(node.value, 1):
        figure, item_problems = read_figure(item, number, display)
        problems += item_problems
        if figure:
            figures.append(figure)
    return FiguresFile(display, folder, tuple(figures), tuple(problems))


def slow_error(text: str) -> yaml.YAMLError | None:
    try:
        yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as err:
        return err
    return None


def read_figure(node: yaml.Node, number: int, display: str) -> tuple[Figure | None, list[Problem]]:
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode):
        return None, [Problem(display, line, _("a figure must be `name: value` lines (label, value, unit, quote)"))]
    fields, lines, problems = {}, {}, []
    for key, value in node.value:
        name = str(key.value)
        where = key.start_mark.line + 1
        if name not in FIELDS:
            known = ", ".join(FIELDS)
            problems.append(
                Problem(display, where, _("unknown field {name} (known: {known})").format(name=name, known=known))
            )
        elif not isinstance(value, yaml.ScalarNode) or not str(value.value).strip():
            problems.append(Problem(display, where, _("{name} must be a single value").format(name=name)))
        else:
            fields[name], lines[name] = str(value.value).strip(), where
    for name in REQUIRED:
        if name not in fields and not any(p.line == lines.get(name) for p in problems):
            problems.append(Problem(display, line, _("this figure has no {name}").format(name=name)))
    return (Figure(fields, lines, line, number) if not problems else None), problems


def squeeze(text: str) -> str:
    return SPACE_RE.sub("", text)


def page_texts(report: Document) -> list[tuple[str, str]]:
    """(output path, its words without spaces) for each reading page of the report."""
    return [
        (page.path, squeeze("".join(plain_text(t) for t in page.tokens if t.type == "inline"))) for page in report.pages
    ]


def check(report: Document, figures: FiguresFile) -> list[Problem]:
    """Every figure's quote in the report, its value and unit in its quote, and no key twice."""
    problems: list[Problem] = []
    texts = page_texts(report)
    seen: dict[str, int] = {}
    for figure in figures.figures:
        quote = squeeze(figure.quote)
        if not any(quote in text for _path, text in texts):
            message = _("the quote is not in the report (whitespace aside): {quote}").format(quote=figure.quote)
            problems.append(Problem(figures.path, figure.lines["quote"], message))
        if squeeze(figure.value) + squeeze(figure.unit) not in quote:
            message = _("{value} {unit} is not in the quote: copy the value and unit as the quote prints them").format(
                value=figure.value, unit=figure.unit
            )
            problems.append(Problem(figures.path, figure.lines["value"], message))
        elif not is_number(figure.value):
            message = _("the value {value} is not a number").format(value=figure.value)
            problems.append(Problem(figures.path, figure.lines["value"], message))
        key = figure.key
        if key and key in seen:
            message = _("the key {key} is used twice in this report (first at line {line})").format(
                key=key, line=seen[key]
            )
            problems.append(Problem(figures.path, figure.lines["key"], message))
        elif key:
            seen[key] = figure.lines["key"]
    return problems


def is_number(value: str) -> bool:
    """Digits, or Chinese numerals: those are read as a number (numeric) only when a trend needs it, because the
    converter is slow to load and the value is checked to be printed in the report's own words anyway."""
    return bool(HAN_NUMBER_RE.fullmatch(value)) or numeric(value) is not None


def number(value: float) -> str:
    """As printed: no trailing zeros (4.2, not 4.2000)."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return text or "0"


def numeric(value: str) -> float | None:
    """The value as a number: digits (with thousands commas) or Chinese numerals (两 → 2, 一百零三 → 103)."""
    try:
        return float(value.replace(",", ""))
    except ValueError:
        pass
    if value in HAN_DIGITS:
        return float(HAN_DIGITS[value])
    if not HAN_NUMBER_RE.fullmatch(value):
        return None
    import cn2an  # here: it takes a fifth of a second to load, and only a figure in Chinese numerals needs it

    try:
        return float(cn2an.cn2an(value, "normal"))
    except ValueError:  # 十十, 万一: not a number
        return None


def placed(report: Document, figures: FiguresFile) -> list[Placed]:
    """Each figure with the first page whose text holds its quote."""
    texts = page_texts(report)
    out = []
    for figure in figures.figures:
        quote = squeeze(figure.quote)
        out.append(Placed(figure, next((path for path, text in texts if quote in text), None)))
    return out


def make_trends(files: tuple[FiguresFile, ...], years: dict[str, str]) -> tuple[dict[str, Trend], list[Problem]]:
    """A trend for each key in two or more reports, converted to the newest report's unit; units that cannot be
    converted are an error on the unit's line."""
    by_key: dict[str, list[tuple[str, FiguresFile, Figure]]] = {}
    for file in files:
        first = {
            f.key: f for f in reversed(file.figures) if f.key
        }  # a key used twice is check's error; its first use counts
        for figure in file.figures:
            if figure.key and first[figure.key] is figure and is_number(figure.value):
                by_key.setdefault(figure.key, []).append((years[file.folder], file, figure))
    trends, problems = {}, []
    for key, found in by_key.items():
        if len({year for year, _f, _g in found}) < 2:
            continue
        found.sort(key=lambda item: item[0])
        unit = found[-1][2].unit
        points = []
        for year, file, figure in found:
            number = numeric(figure.value)
            if number is None:
                message = _("{key}: {value} cannot be read as a number for the chart").format(
                    key=key, value=figure.value
                )
                problems.append(Problem(file.path, figure.lines["value"], message))
                break
            value = convert(number, figure.unit, unit)
            if value is None:
                message = _(
                    "{key} is in {unit} here and in {other} in {year}: these cannot be charted together"
                ).format(key=key, unit=figure.unit, other=unit, year=found[-1][0])
                problems.append(Problem(file.path, figure.lines["unit"], message))
                break
            points.append(Point(year, value, unit, figure))
        else:
            trends[key] = Trend(key, found[-1][2].label, unit, tuple(points))
    return trends, problems


def convert(value: float, unit: str, to: str) -> float | None:
    if unit == to:
        return value
    scale = next((s for s in SCALES if unit in s and to in s), None)
    return None if scale is None else value * scale[unit] / scale[to]
