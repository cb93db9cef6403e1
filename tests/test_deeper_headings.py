"""Headings inside a section (`### 1.…`, `#### （1）…`; tests/fixtures/deeper): their anchors, the page's outline
(subheadings with the lead phrases under them), the errors for a heading out of place, and how they render."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from govreport.model.outline import Entry
from govreport.model.workreport import Page, Report
from govreport.site import load_site

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
