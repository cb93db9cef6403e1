"""The typeset PDF (govreport/pdf.py): every sentence of the report, footnotes at the foot of the page that
cites them, contents with page numbers, bookmarks, running header, fonts embedded, tagged; and builds that
cannot make it (no WeasyPrint, no CJK font) or are told not to."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest

from govreport import pdf as pdf_stage
from govreport.errors import ContentError
from govreport.model.workreport import Note
from govreport.parse import make_markdown
from govreport.pdf.typesetting import StrayNote, break_css, stray_notes, typeset
from govreport.render.html import install_renderers
from govreport.site import BuildOptions, render_files
from tests.cli import BuiltSite, build_py, is_placeholder_setting, other_warnings
from tests.pdfcheck import (
    MM,
    REPO_ROOT,
    body_text,
    document_language,
    fonts,
    missing_in_order,
    outline,
    page_count,
    page_texts,
    pdf_info,
    read_source,
    run,
    squash,
)

CONTENT = REPO_ROOT / "content"
PDF = "2023/report.pdf"
HEADER_MM = 28  # templates/pdf/report.css: the text starts 30 mm down; the running header sits above
TITLE = "2023 年政府工作报告（庙行镇人民政府）"
AUTHOR = "庙行镇人民政府"
PART_HEADING_RE = re.compile(r"^[一二三四五六七八九十]+、")
SECTION_HEADING_RE = re.compile(r"^（[一二三四五六七八九十]+）")


def build(out: Path, *options: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return build_py(REPO_ROOT, "build", "--out", str(out), *options, env=env)


@pytest.fixture(scope="module")
def pdf(built_site_with_pdf: BuiltSite) -> Path:
    """The site built so that any warning from WeasyPrint fails the build (tests/conftest.py: once a session)."""
    result = built_site_with_pdf.result
    assert result.returncode == 0, f"build failed:\n{result.stderr}"
    assert other_warnings(result.stderr) == "", f"the build warned:\n{result.stderr}"
    return built_site_with_pdf.root / PDF


@pytest.fixture(scope="module")
def pages(pdf: Path) -> list[str]:
    return page_texts(pdf, top_mm=HEADER_MM)


def source_headings() -> list[str]:
    return [u for u in read_source().units if PART_HEADING_RE.match(u) or SECTION_HEADING_RE.match(u)]


def test_every_sentence_of_the_report_is_in_the_pdf_in_order(pages: list[str]) -> None:
    source = read_source()
    assert len(source.units) > 200, "the source reader found too few sentences"
    missing = missing_in_order(source.units, body_text(pages, source.notes))
    assert not missing, f"{len(missing)} of {len(source.units)} sentences missing or out of order, first: {missing[:3]}"


def test_each_footnote_is_at_the_foot_of_the_page_that_cites_it(pdf: Path, pages: list[str]) -> None:
    notes = read_source().notes
    assert len(notes) == 5
    report_pages = pages[: glossary_start(pdf) - 1]  # the glossary at the end quotes the footnotes it explains
    for label, text in notes.items():
        holding = [number for number, page in enumerate(report_pages, 1) if text in page]
        assert len(holding) == 1, f"footnote {label} is on pages {holding}"
        number = holding[0]
        page = pages[number - 1]
        assert page.count(f"[{label}]") == 2, f"page {number} should hold footnote {label}'s call and its text"
        tail = page[page.index(f"[{label}]{text}") :]
        for other, other_text in notes.items():
            tail = tail.replace(f"[{other}]{other_text}", "")
        assert tail == f"第{number}页", f"footnote {label} is not at the foot of page {number}: {tail[:40]}"


def test_contents_give_the_page_each_heading_is_on(pdf: Path) -> None:
    toc = run("pdftotext", "-layout", "-f", "2", "-l", "2", "-enc", "UTF-8", str(pdf), "-")
    listed = {squash(m[1]): int(m[2]) for m in re.finditer(r"^\s*(\S.*?)\s*\.{3,}\s*(\d+)\s*$", toc, re.M)}
    headings = source_headings()
    assert list(listed) == headings
    bookmarked = {squash(title): page for _, title, page in outline(pdf)}
    assert listed == {h: bookmarked[h] for h in headings}


def test_bookmarks_follow_the_headings_and_lead_phrases(pdf: Path) -> None:
    items = outline(pdf)
    assert items[:2] == [(1, "政府工作报告", 1), (1, "目录", 2)]
    assert [squash(t) for level, t, _ in items if level < 3][2:] == source_headings() + [GLOSSARY_TITLE]
    assert [level for level, t, _ in items if PART_HEADING_RE.match(t)] == [1, 1]
    assert {level for level, t, _ in items if SECTION_HEADING_RE.match(t)} == {2}
    assert "经济指标稳步回升" in [t for level, t, _ in items if level == 3]


GLOSSARY_TITLE = "词语解释"  # the PDF's last section: the glossary's entries for the terms the report uses


def glossary_start(pdf: Path) -> int:
    return next(page for _, title, page in outline(pdf) if squash(title) == GLOSSARY_TITLE)


def test_running_header_names_the_part_and_pages_are_numbered(pdf: Path, pages: list[str]) -> None:
    crop = ["-y", "0", "-H", str(round(HEADER_MM * MM)), "-W", str(round(210 * MM))]
    headers = [
        squash(h) for h in run("pdftotext", "-r", "72", "-x", "0", *crop, "-enc", "UTF-8", str(pdf), "-").split("\f")
    ]
    part_pages = {squash(t): page for level, t, page in outline(pdf) if PART_HEADING_RE.match(t)}
    (first, start_1), (second, start_2) = part_pages.items()
    start_3 = glossary_start(pdf)
    for number in range(1, len(pages) + 1):
        expected = first if start_1 < number < start_2 else second if start_2 < number < start_3 else GLOSSARY_TITLE
        # A section's running header starts on its second page; before the first part there is none.
        expected = "" if number <= start_1 or number in (start_2, start_3) else expected
        assert headers[number - 1] == expected, f"page {number}'s running header"
        assert pages[number - 1].endswith(f"第{number}页") == (number > 1), f"page {number}'s number"


def test_fonts_are_the_embedded_cjk_ones(pdf: Path) -> None:
    found = fonts(pdf)
    assert found, "no fonts listed"
    assert all(font["emb"] == "yes" and font["uni"] == "yes" for font in found), found
    assert all("CJK-SC" in font["name"] for font in found), f"a font is not Noto CJK SC: {found}"


def test_pdf_is_tagged_a4_and_describes_itself(pdf: Path) -> None:
    info = pdf_info(pdf)
    assert info["Tagged"] == "yes"
    assert info["Page size"].startswith("595.276 x 841.89 pts (A4)")
    assert (info["Title"], info["Author"]) == (TITLE, AUTHOR)
    assert document_language(pdf) == "zh-CN"
    assert 'pdfuaid:part="1"' in run("pdfinfo", "-meta", str(pdf))
    structure = run("pdfinfo", "-struct", str(pdf))
    assert re.search(r"^\s+H1\b", structure, re.M) and re.search(r"^\s+H3\b", structure, re.M)


def test_page_count_is_sensible(pdf: Path) -> None:
    characters = len("".join(read_source().units))
    pages = page_count(pdf)
    # 15 pt type on A4 sets about 600 characters a page; allow half to double that, plus cover and contents.
    assert characters / 1200 + 2 <= pages <= characters / 300 + 2, f"{pages} pages for {characters} characters"


def test_pdf_is_linked_from_the_homes_and_the_full_text(pdf: Path) -> None:
    site = pdf.parents[1]
    for page, href in (("index.html", PDF), ("2023/index.html", "report.pdf"), ("2023/full.html", "report.pdf")):
        assert f'href="{href}"' in (site / page).read_text(encoding="utf-8"), page


def test_same_input_gives_the_same_bytes() -> None:
    html = '<html lang="zh-CN"><head><title>标题</title></head><body><p id="a">各位代表：<span id="fnref-1"></span><span class="n" id="fn-1">注</span></p></body></html>'
    css = ".n { float: footnote; }"
    first, stray = typeset(html, css)
    assert stray == []
    assert typeset(html, css)[0] == first


def test_a_note_set_after_its_page_is_found_with_the_paragraph_to_move() -> None:
    page = lambda **anchors: SimpleNamespace(anchors={k.replace("_", "-"): (0, y, 0, y) for k, y in anchors.items()})  # noqa: E731
    document = SimpleNamespace(pages=[page(p1=100, fnref_1=300, p2=500), page(p3=90, fn_1=700)])
    assert stray_notes(document) == [StrayNote("1", 1, 2, "p2")]
    assert break_css({"p2"}) == "\n#p2 { break-before: page; }"


def test_weasyprint_messages_name_the_stylesheet_line() -> None:
    problem = pdf_stage.weasyprint_problem("Ignored `x: 1` at 82:129, unknown property.", Path("templates"))
    assert (
        str(problem) == "templates/pdf/report.css:82: warning: WeasyPrint: Ignored `x: 1` at 82:129, unknown property."
    )


# ---------------------------------------------------------------- builds without the PDF

SKIPPED = "2023/report.pdf: warning: not made: "


def fake_missing_weasyprint(folder: Path) -> dict[str, str]:
    """An environment in which `import weasyprint` fails, as it does when it is not installed."""
    folder.mkdir()
    (folder / "weasyprint.py").write_text("raise ImportError(\"No module named 'weasyprint'\")\n", encoding="utf-8")
    return {**os.environ, "PYTHONPATH": str(folder)}


def test_build_without_weasyprint_warns_and_leaves_the_pdf_and_its_links_out(tmp_path: Path) -> None:
    result = build(tmp_path / "site", env=fake_missing_weasyprint(tmp_path / "fake"))
    assert result.returncode == 0, result.stderr
    assert (
        other_warnings(result.stderr)
        == SKIPPED
        + "WeasyPrint cannot be loaded (No module named 'weasyprint'); install it: pip install 'weasyprint>=70,<71'\n"
    )
    assert not (tmp_path / "site" / PDF).exists()
    assert "report.pdf" not in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_strict_build_without_weasyprint_fails_and_writes_nothing(tmp_path: Path) -> None:
    result = build(tmp_path / "site", "--strict", env=fake_missing_weasyprint(tmp_path / "fake"))
    assert result.returncode == 1
    assert result.stderr.startswith("2023/report.pdf: not made: WeasyPrint cannot be loaded")
    assert not (tmp_path / "site").exists()


def test_no_pdf_skips_it_on_purpose_without_a_warning(tmp_path: Path) -> None:
    result = build(tmp_path / "site", "--no-pdf", env=fake_missing_weasyprint(tmp_path / "fake"))
    assert (result.returncode, other_warnings(result.stderr)) == (0, "")
    assert not (tmp_path / "site" / PDF).exists()


def test_build_without_the_cjk_font_warns(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(pdf_stage, "FONT_DIRS", (tmp_path,))
    files, warnings = render_files(BuildOptions(content=CONTENT, out=tmp_path / "site"))
    assert [str(w) for w in warnings if not is_placeholder_setting(str(w))] == [
        SKIPPED
        + "the CJK font Noto Serif CJK SC and Noto Sans CJK SC is not installed; install it: apt-get install fonts-noto-cjk"
    ]
    assert PDF not in files
    with pytest.raises(ContentError):
        render_files(BuildOptions(content=CONTENT, out=tmp_path / "site", strict=True))


def test_serve_can_leave_the_pdf_out(tmp_path: Path) -> None:
    files, warnings = render_files(BuildOptions(content=CONTENT, out=tmp_path / "site", pdf=False))
    assert [w for w in warnings if not is_placeholder_setting(str(w))] == [] and PDF not in files
    assert not any("report.pdf" in page for page in files.values() if isinstance(page, str))


def test_a_note_cited_twice_is_set_once_and_pointed_to_after() -> None:
    md = make_markdown()
    install_renderers(md)
    html = pdf_stage.PrintHtml(md, SimpleNamespace(notes=[Note("1", md.parse("注释**文字**"), "x.md", 3, 2)]))  # type: ignore[arg-type]
    assert (
        html.footnote_ref("1")
        == '<span id="fnref-1"></span><span class="footnote" id="fn-1" data-label="1">注释<strong>文字</strong></span>'
    )
    assert html.footnote_ref("1") == '<sup class="fn-again"><a href="#fn-1">[1]</a></sup>'
