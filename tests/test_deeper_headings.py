"""Headings inside a section (`### 1.…`, `#### （1）…`; tests/fixtures/deeper): their anchors, the page's outline
(subheadings with the lead phrases under them), the errors for a heading out of place, and how they render."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from govreport.model.outline import Entry
from govreport.model.workreport import Page, Report
from govreport.pdf import print_html, why_no_pdf
from govreport.site import BuildOptions, build_site, load_site, make_renderer
from tests.pdfcheck import outline
from tests.sitecheck import Element
from tests.sitecheck import Page as HtmlPage

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "tests/fixtures/deeper/content"
SECTION = "content/2030/part-1/section-1.md"


@pytest.fixture(scope="module")
def report() -> Report:
    site, problems = load_site(CONTENT)
    assert problems == []
    return site.reports[0]


def page(report: Report, path: str) -> Page:
    return next(p for p in report.pages if p.path == path)


def flat(entries: tuple[Entry, ...], depth: int = 1) -> list[tuple[int, str, str]]:
    """The outline as (depth, "h" for a subheading or "·" for a lead phrase, text) in reading order."""
    out: list[tuple[int, str, str]] = []
    for entry in entries:
        out.append((depth, "h" if entry.is_heading else "·", entry.text))
        out += flat(entry.children, depth + 1)
    return out


# ---------------------------------------------------------------- the model


def headings(page: HtmlPage, inside: str) -> list[tuple[str, str]]:
    """(tag, text) of every heading, in order, within the first element of that tag or class."""
    root = next(e for e in page.root.walk() if inside in (e.tag, e.attrs.get("class")))
    return [(e.tag, re.sub(r"\s+", "", e.text())) for e in root.walk() if re.fullmatch(r"h[1-6]", e.tag)]


def toc(element: Element) -> list[tuple[int, str, str]]:
    """A table of contents' links as (depth of list, text, href), depth counted in <ol>/<ul> from `element`."""
    out: list[tuple[int, str, str]] = []

    def walk(node: Element, depth: int) -> None:
        for child in node.children:
            if isinstance(child, Element):
                if child.tag == "a":
                    out.append((depth, child.text(), child.attrs["href"]))
                walk(child, depth + (child.tag in ("ol", "ul")))

    walk(element, 0)
    return out


def nav(page: HtmlPage, cls: str) -> Element:
    return next(e for e in page.root.walk() if e.tag == "nav" and e.attrs.get("class") == cls)


def test_subheadings_get_pinyin_anchors_without_their_numbers(report: Report) -> None:
    section = page(report, "2030/part-1/section-1.html")
    assert [(h.level, h.depth, h.text, h.anchor, h.line) for h in section.subheadings] == [
        (3, 1, "1.加快产业升级", "jia-kuai-chan-ye-sheng-ji", 7),
        (4, 2, "（1）推进数字化转型", "tui-jin-shu-zi-hua-zhuan-xing", 11),
        (4, 2, "（2）培育新兴产业", "pei-yu-xin-xing-chan-ye", 17),
        (3, 1, "2.优化营商环境", "you-hua-ying-shang-huan-jing", 21),
    ]


def test_the_outline_nests_each_lead_under_the_subheading_above_it(report: Report) -> None:
    section = page(report, "2030/part-1/section-1.html")
    assert flat(section.outline) == [
        (1, "·", "一季度开局良好"),
        (1, "h", "1.加快产业升级"),
        (2, "·", "传统产业焕发新机"),
        (2, "h", "（1）推进数字化转型"),
        (3, "·", "智能工厂建成投产"),
        (2, "h", "（2）培育新兴产业"),
        (3, "·", "新材料项目落地"),
        (1, "h", "2.优化营商环境"),
        (2, "·", "审批时限再压缩"),
    ]
    assert [lead.text for lead in section.leads] == [text for _, kind, text in flat(section.outline) if kind == "·"]
    assert flat(section.contents) == [
        (1, "h", "1.加快产业升级"),
        (2, "h", "（1）推进数字化转型"),
        (2, "h", "（2）培育新兴产业"),
        (1, "h", "2.优化营商环境"),
    ]


