"""One Han set (govreport/han.py) for every use: the set itself, each use of it, and search.js's set in Node."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
import regex
from markdown_it import MarkdownIt

from govreport.check import half_width_punctuation
from govreport.cjk import cjk_emphasis_plugin
from govreport.han import CJK_TEXT_RE, HAN, HAN_PROPERTY, HAN_RANGES, all_code_points, code_point_ranges
from govreport.importer.rules import join_lines
from govreport.searchindex import ZWSP, separate_han
from tests.hanset import ENGINE_RANGES_JS, OLD_HAND_KEPT_JS_HAN, ROOT, compare, search_js_han

EXT_B = "\U00020000"  # 𠀀, CJK Unified Ideographs Extension B
EXT_H = "\U00031350"  # Extension H (Unicode 15): missing from the old hand-kept lists
HAN_CHARACTERS = ["中", "々", "〇", "〡", "⺀", "⼀", "\u3400", "\u9fff", "\uf900", EXT_B, EXT_H, "\U00016fe3"]
HAN_RE = re.compile(f"[{HAN}]")
NOT_HAN = [
    "，",
    "。",
    "、",
    "：",
    "（",
    "１",
    "Ａ",
    "\u3000",
    "〆",
    "あ",
    "ア",
    "ー",
    "ㄅ",
    "한",
    "䷀",
    "a",
    "1",
    ",",
    " ",
]


@pytest.mark.parametrize("char", HAN_CHARACTERS)
def test_han(char: str) -> None:
    assert HAN_RE.fullmatch(char), f"U+{ord(char):04X}"


@pytest.mark.parametrize("char", NOT_HAN)
def test_not_han(char: str) -> None:
    assert not HAN_RE.fullmatch(char), f"U+{ord(char):04X}"


def test_the_re_class_is_the_regex_property_on_every_code_point() -> None:
    """The plain `re` class made from \\p{Script=Han} matches exactly what the property does."""
    everything = all_code_points()
    assert len(everything) == 0x110000 and all(
        ord(everything[c]) == c for c in (0, 0xD800, 0xFFFF, 0x10000, 0x2A6DF, 0x10FFFF)
    )
    by_re = [(m.start(), m.end() - 1) for m in re.finditer(f"[{HAN}]+", everything)]
    by_regex = [(m.start(), m.end() - 1) for m in regex.finditer(rf"{HAN_PROPERTY}+", everything)]
    assert by_re == by_regex == HAN_RANGES == code_point_ranges(HAN_PROPERTY)


def test_cjk_text_is_han_and_the_cjk_punctuation_and_full_width_forms() -> None:
    for char in HAN_CHARACTERS + ["，", "。", "、", "：", "（", "１", "Ａ", "\u3000", "〆", "あ", "ア", "ㄅ"]:
        assert CJK_TEXT_RE.fullmatch(char), f"U+{ord(char):04X}"
    for char in ["a", "1", ",", " ", "“", "—", "한"]:
        assert not CJK_TEXT_RE.fullmatch(char), f"U+{ord(char):04X}"


# cjk.py: the emphasis rule
def bold(text: str) -> bool:
    return "<strong>" in MarkdownIt("commonmark").use(cjk_emphasis_plugin).render(text)


@pytest.mark.parametrize(
    ("text", "closes"),
    [
        ("**要求是：**以", True),
        (f"**要求是：**{EXT_B}字", True),  # Extension B after the closing **
        ("**要求是：**々", True),
        ("**“重点”**１２项", True),  # a full-width digit is no Han character, but CJK text beside the punctuation
        ("**“重点”**a", False),  # CommonMark's own rule: punctuation, then a letter
    ],
)
def test_emphasis_closes_beside_cjk(text: str, closes: bool) -> None:
    assert bold(text) is closes


# importer/rules.py: wrapped lines rejoin
@pytest.mark.parametrize(
    ("text", "joined"),
    [
        (f"GDP\n{EXT_B}", f"GDP{EXT_B}"),  # the old list stopped at U+FFEF and put a space here
        (f"{EXT_B}\nGDP", f"{EXT_B}GDP"),
        ("GDP\n々", "GDP々"),
        ("增长，\nGDP", "增长，GDP"),  # a full-width comma is not Han, but no space follows it either
        ("GDP\n〇", "GDP〇"),
        ("GDP\ngrowth", "GDP growth"),
    ],
)
def test_join_lines(text: str, joined: str) -> None:
    assert join_lines(text) == joined


# searchindex.py: every Han character a word of its own
@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (f"<p>{EXT_B}々〇</p>", f"<p> {EXT_B} 々 〇 </p>"),
        (f"<p>{EXT_H}字</p>", f"<p> {EXT_H} 字 </p>"),
        ("<p>甲，乙</p>", "<p> 甲 ， 乙 </p>"),  # the comma stays where it is, not a word of its own
        ("<p>，１２</p>", f"<p>，１２{ZWSP}</p>"),  # no Han at all: nothing is separated
    ],
)
def test_separate_han(html: str, expected: str) -> None:
    assert separate_han(html) == expected


# check.py: half-width punctuation next to Chinese
@pytest.mark.parametrize(
    ("text", "count"),
    [
        (f"{EXT_B},x", 1),
        ("々,x", 1),
        ("〇:x", 1),
        ("x,中", 1),
        ("，,x", 0),  # a full-width comma is not Han
        ("１,２", 0),
    ],
)
def test_half_width_punctuation_next_to_han(text: str, count: int) -> None:
    assert len(half_width_punctuation(text)) == count


# search.js's set, in Node (tests/browser/test_han_agrees.py asks Chromium, which runs the site)
def node_ranges(literal: str) -> dict[str, list[list[int]]]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is missing: apt-get install nodejs (Chromium's check is tests/browser/test_han_agrees.py)")
    script = f"console.log(JSON.stringify(({ENGINE_RANGES_JS})(process.argv[1])))"
    result = subprocess.run([node, "-e", script, literal], capture_output=True, text=True, check=True, timeout=120)
    return json.loads(result.stdout)


def test_search_js_han_is_pythons_in_node() -> None:
    result = compare(node_ranges(search_js_han()))
    if result.version_only:
        warnings.warn(
            f"Han on one side only, where the other side's Unicode version has no character: {len(result.version_only)} code points",
            stacklevel=2,
        )
    assert not result.python_only and not result.js_only, result.disagreement()


def test_the_node_comparison_fails_on_another_set() -> None:
    result = compare(node_ranges(OLD_HAND_KEPT_JS_HAN))
    assert result.python_only and "U+31350–U+33479" in result.disagreement()


def test_the_ranges_are_kept_in_the_build_cache_and_a_bad_entry_is_made_again(tmp_path: Path) -> None:
    def han_in_a_new_process() -> str:
        command = [sys.executable, "-c", "from govreport.han import HAN; print(HAN)"]
        return subprocess.run(
            command,
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            timeout=60,
            env={**os.environ, "GOVREPORT_CACHE": str(tmp_path)},
        ).stdout.strip()

    assert han_in_a_new_process() == HAN
    [kept] = tmp_path.glob("han-*.json")
    assert json.loads(kept.read_text(encoding="utf-8")) == {HAN_PROPERTY: [list(r) for r in HAN_RANGES]}
    kept.write_text(json.dumps({HAN_PROPERTY: [[0x41, 0x5A]]}), encoding="utf-8")
    assert han_in_a_new_process() == "\\u0041-\\u005a"  # read from the cache: the ranges are not made again
    kept.write_text(json.dumps({HAN_PROPERTY: "not ranges"}), encoding="utf-8")
    assert han_in_a_new_process() == HAN
