"""The Word and PDF readers case by case: small documents made here (Word XML by python-docx, PDF pages as the
characters pdfplumber gives) and the blank-line text each reader makes of them."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's package, never an installed copy elsewhere

from govreport.importer.read.layout import Line, page_lines  # noqa: E402
from govreport.importer.read.pdftext import source_of  # noqa: E402
from govreport.importer.read.word import read_docx  # noqa: E402

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


# --- Word: each case is the body's paragraphs as WordprocessingML, and the text the reader makes ------------------


def run(text: str, props: str = "") -> str:
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def para(*runs: str, props: str = "") -> str:
    return f"<w:p><w:pPr>{props}</w:pPr>{''.join(runs)}</w:p>"


BOLD = "<w:b/>"
WORD_CASES: dict[str, tuple[list[str], str]] = {
    "bold runs side by side are one bold span": (
        [para(run("经济"), run("指标", BOLD), run("稳步", BOLD), run("回升。全年完成。"))],
        "经济**指标稳步**回升。全年完成。",
    ),
    "spaces at a bold span's edges stay outside it": (
        [para(run("建议"), run(" 2023 年目标为： ", BOLD), run("增长。"))],
        "建议 **2023 年目标为：** 增长。",
    ),
    "a paragraph bold throughout keeps no markup (a heading typed in 黑体)": (
        [para(run("一、", BOLD), run("工作回顾", BOLD))],
        "一、工作回顾",
    ),
    "bold switched off by w:val": ([para(run("正文", '<w:b w:val="0"/>'), run("。"))], "正文。"),
    "a tracked deletion is left out, an insertion kept": (
        [
            para(
                run("完成"),
                "<w:del><w:r><w:delText>旧的</w:delText></w:r></w:del>",
                f"<w:ins>{run('新的')}</w:ins>",
                run("目标。"),
            )
        ],
        "完成新的目标。",
    ),
    "runs inside a hyperlink and a field result are text": (
        [
            para(
                run("见"),
                f"<w:hyperlink>{run('网站')}</w:hyperlink>",
                f'<w:fldSimple w:instr=" PAGE ">{run("3")}</w:fldSimple>',
            )
        ],
        "见网站3",
    ),
    "a line break stays a line of the paragraph's block; blank lines inside it go": (
        [para(run("第一行"), "<w:r><w:br/><w:br/></w:r>", run("第二行"))],
        "第一行\n第二行",
    ),
    "a superscript digit typed as text is a superscript (m², or a call the rules then check)": (
        [para(run("面积 2.5 km"), run("2", '<w:vertAlign w:val="superscript"/>'), run("。"))],
        "面积 2.5 km²。",
    ),
    "empty paragraphs are counted but give no block": ([para(), para(run("正文。"))], "正文。"),
    "a table is a pipe table, its first row the header": (
        [
            "<w:tbl><w:tr><w:tc>" + para(run("项目")) + "</w:tc><w:tc>" + para(run("金额")) + "</w:tc></w:tr>"
            "<w:tr><w:tc>" + para(run("财政收入")) + "</w:tc><w:tc>" + para(run("4.24 亿元")) + "</w:tc></w:tr></w:tbl>"
        ],
        "| 项目 | 金额 |\n| --- | --- |\n| 财政收入 | 4.24 亿元 |",
    ),
    "a paragraph that names the table just below it is its caption; any other stays a paragraph": (
        [
            para(run("正文。")),
            para(run("表2 重点项目")),
            "<w:tbl><w:tr><w:tc>" + para(run("项目")) + "</w:tc></w:tr></w:tbl>",
            para(run("下表：")),
            "<w:tbl><w:tr><w:tc>" + para(run("项目")) + "</w:tc></w:tr></w:tbl>",
        ],
        "正文。\n\n表2 重点项目\n| 项目 |\n| --- |\n\n下表：\n\n| 项目 |\n| --- |",
    ),
    "a cell's paragraphs and line breaks are joined; | and \\ are escaped; a short row is padded": (
        [
            "<w:tbl><w:tr><w:tc>" + para(run("甲|乙")) + "</w:tc><w:tc>" + para(run("a\\b")) + "</w:tc></w:tr>"
            "<w:tr><w:tc>"
            + para(run("全年"), "<w:r><w:br/></w:r>", run("完成"))
            + para(run("Latin"))
            + para(run("word"))
            + "</w:tc></w:tr></w:tbl>"
        ],
        "| 甲\\|乙 | a\\\\b |\n| --- | --- |\n| 全年完成Latin word |  |",
    ),
    "a text box's paragraphs follow the paragraph that holds it": (
        [
            para(
                run("正文。"),
                "<w:r><w:drawing><w:txbxContent>" + para(run("框中文字。")) + "</w:txbxContent></w:drawing></w:r>",
            )
        ],
        "正文。\n\n框中文字。",
    ),
    "a content control's paragraphs are read": (
        ["<w:sdt><w:sdtContent>" + para(run("控件中的段落。")) + "</w:sdtContent></w:sdt>"],
        "控件中的段落。",
    ),
}


def docx_of(body: list[str], numbering: str = "") -> bytes:
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    container = document.element.body
    for xml in body:
        container.insert(len(container) - 1, parse_xml(xml.replace(">", f" {W_NS}>", 1)))
    if numbering:
        part = document.part.numbering_part.element
        for element in parse_xml(f"<w:numbering {W_NS}>{numbering}</w:numbering>"):
            if element.tag.endswith("abstractNum"):
                part.insert(0, element)
            else:
                part.append(element)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("name", WORD_CASES)
def test_word_case(name: str) -> None:
    body, expected = WORD_CASES[name]
    assert read_docx(docx_of(body), "report.docx").text == expected + "\n"


def test_a_table_of_contents_is_left_out() -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("一、工作回顾\t3", style=document.styles.add_style("toc 1", 1))
    document.add_paragraph("正文。")
    buffer = io.BytesIO()
    document.save(buffer)
    source = read_docx(buffer.getvalue(), "report.docx")
    assert source.text == "正文。\n"
    assert [(x.place, x.text, x.reason) for x in source.left_out] == [
        ("paragraph 1", "一、工作回顾 3", "table of contents line")
    ]


def lvl(level: int, fmt: str, text: str, start: int = 1) -> str:
    return f'<w:lvl w:ilvl="{level}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/><w:suff w:val="nothing"/></w:lvl>'


def numbered(level: int, text: str) -> str:
    return para(run(text), props=f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="77"/></w:numPr>')


def test_list_numbers_are_written_out_as_word_shows_them() -> None:
    numbering = (
        '<w:abstractNum w:abstractNumId="77">'
        + lvl(0, "chineseCounting", "%1、", start=10)
        + lvl(1, "chineseCounting", "（%2）")
        + lvl(2, "decimal", "%3.")
        + lvl(3, "bullet", "●")
        + '</w:abstractNum><w:num w:numId="77"><w:abstractNumId w:val="77"/></w:num>'
    )
    body = [
        numbered(0, "十的部分"),
        numbered(1, "小节"),
        numbered(2, "一项"),
        numbered(3, "要点"),
        numbered(0, "下一部分"),
    ]
    body += [numbered(1, "重新从一数")]
    assert read_docx(docx_of(body, numbering), "report.docx").text.split("\n\n") == [
        "十、十的部分",
        "（一）小节",
        "1.一项",
        "要点",
        "十一、下一部分",
        "（一）重新从一数\n",
    ]


# --- PDF: pages as pdfplumber's characters (16 pt body, 28 em measure), and the text the reader makes ----------------

LEFT, SIZE, PITCH = 80.0, 16.0, 29.0
RIGHT = LEFT + 28 * SIZE


def chars(text: str, x: float, top: float, size: float = SIZE, font: str = "AAAAAA+FangSong") -> list[dict[str, Any]]:
    """One line of characters as pdfplumber gives them: a Han or full-width character 1 em wide, others half."""
    out = []
    for c in text:
        width = size if ord(c) > 0x2000 else size / 2
        out.append({"text": c, "x0": x, "x1": x + width, "top": top, "bottom": top + size, "size": size,
                    "fontname": font, "upright": True})  # fmt: skip
        x += width
    return out


def raised(text: str, x: float, top: float) -> list[dict[str, Any]]:
    return chars(text, x, top + 0.5, size=9)


def page(number: int, *rows: list[dict[str, Any]]) -> list[Line]:
    return page_lines([c for row in rows for c in row], number)


def body(index: int, text: str, indent: bool = False) -> list[dict[str, Any]]:
    return chars(text, LEFT + (2 * SIZE if indent else 0), 110 + index * PITCH)


def filler(first: int, count: int) -> list[list[dict[str, Any]]]:
    """A paragraph of full lines (26 characters after the indent, then 28), so that the page's measure is known."""
    return [body(first, "过" * 26, indent=True)] + [body(first + i, "过" * 28) for i in range(1, count)]