def test_a_skipped_level_is_one_depth_down_and_anchors_stay_unique(report: Report) -> None:
    """`####` straight under `##`: the reader sees the next level, whatever the Markdown skipped."""
    section = page(report, "2030/part-1/section-2.html")
    assert [(h.level, h.depth, h.anchor) for h in section.subheadings] == [
        (4, 1, "yang-lao-fu-wu-kuo-mian"),
        (4, 1, "jiao-yu-yi-liao-ti-sheng"),
    ]
    assert flat(section.outline) == [
        (1, "·", "民生投入继续加大"),
        (1, "h", "（1）养老服务扩面"),
        (2, "·", "养老服务扩面"),
        (1, "h", "（2）教育医疗提升"),
    ]
    # The lead phrase says what its heading says: its anchor is the next free one.
    assert [lead.anchor for lead in section.leads] == ["min-sheng-tou-ru-ji-xu-jia-da", "yang-lao-fu-wu-kuo-mian-2"]
    ids = [str(t.attrGet("id")) for p in report.pages for t in p.tokens if t.attrGet("id")]
    assert len(ids) == len(set(ids))


def test_a_part_without_sections_has_an_outline_and_a_section_without_subheadings_is_as_before(report: Report) -> None:
    part = page(report, "2030/part-2/index.html")
    assert flat(part.outline) == [
        (1, "h", "1.稳住经济基本盘"),
        (2, "·", "抓好重大项目"),
        (1, "h", "2.扩大长者食堂覆盖"),
        (2, "·", "补齐服务短板"),
    ]
    plain = page(report, "2030/part-1/section-3.html")
    assert (plain.subheadings, plain.contents) == ((), ())
    assert flat(plain.outline) == [(1, "·", "河湖水质稳定向好")]


def test_a_term_in_a_subheading_is_listed_but_not_linked() -> None:
    """A subheading keeps its plain text, as a page's own heading does: it also names a place in the contents."""
    site, _ = load_site(CONTENT)
    [term] = site.glossary.terms
    assert [(o.page.path, o.kind, o.anchor) for o in term.occurrences] == [
        ("2030/part-1/section-2.html", "text", "yang-lao-fu-wu-kuo-mian-2"),
        ("2030/part-2/index.html", "heading", "kuo-da-zhang-zhe-shi-tang-fu-gai"),
        ("2030/part-2/index.html", "text", "bu-qi-fu-wu-duan-ban"),
    ]
    part = page(site.reports[0], "2030/part-2/index.html")
    headings = [part.tokens[i + 1] for i, t in enumerate(part.tokens) if t.type == "heading_open"]
    assert all(c.type == "text" for h in headings for c in h.children or [])


# ---------------------------------------------------------------- rendered


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("deeper") / "site"
    build_site(BuildOptions(content=CONTENT, out=out, pdf=False, search=False))
    return out


def html(built: Path, rel: str) -> HtmlPage:
    return HtmlPage(built / rel)


def test_on_a_section_page_subheadings_are_h2_and_h3_below_its_h1(built: Path) -> None:
    assert headings(html(built, "2030/part-1/section-1.html"), "main") == [
        ("h1", "（一）产业发展提质增效"),
        ("h2", "本页要点"),
        ("h2", "1.加快产业升级"),
        ("h3", "（1）推进数字化转型"),
        ("h3", "（2）培育新兴产业"),
        ("h2", "2.优化营商环境"),
        ("h2", "注释"),
    ]
    # A #### straight under the section's ## is the level below the page's title: no level is skipped.
    assert headings(html(built, "2030/part-1/section-2.html"), "prose") == [
        ("h2", "（1）养老服务扩面"),
        ("h2", "（2）教育医疗提升"),
    ]
    assert headings(html(built, "2030/part-2/index.html"), "prose") == [
        ("h2", "1.稳住经济基本盘"),
        ("h2", "2.扩大长者食堂覆盖"),
    ]


