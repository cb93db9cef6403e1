"""Paragraph shapes: blank lines between paragraphs, one paragraph a line, and hard-wrapped text import alike."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from govreport.importer.read import read_report  # noqa: E402
from govreport.importer.read.shape import reshape  # noqa: E402
from govreport.importer.report import import_source, import_text  # noqa: E402

SOURCE_2023 = REPO_ROOT / "sources" / "miaohang-2023-report.txt"
WRAPPED_2023 = Path(__file__).parent / "fixtures/shapes/miaohang-2023-wrapped.txt"
TEXT = SOURCE_2023.read_text(encoding="utf-8")
BLANK_IMPORT = import_text(TEXT, "report.txt").files


def one_paragraph_a_line(text: str) -> str:
    """The report as pasted from Word: every block of the PDF's text a line, no blank lines."""
    return "\n".join(line for line in text.split("\n") if line.strip()) + "\n"


def paragraphs(files: dict[str, str]) -> dict[str, list[str]]:
    """Each file's paragraphs, whitespace aside; the import's doubts in the front matter are not text."""
    return {rel: [re.sub(r"\s+", "", p) for p in without_doubts(text).split("\n\n")] for rel, text in files.items()}


def without_doubts(markdown: str) -> str:
    """The Markdown as it would be had the import not hesitated: its `doubts:` out of the front matter."""
    return re.sub(r"^---\n---\n\n", "", re.sub(r"(?m)^doubts:\n(?:- .*\n)+", "", markdown))


def test_the_2023_report_in_blank_line_shape_is_read_as_it_is() -> None:
    source = read_report(SOURCE_2023)
    assert (source.shape, source.text, source.places, source.left_out) == ("blank lines", TEXT, (), ())


def test_one_paragraph_a_line_imports_to_the_same_markdown(tmp_path: Path) -> None:
    pasted = tmp_path / "pasted.txt"
    pasted.write_text(one_paragraph_a_line(TEXT), encoding="utf-8")
    source = read_report(pasted)
    assert source.shape == "one paragraph a line"
    assert import_source(source).files == BLANK_IMPORT


def test_hard_wrapped_text_imports_to_the_same_paragraphs_but_where_it_says_it_doubted() -> None:
    """A paragraph whose last line is nearly full and ends its sentence, before one that opens with no lead phrase:
    nothing in the wrapped text says it ended there. It is joined to the next, and the import says so."""
    source = read_report(WRAPPED_2023)
    assert source.shape == "hard-wrapped"
    wrapped = paragraphs(import_source(source).files)
    expected = paragraphs(BLANK_IMPORT)
    assert wrapped.keys() == expected.keys()
    joined_after = [re.sub(r"\s+", "", d.text) for d in source.doubts if d.reason.endswith("same paragraph")]
    for rel, paras in expected.items():
        merged: list[str] = []
        for para in paras:
            if merged and any(merged[-1].endswith(tail) for tail in joined_after) and para not in wrapped[rel]:
                merged[-1] += para
            else:
                merged.append(para)
        assert wrapped[rel] == merged, rel
    assert 0 < sum(len(p) for p in expected.values()) - sum(len(p) for p in wrapped.values()) <= len(joined_after)


def test_page_numbers_are_left_out_and_listed() -> None:
    source = read_report(WRAPPED_2023)
    lines = WRAPPED_2023.read_text(encoding="utf-8").split("\n")
    assert [(left.place, left.text, left.reason) for left in source.left_out] == [
        (n, line, "page number") for n, line in enumerate(lines, start=1) if re.fullmatch(r"— \d+ —", line)
    ]
    assert all(line.strip() != left.text for left in source.left_out for line in source.text.split("\n"))


def test_problems_in_reshaped_text_name_the_original_line(tmp_path: Path) -> None:
    broken = one_paragraph_a_line(TEXT).replace("“三站一场”¹", "“三站一场”⁹", 1)
    pasted = tmp_path / "pasted.txt"
    pasted.write_text(broken, encoding="utf-8")
    line = broken[: broken.index("“三站一场”⁹")].count("\n") + 1
    with pytest.raises(Exception) as caught:
        import_source(read_report(pasted))
    assert f"pasted.txt:{line}: footnote marker 9 has no footnote text" in str(caught.value)


@pytest.mark.parametrize(
    ("lines", "shape"),
    [
        (["标题", "", "第一段。", "", "第二段。", "", "第三段。"], "blank lines"),
        (["标题", "第一段，很长的一段话。" * 3, "短的一段。", "第三段比较长，" * 5 + "。"] * 4, "one paragraph a line"),
        (["一二三四五六七八九十" * 3] * 12 + ["短行。"], "hard-wrapped"),
    ],
)
def test_the_shape_is_told_by_the_text_itself(lines: list[str], shape: str) -> None:
    assert reshape("\n".join(lines)).shape == shape


@pytest.mark.parametrize("number", ["— 3 —", "- 12 -", "－3－", "第 3 页", "第3页 共18页"])
def test_page_numbers_in_the_usual_forms_are_left_out(number: str) -> None:
    shaped = reshape(f"各位代表：\n\n正文。\n\n{number}\n\n正文二。\n")
    assert [left.text for left in shaped.left_out] == [number]


def copied_page(body: str, foot: str, number: int) -> str:
    line = "这是一行排满了版心宽度的正文文字，用来让文本看起来像是从排版好的文件中复制出来的样子。"
    return "\n".join([line] * 12 + [body, foot, f"— {number} —", "\f页眉"])


def test_a_plain_number_at_a_page_foot_with_its_call_on_the_page_is_a_footnote() -> None:
    text = (
        copied_page("完成“三站一场”1建设。", "1 大康路站、呼兰路站。", 1)
        + "\n"
        + copied_page("继续推进。", "结束。", 2)
    )
    shaped = reshape(text)
    assert "完成“三站一场”¹建设。" in shaped.text and "\n¹ 大康路站、呼兰路站。" in shaped.text
    assert [left.reason for left in shaped.left_out] == ["page number", "running header"] * 2


def test_a_plain_number_at_a_page_foot_without_a_call_stays_text_and_is_told() -> None:
    text = copied_page("完成建设任务。", "1 大康路站、呼兰路站。", 1) + "\n" + copied_page("继续推进。", "结束。", 2)
    shaped = reshape(text)
    assert "1 大康路站" in shaped.text and "¹" not in shaped.text
    assert [d.reason for d in shaped.doubts if "footnote" in d.reason] == [
        "looks like footnote 1, but no call 1 is on its page: kept as text"
    ]


def test_each_doubt_is_kept_in_its_file_and_check_repeats_it_until_deleted(tmp_path: Path) -> None:
    from tests.cli import build_py

    assert build_py(tmp_path, "import", str(WRAPPED_2023)).returncode == 0
    section = tmp_path / "content/2023/part-2/section-3.md"
    text = section.read_text(encoding="utf-8")
    assert text.startswith("---\ndoubts:\n- 'miaohang-2023-wrapped.txt:251: a full line that ends a sentence")
    checked = build_py(tmp_path, "check")
    warned = [line for line in checked.stdout.splitlines() if line.startswith("content/2023/part-2/section-3.md:")]
    assert len(warned) == text.split("---\n")[1].count("\n- ") and "the import hesitated here" in warned[0]
    lines = text.split("\n")
    doubts_end = lines.index("---", 1)
    section.write_text("\n".join(lines[:1] + lines[doubts_end:]), encoding="utf-8")  # the editor has read them all
    rechecked = build_py(tmp_path, "check")
    assert not [line for line in rechecked.stdout.splitlines() if line.startswith("content/2023/part-2/section-3.md:")]
