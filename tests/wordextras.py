"""A .docx of the 2023 report with what the office fixtures lack: a table (its caption paragraph above it) and an
inline image, added by python-docx to the committed python-docx fixture (tests/fixtures/office/make.py), so that no
new binary is committed. Used by tests/test_word_tables_images.py and the browser test of the same page."""

from __future__ import annotations

import io
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAIN_DOCX = ROOT / "tests" / "fixtures" / "office" / "miaohang-2023-plain.docx"
AFTER = "经济指标稳步回升"  # the paragraph the table follows (part-1/section-1.md)
IMAGE_AFTER = "产业转型实现突破"  # the paragraph whose end holds the image (the same section)
CAPTION = "表1 2023年主要经济指标完成情况"
ROWS = [
    ["指标", "全年完成", "同比增长|幅度", "全区排名", "说明"],
    ["区级地方财政收入", "4.24\n亿元", "持平", "第三", "非房产类税收保持快速增长，同比增速名列全区前茅"],
    ["全社会固定资产总额", "18 亿元", "", "第五", "重大项目投资占比过半"],
    ["社会零售品消费总额", "73 亿元", "6.2%", "第二", "服务业税收和占比显著增长"],
]
# The Markdown the import writes for it: the caption a paragraph, the cell's line break joined, `|` escaped.
TABLE_MARKDOWN = (
    f"{CAPTION}\n\n"
    "| 指标 | 全年完成 | 同比增长\\|幅度 | 全区排名 | 说明 |\n"
    "| --- | --- | --- | --- | --- |\n"
    "| 区级地方财政收入 | 4.24亿元 | 持平 | 第三 | 非房产类税收保持快速增长，同比增速名列全区前茅 |\n"
    "| 全社会固定资产总额 | 18 亿元 |  | 第五 | 重大项目投资占比过半 |\n"
    "| 社会零售品消费总额 | 73 亿元 | 6.2% | 第二 | 服务业税收和占比显著增长 |"
)


def png_bytes(width: int = 120, height: int = 80) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), (180, 40, 40)).save(out, format="PNG")
    return out.getvalue()


def word_with_table(path: Path, caption: str = CAPTION, image: bool = False) -> Path:
    """The plain fixture with the caption paragraph and the table after AFTER (and an image in IMAGE_AFTER)."""
    import docx

    document = docx.Document(str(PLAIN_DOCX))
    anchor = next(p for p in document.paragraphs if p.text.startswith(AFTER))
    caption_paragraph = document.add_paragraph(caption)
    table = document.add_table(rows=len(ROWS), cols=len(ROWS[0]))
    for r, row in enumerate(ROWS):
        for c, value in enumerate(row):
            first, *more = value.split("\n")
            run = table.cell(r, c).paragraphs[0].add_run(first)
            for line in more:
                run.add_break()
                run.add_text(line)
    anchor._p.addnext(caption_paragraph._p)
    caption_paragraph._p.addnext(table._tbl)
    if image:
        holder = next(p for p in document.paragraphs if p.text.startswith(IMAGE_AFTER))
        holder.add_run().add_picture(io.BytesIO(png_bytes()))
    document.save(str(path))
    return path
