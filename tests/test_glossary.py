"""Glossary pages: the 2023 report's terms, their links back to every occurrence, and bad term files reported with path:line."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from govreport.errors import ContentError
from govreport.site import BuildOptions, render_files
from tests.cli import IDENTIFIERS, build_py, is_placeholder_setting

REPO = Path(__file__).resolve().parents[1]
TERM_LINK_RE = re.compile(r'<a class="term-link" href="([^"]+)" data-term="([^"]+)">([^<]+)</a>')
OCCURRENCE_RE = re.compile(r'<p class="occurrence-where"><a href="([^"]+)">.*?<mark>([^<]+)</mark>', re.S)
READING_PAGE_RE = re.compile(r"^\d{4}/(index|conclusion|part-\d+/(index|section-\d+|closing))\.html$")
VOID = {"br", "hr", "img", "input", "link", "meta", "source", "wbr"}


class IdText(HTMLParser):
    """The text inside every element that has an id."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, str | None]] = []
        self.text: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        element_id = dict(attrs).get("id")
        self.open.append((tag, element_id))
        if element_id:
            self.text[element_id] = ""

    def handle_endtag(self, tag: str) -> None:
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        for _, element_id in self.open:
            if element_id:
                self.text[element_id] += data


def id_text(html: str) -> dict[str, str]:
    parser = IdText()
    parser.feed(html)
    return parser.text


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The repository's content/ rendered in this process; without the PDF, which no test here reads (tests/test_pdf.py does)."""
    files, warnings = render_files(
        BuildOptions(
            content=REPO / "content",
            out=tmp_path_factory.mktemp("out"),
            templates=REPO / "templates",
            assets=REPO / "assets",
            pdf=False,
        )
    )
    assert [w for w in warnings if not is_placeholder_setting(str(w))] == []
    return {path: text for path, text in files.items() if isinstance(text, str)}


def resolve(from_path: str, href: str) -> tuple[str, str]:
    target, _, fragment = href.partition("#")
    return posixpath.normpath(posixpath.join(posixpath.dirname(from_path), target)), fragment


def term_links(site: dict[str, str]) -> list[tuple[str, str, str]]:
    """(reading page, term page, spelling) for every term link on the reading pages (not the full text)."""
    return [
        (path, resolve(path, href)[0], text)
        for path, html in sorted(site.items())
        if READING_PAGE_RE.match(path)
        for href, _, text in TERM_LINK_RE.findall(html)
    ]


def test_required_terms_have_pages(site: dict[str, str]) -> None:
    for slug, term in [
        ("san-zhan-yi-chang", "三站一场"),
        ("zhu-zhen-di-zhu-cheng-qu-yang-ban-qu", "主阵地、主城区、样板区"),
        ("yun-shu-wang-duan", "云数网端"),
        ("qing-ji-cun-da-sao-chu", "清积存、大扫除"),
    ]:
        assert f'<span class="term-headword">{term}</span>' in site[f"glossary/{slug}.html"]


def test_every_spelling_in_the_report_is_linked(site: dict[str, str]) -> None:
    assert [(page, spelling) for page, _, spelling in term_links(site)] == [
        ("2023/part-1/section-2.html", "三站一场"),
        ("2023/part-1/section-4.html", "一网通办"),  # the site's own explanations (source: editor) are linked too
        ("2023/part-1/section-4.html", "一网统管"),
        ("2023/part-1/section-4.html", "清积存，大扫除"),
        ("2023/part-1/section-5.html", "急难愁盼"),
        ("2023/part-2/index.html", "十四五"),
        ("2023/part-2/index.html", "主阵地、主城区、样板区"),
        ("2023/part-2/section-2.html", "三站一场"),
        ("2023/part-2/section-3.html", "救急难"),
        ("2023/part-2/section-4.html", "云、数、网、端"),
        ("2023/part-2/section-5.html", "四风"),
    ]
    assert all(target in site for _, target, _ in term_links(site))


def test_full_text_links_the_same_terms(site: dict[str, str]) -> None:
    in_full = [text for _, _, text in TERM_LINK_RE.findall(site["2023/full.html"])]
    assert in_full == [spelling for _, _, spelling in term_links(site)]


def test_term_pages_link_back_to_every_occurrence(site: dict[str, str]) -> None:
    links = term_links(site)
    for term_page in sorted({target for _, target, _ in links}):
        occurrences = OCCURRENCE_RE.findall(site[term_page])
        expected = sorted((page, spelling) for page, target, spelling in links if target == term_page)
        assert sorted((resolve(term_page, href)[0], spelling) for href, spelling in occurrences) == expected, term_page
        for href, spelling in occurrences:
            page, anchor = resolve(term_page, href)
            assert spelling in id_text(site[page])[anchor], f"{term_page}: {href} does not hold {spelling}"


