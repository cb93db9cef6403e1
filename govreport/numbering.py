"""Heading numbers at the four levels of GB/T 9704-2012 (7.3.3): `一、` / `（一）` / `1.` / `（1）`, and their values.

Brackets and points may be full- or half-width. The importer finds headings by these; `check` uses them to tell an
editor where a number is skipped.
"""

from __future__ import annotations

import re

NUMERAL = "〇零一二三四五六七八九十百"
LEVELS = (
    ("part", re.compile(rf"^([{NUMERAL}]+)、")),
    ("section", re.compile(rf"^[（(]([{NUMERAL}]+)[）)]")),
    ("item", re.compile(r"^(\d{1,2})[.．、](?!\d)")),
    ("subitem", re.compile(r"^[（(](\d{1,2})[）)]")),
)
CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}


def level_of(text: str) -> str | None:
    """The heading level a text's opening number belongs to, if it opens with one."""
    return next((kind for kind, pattern in LEVELS if pattern.match(text)), None)


def number_of(text: str) -> int:
    """The heading's number: 三 → 3, 十二 → 12, 2 → 2 (0 when it has none)."""
    for _, pattern in LEVELS:
        found = pattern.match(text)
        if found:
            return counted(found.group(1))
    return 0


def counted(numeral: str) -> int:
    if numeral.isdigit():
        return int(numeral)
    if "十" not in numeral:
        return int("".join(str(CN_DIGITS.get(c, 0)) for c in numeral) or 0)
    tens, _, ones = numeral.partition("十")
    return (CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (CN_DIGITS.get(ones, 0) if ones else 0)