def test_in_the_full_text_subheadings_are_h4_and_h5_below_sections_h3(built: Path) -> None:
    found = headings(html(built, "2030/full.html"), "article")
    assert found[found.index(("h2", "一、2029年工作回顾")) :] == [
        ("h2", "一、2029年工作回顾"),
        ("h3", "（一）产业发展提质增效"),
        ("h4", "1.加快产业升级"),
        ("h5", "（1）推进数字化转型"),
        ("h5", "（2）培育新兴产业"),
        ("h4", "2.优化营商环境"),
        ("h3", "（二）民生保障持续加强"),
        ("h4", "（1）养老服务扩面"),
        ("h4", "（2）教育医疗提升"),
        ("h3", "（三）生态环境明显改善"),
        ("h3", "小结"),
        ("h2", "二、2030年工作安排"),
        ("h3", "1.稳住经济基本盘"),
        ("h3", "2.扩大长者食堂覆盖"),
        ("h2", "结束语"),
        ("h2", "注释"),
    ]


def test_ids_on_every_page_are_unique_and_each_subheading_keeps_its_anchor(built: Path) -> None:
    for rel in ("2030/part-1/section-1.html", "2030/full.html"):
        page = html(built, rel)
        ids = [e.attrs["id"] for e in page.root.walk() if "id" in e.attrs]
        assert len(ids) == len(set(ids)), rel
        assert page.ids()["tui-jin-shu-zi-hua-zhuan-xing"].attrs["class"] == "subhead-2", rel


def test_the_page_lists_its_outline_with_each_lead_under_its_subheading(built: Path) -> None:
    on_page = toc(nav(html(built, "2030/part-1/section-1.html"), "on-page"))
    assert on_page == [
        (1, "一季度开局良好", "#yi-ji-du-kai-ju-liang-hao"),
        (1, "1.加快产业升级", "#jia-kuai-chan-ye-sheng-ji"),
        (2, "传统产业焕发新机", "#chuan-tong-chan-ye-huan-fa-xin-ji"),
        (2, "（1）推进数字化转型", "#tui-jin-shu-zi-hua-zhuan-xing"),
        (3, "智能工厂建成投产", "#zhi-neng-gong-chang-jian-cheng-tou-chan"),
        (2, "（2）培育新兴产业", "#pei-yu-xin-xing-chan-ye"),
        (3, "新材料项目落地", "#xin-cai-liao-xiang-mu-luo-di"),
        (1, "2.优化营商环境", "#you-hua-ying-shang-huan-jing"),
        (2, "审批时限再压缩", "#shen-pi-shi-xian-zai-ya-suo"),
    ]


def test_the_sidebar_nests_subheadings_under_their_section_and_leads_only_for_the_page_shown(built: Path) -> None:
    sidebar = toc(nav(html(built, "2030/part-1/section-2.html"), "toc-nav"))
    start = sidebar.index((2, "（一）产业发展提质增效", "section-1.html"))
    assert sidebar[start : start + 9] == [
        (2, "（一）产业发展提质增效", "section-1.html"),
        (3, "1.加快产业升级", "section-1.html#jia-kuai-chan-ye-sheng-ji"),
        (4, "（1）推进数字化转型", "section-1.html#tui-jin-shu-zi-hua-zhuan-xing"),
        (4, "（2）培育新兴产业", "section-1.html#pei-yu-xin-xing-chan-ye"),
        (3, "2.优化营商环境", "section-1.html#you-hua-ying-shang-huan-jing"),
        # the page shown: its lead phrases too, each under its subheading
        (2, "（二）民生保障持续加强", "section-2.html"),
        (3, "民生投入继续加大", "section-2.html#min-sheng-tou-ru-ji-xu-jia-da"),
        (3, "（1）养老服务扩面", "section-2.html#yang-lao-fu-wu-kuo-mian"),
        (4, "养老服务扩面", "section-2.html#yang-lao-fu-wu-kuo-mian-2"),
    ]
    assert (2, "（三）生态环境明显改善", "section-3.html") in sidebar
    assert not [link for link in sidebar if link[2].startswith("section-3.html#")]  # a plain section, as before
    part = sidebar.index((1, "二、2030 年工作安排", "../part-2/index.html"))
    assert sidebar[part + 1 : part + 3] == [
        (2, "1.稳住经济基本盘", "../part-2/index.html#wen-zhu-jing-ji-ji-ben-pan"),
        (2, "2.扩大长者食堂覆盖", "../part-2/index.html#kuo-da-zhang-zhe-shi-tang-fu-gai"),
    ]