def test_term_page_shows_the_sentence_and_section(site: dict[str, str]) -> None:
    page = site["glossary/san-zhan-yi-chang.html"]
    assert "sān zhàn yī chǎng" in page
    assert "一、2022 年工作回顾 › （二）区域发展面貌日新月异，描绘城市品质“新画卷” › 区域发展协同推进" in page
    assert (
        "<p>全面完成“<mark>三站一场</mark>”、胡庄桥、出入场线共 6 个地块约 300 亩土地、11 万平方米建筑的动迁腾地工作，大康路、呼兰路、爱辉路站点均已实现开工。</p>"
        in page
    )
    assert '出处：<a href="../2023/part-1/section-2.html#fn-1">2023 年政府工作报告，脚注 1</a>' in page


def test_definition_is_the_footnote_word_for_word(site: dict[str, str]) -> None:
    assert (
        '<blockquote class="term-definition">\n<p>即电子政务云、城运主体数据库、电子政务外网、政务微信等移动端应用。</p>'
        in site["glossary/yun-shu-wang-duan.html"]
    )
    assert "也写作：“云、数、网、端”" in site["glossary/yun-shu-wang-duan.html"]


def test_index_is_sorted_by_pinyin(site: dict[str, str]) -> None:
    terms = re.findall(r'<dt><a href="[^"]+">([^<]+)</a>', site["glossary/index.html"])
    assert terms == [
        "急难愁盼",
        "救急难",
        "清积存、大扫除",
        "三站一场",
        "十四五",
        "四风",
        "一网通办",
        "一网统管",
        "云数网端",
        "主阵地、主城区、样板区",
    ]


def test_every_page_links_to_the_glossary(site: dict[str, str]) -> None:
    pages = [path for path in site if path.endswith(".html")]
    for path in pages:
        href = posixpath.relpath("glossary/index.html", posixpath.dirname(path) or ".")
        assert f'<nav class="site-nav" aria-label="网站导航">\n  <ul>\n    <li><a href="{href}"' in site[path], path
    assert '<a class="button" href="glossary/index.html">词语解释</a>' in site["index.html"]


def test_previews_are_inert_templates_for_the_terms_on_the_page(site: dict[str, str]) -> None:
    assert re.findall(r'<template id="term-preview-([^"]+)">', site["2023/part-1/section-2.html"]) == [
        "san-zhan-yi-chang"
    ]
    assert len(re.findall(r"<template ", site["2023/full.html"])) == 10  # each term the report uses, once
    assert "<template" not in site["2023/part-1/section-1.html"]


# ------------------------------------------------------------------ bad term files

REPORT = {
    "index.md": "---\nsite_name: 测试\n" + IDENTIFIERS + "---\n",
    "2023/index.md": "---\ntitle: 政府工作报告\ndate: 2023-01-05\n---\n\n各位代表：\n",
    "2023/part-1/index.md": "# 一、回顾\n\n全面完成“三站一场”[^1]，推进“云、数、网、端”。\n\n[^1]: 大康路站、呼兰路站、爱辉路站，场北车辆段。\n",
}
GOOD = (
    "---\nterm: 三站一场\nsource:\n  report: 2023\n  footnote: 1\n---\n\n大康路站、呼兰路站、爱辉路站，场北车辆段。\n"
)


def render_small(
    tmp_path: Path, glossary: dict[str, str], strict: bool = False, report: dict[str, str] | None = None
) -> tuple[dict[str, str | bytes], list[str]]:
    """Render a one-part report (REPORT, with `report`'s files instead) and these term files: the pages and the warnings, or raise ContentError."""
    for rel, text in {
        **REPORT,
        **(report or {}),
        **{f"glossary/{name}": text for name, text in glossary.items()},
    }.items():
        (tmp_path / "content" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "content" / rel).write_text(text, encoding="utf-8")
    options = BuildOptions(
        content=tmp_path / "content",
        out=tmp_path / "out",
        templates=REPO / "templates",
        assets=REPO / "assets",
        strict=strict,
        pdf=False,
    )
    files, warnings = render_files(options)
    return files, [str(p) for p in warnings]


def build(tmp_path: Path, glossary: dict[str, str], strict: bool = False) -> list[str]:
    return render_small(tmp_path, glossary, strict)[1]


def problems(tmp_path: Path, glossary: dict[str, str], strict: bool = False) -> list[str]:
    with pytest.raises(ContentError) as caught:
        build(tmp_path, glossary, strict)
    return [str(p) for p in caught.value.problems]


def test_a_good_term_file_builds(tmp_path: Path) -> None:
    assert build(tmp_path, {"a.md": GOOD}) == []


def test_term_file_without_definition(tmp_path: Path) -> None:
    empty = GOOD.split("\n\n")[0] + "\n"
    assert problems(tmp_path, {"a.md": empty}) == [
        f"{tmp_path}/content/glossary/a.md:7: “三站一场” has no definition: below the front matter, quote the report's own explanation",
    ]


def test_two_files_claim_the_same_spelling(tmp_path: Path) -> None:
    other = "---\nterm: 云数网端\nvariants:\n  - 三站一场\nsource:\n  report: 2023\n  footnote: 1\n---\n\n大康路站。\n"
    assert problems(tmp_path, {"a.md": GOOD, "b.md": other}) == [
        f"{tmp_path}/content/glossary/b.md:4: “三站一场” is already claimed by {tmp_path}/content/glossary/a.md:2: a term or spelling belongs to one file only",
    ]


