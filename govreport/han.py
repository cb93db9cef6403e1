"""What a Han character is, once for the whole tool: Unicode's Script=Han as the `regex` package has it (search.js says
/\\p{Script=Han}/u), given as a plain `re` character class."""

from __future__ import annotations

import array
import importlib.machinery
import re
import sys

from .cache import Memo, package_stamp

# The definition itself. Everything below only turns it into something the stdlib `re` can use.
HAN_PROPERTY = r"\p{Script=Han}"
# The regex package's compiled part carries its Unicode tables: a new version of it changes the cache's stamp.
REGEX_FILES = [f"_regex{suffix}" for suffix in importlib.machinery.EXTENSION_SUFFIXES]


def all_code_points() -> str:
    """Every code point, U+0000 to U+10FFFF (lone surrogates too), as one string, in about 10 ms.

    "".join(map(chr, range(0x110000))) takes 0.2 s: instead plane 0 is made once as UTF-32 and copied
    for planes 1 to 16 with only the plane byte changed.
    """
    plane = array.array("I", range(0x10000))
    if sys.byteorder == "big":
        plane.byteswap()
    planes = bytearray(plane.tobytes() * 17)
    for number in range(1, 17):
        planes[number * 0x40000 + 2 : (number + 1) * 0x40000 : 4] = bytes([number]) * 0x10000
    return planes.decode("utf-32-le", "surrogatepass")


def code_point_ranges(pattern: str) -> list[tuple[int, int]]:
    """(first, last) of each run of code points that the `regex` pattern for one character matches."""
    import regex  # here: a build that finds the ranges in its cache does not load it

    return [(run.start(), run.end() - 1) for run in regex.finditer(f"(?:{pattern})+", all_code_points())]


def class_body(ranges: list[tuple[int, int]]) -> str:
    """The ranges as the inside of a `re` character class, in escapes: [{body}] matches one of them."""

    def escape(code: int) -> str:
        return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"

    return "".join(escape(first) if first == last else f"{escape(first)}-{escape(last)}" for first, last in ranges)


def cached_ranges(pattern: str) -> list[tuple[int, int]]:
    """code_point_ranges(pattern), kept in the build cache: making them takes about 20 ms, reading them well under 1."""
    regex_stamp = package_stamp("regex", *REGEX_FILES)
    if regex_stamp == "none":  # no file to tell one version of regex from another: no cache
        return code_point_ranges(pattern)
    memo = Memo("han", f"{regex_stamp}-{package_stamp('govreport', 'han.py')}")
    kept = memo.get(pattern)
    if (
        isinstance(kept, list)
        and kept
        and all(isinstance(r, list) and len(r) == 2 and all(type(c) is int for c in r) for r in kept)
    ):
        return [(first, last) for first, last in kept]
    ranges = code_point_ranges(pattern)
    memo.put(pattern, [list(r) for r in ranges])
    return ranges


HAN_RANGES = cached_ranges(HAN_PROPERTY)
# Han ideographs, radicals and the ideographic marks 々 〇 〡…〩 〸…〻; not the CJK punctuation or full-width forms.
HAN = class_body(HAN_RANGES)

# More than Han, for the uses that mean "Chinese text, where words have no spaces between them" (whether a
# wrapped line rejoins without a space, whether `**` beside punctuation may close): the CJK blocks between
# the radicals and Extension A (the ideographic space and punctuation 、。「」〔〕, kana, bopomofo, Hangul
# jamo, enclosed and squared CJK, U+2E80–U+33FF) and the half-width and full-width forms (，：！（）, U+FF00–U+FFEF).
CJK_NOT_HAN = "\\u2e80-\\u33ff\\uff00-\\uffef"
CJK_TEXT = HAN + CJK_NOT_HAN
CJK_TEXT_RE = re.compile(f"[{CJK_TEXT}]")