def test_the_full_text_contents_list_every_level_and_link_within_the_page(built: Path) -> None:
    contents = toc(nav(html(built, "2030/full.html"), "toc-full"))
    start = contents.index((2, "（一）产业发展提质增效", "#part-1-section-1"))
    assert contents[start : start + 4] == [
        (2, "（一）产业发展提质增效", "#part-1-section-1"),
        (3, "一季度开局良好", "#yi-ji-du-kai-ju-liang-hao"),
        (3, "1.加快产业升级", "#jia-kuai-chan-ye-sheng-ji"),
        (4, "传统产业焕发新机", "#chuan-tong-chan-ye-huan-fa-xin-ji"),
    ]
    assert (5, "智能工厂建成投产", "#zhi-neng-gong-chang-jian-cheng-tou-chan") in contents
    assert (3, "补齐服务短板", "#bu-qi-fu-wu-duan-ban") in contents


def test_the_print_html_sets_subheadings_below_sections_and_marks_the_leads_under_them(tmp_path: Path) -> None:
    site, _ = load_site(CONTENT)
    options = BuildOptions(content=CONTENT, out=tmp_path / "out")
    (tmp_path / "print.html").write_text(print_html(make_renderer(site, options, True), site.reports[0]), "utf-8")
    printed = HtmlPage(tmp_path / "print.html")
    found = headings(printed, "main")
    assert found[1:6] == [
        ("h3", "（一）产业发展提质增效"),
        ("h4", "1.加快产业升级"),
        ("h5", "（1）推进数字化转型"),
        ("h5", "（2）培育新兴产业"),
        ("h4", "2.优化营商环境"),
    ]
    leads = {e.attrs["id"]: e.attrs["class"] for e in printed.root.walk() if "lead" in e.attrs.get("class", "")}
    assert leads["yi-ji-du-kai-ju-liang-hao"] == "lead"
    assert leads["chuan-tong-chan-ye-huan-fa-xin-ji"] == "lead under-h4"
    assert leads["zhi-neng-gong-chang-jian-cheng-tou-chan"] == "lead under-h5"
    assert leads["zhua-hao-zhong-da-xiang-mu"] == "lead under-h3"  # in a part: its 1.… is an h3
    # The printed contents: parts and sections, and a part's 1.… where it has no sections.
    assert [(d, t) for d, t, _ in toc(nav(printed, "toc"))] == [
        (1, "一、2029 年工作回顾"),
        (2, "（一）产业发展提质增效"),
        (2, "（二）民生保障持续加强"),
        (2, "（三）生态环境明显改善"),
        (1, "二、2030 年工作安排"),
        (2, "1.稳住经济基本盘"),
        (2, "2.扩大长者食堂覆盖"),
    ]