def test_a_latin_word_broken_at_a_line_end_with_a_hyphen_joins_without_a_space() -> None:
    lines = [body(0, "引入" + "科" * 22 + "Shang-", indent=True), body(1, "hai 项目。"), *filler(2, 3)]
    text = source_of("report.pdf", [page(1, *lines)]).text
    assert text.startswith("引入" + "科" * 22 + "Shang-hai 项目。")


def test_latin_words_on_either_side_of_a_line_end_get_one_space() -> None:
    lines = [body(0, "报告" + "科" * 18 + "Work", indent=True), body(1, "Report，完成。"), *filler(2, 3)]
    assert source_of("report.pdf", [page(1, *lines)]).text.startswith("报告" + "科" * 18 + "Work Report，完成。")


def test_a_paragraph_that_goes_on_over_a_page_break_is_joined_even_after_a_full_stop() -> None:
    last = body(20, "过" * 27 + "。")
    first = [body(0, "接下来的句子。"), body(1, "新的段落。", indent=True), *filler(2, 2)]
    text = source_of("report.pdf", [page(1, *filler(0, 20), last), page(2, *first)]).text
    assert "过。接下来的句子。\n\n新的段落。" in text


def test_notes_numbered_from_1_on_every_page_are_numbered_in_reading_order() -> None:
    """① on each page: the second page's call and note become ², so that the rules can tell them apart."""

    def page_with_note(number: int, note: str) -> list[Line]:
        call = body(0, "过" * 14 + "全面完成“三站一场”", indent=True)
        return page(
            number,
            call,
            raised("1", call[-1]["x1"], 110),
            body(1, "、胡庄桥等工作。"),
            *filler(2, 3),
            chars("①" + note, LEFT, 700, size=14),
        )

    text = source_of("report.pdf", [page_with_note(1, "注一。"), page_with_note(2, "注二。")]).text
    assert text.split("\n\n") == [
        "过" * 14 + "全面完成“三站一场”¹、胡庄桥等工作。",
        "过" * 82,
        "¹ 注一。",
        "过" * 14 + "全面完成“三站一场”²、胡庄桥等工作。",
        "过" * 82,
        "² 注二。\n",
    ]


