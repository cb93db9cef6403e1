"""A term cut by bold, a soft line break or a footnote mark is still linked, in properly nested HTML, and its term
page quotes each use with its whole sentence (tests/browser/test_glossary_cut.py runs the Nu checker on the same site)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from govreport.glossary.matcher import Matcher, find_in_inline
from govreport.parse import make_markdown
from tests.test_glossary import VOID, render_small

REPORT = {
    "2023/part-1/index.md": (
        "# 一、回顾\n\n"
        "推进**一网**统管，做强一网\n统管。\n\n"
        "完善一网[^1]统管，*一网统管*。\n\n"
        "[^1]: 城市运行管理的一个平台。\n"
    ),
}
ENTRY = "---\nterm: 一网统管\nsource:\n  report: 2023\n  footnote: 1\n---\n\n城市运行管理的一个平台。\n"
PAGE = "2023/part-1/index.html"
TERM_PAGE = "glossary/yi-wang-tong-guan.html"
LINK_RE = re.compile(
    r'<a class="term-link" href="../../glossary/yi-wang-tong-guan.html" data-term="yi-wang-tong-guan">'
)
SENTENCE_RE = re.compile(r'<blockquote class="occurrence-sentence"><p>(.*?)</p></blockquote>', re.S)


class Nesting(HTMLParser):
    """Every end tag closes the element opened last: the problems, as `line: message`."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a" and "a" in self.open:
            self.problems.append(f"{self.getpos()[0]}: <a> inside <a>")
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"{self.getpos()[0]}: </{tag}> closes <{self.open[-1] if self.open else ''}>")
        elif self.open:
            self.open.pop()


def nesting_problems(html: str) -> list[str]:
    parser = Nesting()
    parser.feed(html)
    parser.close()
    return parser.problems + [f"never closed: <{tag}>" for tag in parser.open]


def site(tmp_path: Path) -> dict[str, str]:
    files, warnings = render_small(tmp_path, {"yi-wang-tong-guan.md": ENTRY}, report=REPORT)
    assert warnings == []
    return {path: str(text) for path, text in files.items()}


def test_cut_terms_are_linked_piece_by_piece_inside_the_markup(tmp_path: Path) -> None:
    html = site(tmp_path)[PAGE]
    link = LINK_RE.pattern.replace("\\", "")
    note = '<sup class="fn-ref"><a href="#fn-1" id="fnref-1" role="doc-noteref" aria-label="脚注 1">[1]</a></sup>'
    assert f"推进<strong>{link}一网</a></strong>{link}统管</a>，做强{link}一网统管</a>。" in html
    assert f"完善{link}一网</a>{note}{link}统管</a>，<em>{link}一网统管</a></em>。" in html


def test_pages_with_cut_terms_nest_properly(tmp_path: Path) -> None:
    pages = site(tmp_path)
    for path in (PAGE, "2023/full.html", TERM_PAGE):
        assert nesting_problems(pages[path]) == [], path


def test_the_term_page_quotes_each_use_with_its_sentence(tmp_path: Path) -> None:
    sentences = SENTENCE_RE.findall(site(tmp_path)[TERM_PAGE])
    assert sentences == [
        "推进<mark>一网统管</mark>，做强一网统管。",
        "推进一网统管，做强<mark>一网统管</mark>。",
        "完善<mark>一网统管</mark>，一网统管。",
        "完善一网统管，<mark>一网统管</mark>。",
    ]


def test_a_line_break_joins_cjk_characters_only() -> None:
    md = make_markdown()
    matcher = Matcher({"一网统管": "a", "AB": "b", "一网B": "c"})
    found = [
        [m.spelling for m in find_in_inline(t, matcher)]
        for t in md.parse("一网\n统管\n\nA\nB\n\n一网\nB\n")
        if t.type == "inline"
    ]
    assert found == [["一网统管"], [], []]
