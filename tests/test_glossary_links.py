"""Term links in report text: fixtures in tests/fixtures/glossary_links.md (title, Markdown, expected HTML)."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it.utils import read_fixture_file

from govreport.glossary import find_on_page, link_page, links_of, sentence_around
from govreport.glossary.matcher import Matcher
from govreport.load import Source
from govreport.model.workreport import Page, model_page
from govreport.parse import make_markdown, parse_source
from govreport.render.html import install_renderers

FIXTURES = Path(__file__).parent / "fixtures" / "glossary_links.md"
SPELLINGS = {
    "三站一场": "san-zhan-yi-chang",
    "云数网端": "yun-shu-wang-duan",
    "云、数、网、端": "yun-shu-wang-duan",
    "主阵地、主城区、样板区": "zhu-zhen-di-zhu-cheng-qu-yang-ban-qu",
    "主阵地": "zhu-zhen-di",  # only here: a shorter term inside a longer one
    "清积存、大扫除": "qing-ji-cun-da-sao-chu",
    "清积存，大扫除": "qing-ji-cun-da-sao-chu",
}


def section_page(text: str) -> tuple[Page, object]:
    md = make_markdown()
    install_renderers(md)
    parsed = parse_source(md, Source(Path("content/2023/part-1/section-1.md"), "2023/part-1/section-1.md", text))
    return model_page("2023", "part-1/section-1.md", ("section", (1, 1)), parsed, set(), []), md


def render_linked(text: str) -> str:
    """The heading, body and footnotes of a section file after term linking, as HTML."""
    page, md = section_page(text)
    page = link_page(page, links_of(find_on_page(page, Matcher(SPELLINGS))))
    env = {"url": lambda target: target}
    out = f"<h2>{md.renderer.render([page.heading], md.options, env)}</h2>\n" if page.heading else ""
    out += md.renderer.render(page.tokens, md.options, env)
    for note in page.notes:
        out += f"<!-- note {note.label} -->\n" + md.renderer.render(note.tokens, md.options, env)
    return out


CASES = read_fixture_file(FIXTURES)


@pytest.mark.parametrize("line,title,source,expected", CASES, ids=[f"line {case[0] + 1}" for case in CASES])
def test_term_links(line: int, title: str, source: str, expected: str) -> None:
    assert render_linked(source) == expected, f"{FIXTURES}:{line}: {title}"


def test_linking_keeps_every_character() -> None:
    text = "## （一）“三站一场”\n\n加快“云、数、网、端”[^5]建设，聚焦“主阵地、主城区、样板区”与“主阵地”。\n\n[^5]: 即“云数网端”。\n"
    page, _ = section_page(text)

    def inlines(page: Page) -> list:
        return [
            page.heading,
            *[t for t in page.tokens if t.type == "inline"],
            *[t for n in page.notes for t in n.tokens if t.type == "inline"],
        ]

    before = ["".join(c.content for c in t.children or []) for t in inlines(page)]
    linked = link_page(page, links_of(find_on_page(page, Matcher(SPELLINGS))))
    assert any(c.type == "term_link_open" for t in inlines(linked) for c in t.children or [])
    assert ["".join(c.content for c in t.children or []) for t in inlines(linked)] == before


def test_occurrences_name_their_place() -> None:
    page, _ = section_page(
        "## （一）巩固“三站一场”\n\n**三站一场推进**。建设“三站一场”[^1]。\n\n[^1]: 三站一场即车站。\n"
    )
    found = [
        (f.place.kind, f.place.anchor, f.place.note, f.match.spelling) for f in find_on_page(page, Matcher(SPELLINGS))
    ]
    assert found == [
        ("heading", "part-1-section-1", None, "三站一场"),
        ("text", "san-zhan-yi-chang-tui-jin", None, "三站一场"),
        ("text", "san-zhan-yi-chang-tui-jin", None, "三站一场"),
        ("note", None, "1", "三站一场"),
    ]


def test_longest_spelling_wins_where_terms_overlap() -> None:
    found = Matcher({"主阵地": "a", "主阵地、主城区、样板区": "b", "样板区建设": "c"}).find(
        "宝山“主阵地、主城区、样板区建设”"
    )
    assert [(m.spelling, m.slug) for m in found] == [("主阵地、主城区、样板区", "b")]


@pytest.mark.parametrize(
    "text,start,end,expected",
    [
        ("甲。全面完成“三站一场”、胡庄桥工作。乙。", 7, 11, ("全面完成“", "”、胡庄桥工作。")),
        ("区域。推进“三站一场”", 6, 10, ("推进“", "”")),
        ("三站一场", 0, 4, ("", "")),
    ],
)
def test_sentence_around_a_term(text: str, start: int, end: int, expected: tuple[str, str]) -> None:
    assert sentence_around(text, start, end) == expected