@pytest.mark.parametrize("number", ["— 3 —", "- 3 -", "第 3 页", "3", "3 / 18"])
def test_page_numbers_in_any_usual_form_are_left_out(number: str) -> None:
    lines = page(3, body(0, "正文开始，", indent=True), *filler(1, 3), chars(number, 290, 780, size=14))
    source = source_of("report.pdf", [lines])
    assert number not in source.text
    assert [(x.place, x.text, x.reason) for x in source.left_out] == [("page 3", number, "page number")]


def test_a_year_opening_a_cover_is_not_a_page_number() -> None:
    cover = page(1, chars("2023", 280, 110), body(2, "政府工作报告", indent=True), *filler(3, 4))
    pages = [cover, page(2, *filler(0, 5)), page(3, *filler(0, 5))]  # the text block starts at the first row
    assert source_of("report.pdf", pages).text.startswith("2023\n\n政府工作报告")


def test_a_note_number_in_brackets_and_a_note_over_two_lines() -> None:
    lines = [body(0, "完成目标¹。", indent=True), *filler(1, 3)]
    lines += [chars("[1] 注释的第一行，", LEFT, 680, size=14), chars("和它的第二行。", LEFT, 700, size=14)]
    assert source_of("report.pdf", [page(1, *lines)]).text.split("\n\n")[-1] == "¹ 注释的第一行，和它的第二行。\n"


def test_a_note_split_by_a_page_break_goes_on_at_the_next_page_foot() -> None:
    first = [body(0, "完成目标¹。", indent=True), *filler(1, 4), chars("1 注释的前半，", LEFT, 700, size=14)]
    second = [body(0, "新的段落。", indent=True), *filler(1, 4), chars("注释的后半。", LEFT, 700, size=14)]
    blocks = source_of("report.pdf", [page(1, *first), page(2, *second)]).text.split("\n\n")
    assert blocks == ["完成目标¹。", "过" * 110, "¹ 注释的前半，注释的后半。", "新的段落。", "过" * 110 + "\n"]


def test_a_line_that_stops_short_ends_its_paragraph_even_without_an_indent_after_it() -> None:
    lines = [
        body(0, "过" * 26 + "，", indent=True),
        body(1, "过" * 20 + "。"),
        body(2, "没有缩进的新段落，"),
        *filler(3, 2),
    ]
    blocks = source_of("report.pdf", [page(1, *lines)]).text.split("\n\n")
    assert blocks[:2] == ["过" * 26 + "，" + "过" * 20 + "。", "没有缩进的新段落，"]


def test_a_wide_gap_between_table_cells_is_an_ideographic_space() -> None:
    row = (
        chars("财政收入", LEFT, 110) + chars("4.24 亿元", LEFT + 10 * SIZE, 110) + chars("持平", LEFT + 20 * SIZE, 110)
    )
    text = source_of("report.pdf", [page(1, row, *filler(1, 4))]).text
    assert text.startswith("财政收入\u30004.24 亿元\u3000持平\n\n")


def test_bold_comes_from_the_font_name() -> None:
    lead = chars("经济指标稳步回升", LEFT + 2 * SIZE, 110, font="BBBBBB+FangSong-Bold")
    rest = chars("。全年" + "过" * 15, lead[-1]["x1"], 110)
    text = source_of("report.pdf", [page(1, lead + rest, *filler(1, 3))]).text
    assert text.startswith("**经济指标稳步回升**。全年")
