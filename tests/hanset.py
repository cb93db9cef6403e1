"""Python's Han set (govreport/han.py) and a JavaScript engine's (assets/js/search.js's HAN), as code point ranges, and where they differ."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from govreport.han import HAN_RANGES, code_point_ranges

ROOT = Path(__file__).resolve().parents[1]
SEARCH_JS = ROOT / "assets" / "js" / "search.js"
JS_HAN_LINE = re.compile(r"^\s*var HAN = (/.+/[a-z]*);$", re.MULTILINE)

# What search.js's set was before it said /\p{Script=Han}/u: a hand-kept list, kept here to show the
# comparison fails on a set that is not Python's (it misses Extension H and J, and U+16FE2, U+16FF0…).
OLD_HAND_KEPT_JS_HAN = r"/[\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]/gu"

# A JavaScript function of a regex literal's text: the code points it matches, one at a time, and the code
# points the engine's Unicode version assigns (\P{Cn}), each as [[first, last], …]. Lone surrogates included.
ENGINE_RANGES_JS = r"""
(literal) => {
  const written = new Function("return " + literal)();
  const han = new RegExp("^(?:" + written.source + ")$", written.flags.replace("g", ""));
  const assigned = /^\P{Cn}$/u;
  const runs = { han: [], assigned: [] };
  const add = (list, code) => {
    const last = list[list.length - 1];
    if (last && last[1] === code - 1) last[1] = code;
    else list.push([code, code]);
  };
  for (let code = 0; code <= 0x10ffff; code++) {
    const char = String.fromCodePoint(code);
    if (han.test(char)) add(runs.han, code);
    if (assigned.test(char)) add(runs.assigned, code);
  }
  return runs;
}
"""


def search_js_han() -> str:
    """The literal search.js splits a query with, as written there (/…/gu)."""
    found = JS_HAN_LINE.findall(SEARCH_JS.read_text(encoding="utf-8"))
    assert len(found) == 1, f"{SEARCH_JS}: expected one line `var HAN = /…/flags;`, found {len(found)}"
    return found[0]


def code_points(ranges: list[tuple[int, int]] | list[list[int]]) -> set[int]:
    return {code for first, last in ranges for code in range(first, last + 1)}


def as_ranges(codes: set[int]) -> str:
    """U+16FE2–U+16FE3, U+31350–U+33479: a set of code points as short text."""
    runs: list[list[int]] = []
    for code in sorted(codes):
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return ", ".join(f"U+{a:04X}" if a == b else f"U+{a:04X}–U+{b:04X}" for a, b in runs) or "none"


@dataclass(frozen=True)
class Comparison:
    """Where the two sets differ: on code points both Unicode versions assign (a real disagreement), and elsewhere."""

    python_only: set[int]
    js_only: set[int]
    version_only: set[int]  # Han on one side where the other side's Unicode version has no character yet

    def disagreement(self) -> str:
        return (
            f"Han in Python (govreport/han.py) only: {as_ranges(self.python_only)}; "
            f"Han in JavaScript (search.js) only: {as_ranges(self.js_only)}"
        )


def compare(engine: dict[str, list[list[int]]]) -> Comparison:
    """Python's set against the engine's, judged only on code points assigned in both Unicode versions.

    The regex package and the browser's ICU each carry a Unicode version, and either may be the newer
    one; a character the older version does not have yet cannot be in a report typed with it, so a Han
    character that one side does not know is no disagreement, only shown (version_only). On every code
    point both know, the sets must be the same, or the index and the query cut Chinese differently.
    """
    python_han, js_han = code_points(HAN_RANGES), code_points(engine["han"])
    both_assigned = code_points(code_point_ranges(r"\P{Cn}")) & code_points(engine["assigned"])
    return Comparison(
        python_only=(python_han - js_han) & both_assigned,
        js_only=(js_han - python_han) & both_assigned,
        version_only=(python_han ^ js_han) - both_assigned,
    )