def test_two_files_claim_the_same_term(tmp_path: Path) -> None:
    assert problems(tmp_path, {"a.md": GOOD, "b.md": GOOD}) == [
        f"{tmp_path}/content/glossary/b.md:2: “三站一场” is already claimed by {tmp_path}/content/glossary/a.md:2: a term or spelling belongs to one file only",
    ]


def test_term_used_nowhere_is_a_warning_and_an_error_when_strict(tmp_path: Path) -> None:
    unused = GOOD.replace("term: 三站一场", "term: 两站一场")
    message = f"{tmp_path}/content/glossary/a.md:2: “两站一场” appears nowhere in the report: check the spelling, add the report's spelling under `variants:`, or delete the file"
    assert build(tmp_path, {"a.md": unused}) == [message.replace(": “", ": warning: “", 1)]
    assert problems(tmp_path, {"a.md": unused}, strict=True) == [message]


def test_a_paraphrased_definition_is_an_error(tmp_path: Path) -> None:
    paraphrase = GOOD.replace("大康路站、呼兰路站、爱辉路站，场北车辆段。", "三个车站和一个车辆段。")
    assert problems(tmp_path, {"a.md": paraphrase}) == [
        f"{tmp_path}/content/glossary/a.md:8: the definition is not quoted from footnote [^1] of report 2023: copy the report's words exactly (do not paraphrase), or correct `source:`",
    ]


def test_a_source_that_does_not_exist(tmp_path: Path) -> None:
    assert problems(
        tmp_path,
        {
            "a.md": GOOD.replace("footnote: 1", "footnote: 9"),
            "b.md": GOOD.replace("三站一场\n", "云、数、网、端\n", 1).replace("2023", "2024"),
        },
    ) == [
        f"{tmp_path}/content/glossary/a.md:3: source: report 2023 has no footnote [^9]",
        f"{tmp_path}/content/glossary/b.md:3: source: there is no report '2024' (reports: 2023)",
    ]


def test_front_matter_needs_term_and_source(tmp_path: Path) -> None:
    assert problems(
        tmp_path,
        {
            "a.md": "---\nsource:\n  report: 2023\n---\n\n大康路站。\n",
            "b.md": "---\nterm: 三站一场\n---\n\n大康路站。\n",
        },
    ) == [
        f"{tmp_path}/content/glossary/a.md:1: front matter needs `term:`, the word as the report writes it",
        f"{tmp_path}/content/glossary/b.md:1: front matter needs `source:` with `report:` (e.g. 2023) and, for a footnote, `footnote:` (its number);"
        " or `source: editor` for an explanation written by the site's editors",
    ]


def test_a_definition_quoted_from_the_text(tmp_path: Path) -> None:
    from_text = "---\nterm: 云数网端\nvariants: [云、数、网、端]\nsource:\n  report: 2023\n---\n\n全面完成“三站一场”\n"
    files, warnings = render_small(tmp_path, {"a.md": from_text})
    assert warnings == []
    assert '出处：<a href="../2023/part-1/index.html#part-1-p1">2023 年政府工作报告</a>' in str(
        files["glossary/yun-shu-wang-duan.html"]
    )


def test_the_command_line_prints_path_and_line_without_traceback(tmp_path: Path) -> None:
    empty = GOOD.split("\n\n")[0] + "\n"
    for rel, text in {**REPORT, "glossary/a.md": empty}.items():
        (tmp_path / "content" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "content" / rel).write_text(text, encoding="utf-8")
    result = build_py(REPO, "build", "--no-pdf", "--content", str(tmp_path / "content"), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert (
        result.stderr.strip()
        == f"{tmp_path}/content/glossary/a.md:7: “三站一场” has no definition: below the front matter, quote the report's own explanation"
    )
    assert not (tmp_path / "out").exists()


def test_occurrences_in_headings_and_footnotes_link_to_their_anchors(tmp_path: Path) -> None:
    report = {
        "2023/part-1/index.md": "# 一、“三站一场”回顾\n\n全面完成三站一场[^1]。\n\n[^1]: 即三站一场：大康路站、呼兰路站、爱辉路站，场北车辆段。\n",
    }
    files, _ = render_small(tmp_path, {"a.md": GOOD}, report=report)
    site = {path: str(text) for path, text in files.items()}
    hrefs = [href for href, _ in OCCURRENCE_RE.findall(site["glossary/san-zhan-yi-chang.html"])]
    assert hrefs == [
        "../2023/part-1/index.html#part-1",
        "../2023/part-1/index.html#part-1-p1",
        "../2023/part-1/index.html#fn-1",
    ]
    ids = id_text(site["2023/part-1/index.html"])
    assert all("三站一场" in ids[href.partition("#")[2]] for href in hrefs)
    assert '<h1 id="part-1">一、“三站一场”回顾</h1>' in site["2023/part-1/index.html"], "a heading keeps its plain text"
    assert (
        "（标题）" in site["glossary/san-zhan-yi-chang.html"] and "› 脚注 1" in site["glossary/san-zhan-yi-chang.html"]
    )
