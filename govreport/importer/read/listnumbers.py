"""Word's automatic list numbers as Word shows them: a heading numbered by a list (一、 （一） 1.) is written out, so
that the rules find it by its text as in any other document. Bullets are decoration and are left out.

A paragraph's number comes from its own `w:numPr` or its style's; counters run per list (`w:num`), a level's counter
restarts when a higher level moves on, and `w:lvlText` (`%1、`, `（%2）`) says how the number is written.
"""

from __future__ import annotations

import re
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HAN_DIGITS = "〇一二三四五六七八九"
STEMS = "甲乙丙丁戊己庚辛壬癸"
LEVEL_RE = re.compile(r"%([1-9])")
ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"))
ROMAN += ((9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def chinese_counting(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (as Word's chineseCounting writes them)."""
    if n < 10:
        return HAN_DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else HAN_DIGITS[tens]) + "十" + (HAN_DIGITS[ones] if ones else "")
    hundreds, rest = divmod(n, 100)
    if not rest:
        tail = ""
    elif rest < 10:
        tail = "零" + HAN_DIGITS[rest]
    else:
        tail = ("一" if rest < 20 else "") + chinese_counting(rest)
    return HAN_DIGITS[hundreds % 10] + "百" + tail


def roman(n: int) -> str:
    out = ""
    for value, letters in ROMAN:
        count, n = divmod(n, value)
        out += letters * count
    return out


def letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


FORMATS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "chineseCounting": chinese_counting,
    "chineseCountingThousand": chinese_counting,
    "chineseLegalSimplified": chinese_counting,
    "japaneseCounting": chinese_counting,
    "ideographDigital": lambda n: "".join(HAN_DIGITS[int(d)] for d in str(n)),
    "ideographTraditional": lambda n: STEMS[(n - 1) % 10],
    "decimalEnclosedCircle": lambda n: chr(0x2460 + n - 1) if n <= 20 else str(n),
    "decimalEnclosedCircleChinese": lambda n: chr(0x2460 + n - 1) if n <= 20 else str(n),
    "decimalFullWidth": lambda n: str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    "upperRoman": lambda n: roman(n).upper(),
    "lowerRoman": roman,
    "upperLetter": lambda n: letters(n).upper(),
    "lowerLetter": letters,
    "none": lambda n: "",
}


class ListNumbers:
    """The number each numbered paragraph shows, counted as the paragraphs are read in order."""

    def __init__(self, numbering: Any, styles: dict[str, Any] | None = None) -> None:
        found = numbering is not None
        self.abstract = {a.get(W + "abstractNumId"): a for a in numbering.iter(W + "abstractNum")} if found else {}
        self.nums = {n.get(W + "numId"): n for n in numbering.iter(W + "num")} if found else {}
        self.styles = styles or {}
        self.counters: dict[str, dict[int, int]] = {}

    def label(self, p: Any, style: str | None) -> str:
        """The paragraph's number as shown (`一、`), or "" for an unnumbered paragraph or a bullet."""
        num_id, level = self.list_of(p, style)
        levels = self.levels(num_id)
        if level not in levels:
            return ""
        counts = self.count(num_id, level, levels)
        lvl = levels[level]
        if value(lvl, "numFmt", "decimal") == "bullet":
            return ""
        text = LEVEL_RE.sub(lambda m: self.shown(levels, counts, int(m.group(1)) - 1), value(lvl, "lvlText", ""))
        return text + (" " if value(lvl, "suff", "tab") == "space" else "")

    def list_of(self, p: Any, style: str | None) -> tuple[str | None, int]:
        """(numId, level) from the paragraph's own numPr, else from its style's."""
        for holder in (p, self.styles.get(style or "")):
            num_pr = holder.find(f"{W}pPr/{W}numPr") if holder is not None else None
            if num_pr is not None:
                num_id, level = num_pr.find(W + "numId"), num_pr.find(W + "ilvl")
                return (
                    num_id.get(W + "val") if num_id is not None else None,
                    int(level.get(W + "val")) if level is not None else 0,
                )
        return None, 0

    def levels(self, num_id: str | None) -> dict[int, Any]:
        num = self.nums.get(num_id or "")
        ref = num.find(W + "abstractNumId") if num is not None else None
        abstract = self.abstract.get(ref.get(W + "val")) if ref is not None else None
        if abstract is None:
            return {}
        return {int(lvl.get(W + "ilvl")): lvl for lvl in abstract.iter(W + "lvl")}

    def count(self, num_id: str | None, level: int, levels: dict[int, Any]) -> dict[int, int]:
        counts = self.counters.setdefault(num_id or "", {})
        start = int(value(levels[level], "start", "1"))
        counts[level] = counts[level] + 1 if level in counts else start
        for deeper in [k for k in counts if k > level]:
            del counts[deeper]
        return counts

    def shown(self, levels: dict[int, Any], counts: dict[int, int], level: int) -> str:
        lvl = levels.get(level)
        if lvl is None:
            return ""
        n = counts.get(level, int(value(lvl, "start", "1")))
        return FORMATS.get(value(lvl, "numFmt", "decimal"), str)(n)


def value(lvl: Any, tag: str, default: str) -> str:
    found = lvl.find(W + tag)
    return found.get(W + "val", default) if found is not None else default