@pytest.mark.skipif(why_no_pdf() is not None, reason=str(why_no_pdf()))
def test_pdf_bookmarks_nest_subheadings_and_their_lead_phrases(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build_site(BuildOptions(content=CONTENT, out=out, strict=True, search=False)).warnings == []
    marks = [(level, title) for level, title, _ in outline(out / "2030/report.pdf")]
    start = marks.index((2, "（一）产业发展提质增效"))
    assert marks[start : start + 10] == [
        (2, "（一）产业发展提质增效"),
        (3, "一季度开局良好"),
        (3, "1.加快产业升级"),
        (4, "传统产业焕发新机"),
        (4, "（1）推进数字化转型"),
        (5, "智能工厂建成投产"),
        (4, "（2）培育新兴产业"),
        (5, "新材料项目落地"),
        (3, "2.优化营商环境"),
        (4, "审批时限再压缩"),
    ]
    assert marks[marks.index((2, "（二）民生保障持续加强")) + 1 : marks.index((2, "（三）生态环境明显改善"))] == [
        (3, "民生投入继续加大"),
        (3, "（1）养老服务扩面"),
        (4, "养老服务扩面"),
        (3, "（2）教育医疗提升"),
    ]
    assert marks[marks.index((1, "二、2030 年工作安排")) + 1 :] == [
        (2, "1.稳住经济基本盘"),
        (3, "抓好重大项目"),
        (2, "2.扩大长者食堂覆盖"),
        (3, "补齐服务短板"),
        (1, "词语解释"),  # the PDF's glossary of the terms the report uses, after its text
    ]


# ---------------------------------------------------------------- headings out of place


def replace(rel: str, old: str, new: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


def append(rel: str, text: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        with open(root / rel, "a", encoding="utf-8") as f:
            f.write(text)

    return change


OUTSIDE = "a heading here would break the report's outline: only a part or section file starts with one heading"
INSIDE = (
    "heading here would break the report's outline: a part or section has one, on its first line;"
    " the headings inside it are `###` (1.…) and `####` (（1）…)"
)
ERRORS: dict[str, tuple[Callable[[Path], None], str]] = {
    "## inside a section": (
        replace(SECTION, "### 2.优化营商环境", "## 2.优化营商环境"),
        f"{SECTION}:21: a `##` {INSIDE}",
    ),
    "# inside a section": (
        replace(SECTION, "### 1.加快产业升级", "# 1.加快产业升级"),
        f"{SECTION}:7: a `#` {INSIDE}",
    ),
    "## inside a part": (
        append("content/2030/part-2/index.md", "\n## （一）多出的一节\n"),
        f"content/2030/part-2/index.md:13: a `##` {INSIDE}",
    ),
    "#####": (
        replace(SECTION, "#### （2）培育新兴产业", "##### （2）培育新兴产业"),
        f"{SECTION}:17: a `#####` heading is deeper than the report's outline goes: use `###` for 1.… and `####` for （1）…",
    ),
    "### in a list": (
        append(SECTION, "\n- ### 列表里的标题\n"),
        f"{SECTION}:29: a `###` heading inside a list or quotation would break the report's outline: start a line with it",
    ),
    "### in the preamble": (
        append("content/2030/index.md", "\n### 1.开场白\n"),
        f"content/2030/index.md:13: {OUTSIDE}",
    ),
    "#### in a closing": (
        append("content/2030/part-1/closing.md", "\n#### （1）小结\n"),
        f"content/2030/part-1/closing.md:3: {OUTSIDE}",
    ),
    "### in the conclusion": (
        append("content/2030/conclusion.md", "\n### 1.结束\n"),
        f"content/2030/conclusion.md:3: {OUTSIDE}",
    ),
    "### in the opening of a part with sections": (
        append("content/2030/part-1/index.md", "\n### 1.总体情况\n"),
        "content/2030/part-1/index.md:5: a `###` heading in a part's opening would break the report's outline:"
        " this part has sections, so its 1.… and （1）… headings go in them (part-1/section-N.md)",
    ),
}


@pytest.mark.parametrize("name", ERRORS)
def test_a_heading_out_of_place_is_an_error_on_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    change, expected = ERRORS[name]
    shutil.copytree(CONTENT, tmp_path / "content")
    change(tmp_path)
    monkeypatch.chdir(tmp_path)
    _, problems = load_site(Path("content"))
    assert [str(p) for p in problems if p.severity == "error"] == [expected]
