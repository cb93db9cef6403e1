"""Tables from Word: a .docx table imports as a Markdown pipe table (its caption paragraph above it), the site
shows it as an accessible table (caption, scope on header cells, a scrolling region named by the caption), and the
import's guard counts every cell's words; a `|` in ordinary text stays escaped as before."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from govreport.errors import ContentError  # noqa: E402
from govreport.importer import arrange, report  # noqa: E402
from govreport.importer.read import read_report  # noqa: E402
from govreport.importer.read.pipetable import is_table, pipe_table, read_table  # noqa: E402
from govreport.tables import is_caption  # noqa: E402
from tests.cli import build_py  # noqa: E402
from tests.wordextras import CAPTION, TABLE_MARKDOWN, word_with_table  # noqa: E402

TEXT = (ROOT / "sources" / "miaohang-2023-report.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def docx_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return word_with_table(tmp_path_factory.mktemp("word") / "report.docx")


@pytest.fixture(scope="module")
def project(docx_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The .docx imported and built as an editor would (with the site's own glossary, pages and settings)."""
    project = tmp_path_factory.mktemp("site")
    done = build_py(project, "import", str(docx_path), "--content", "content")
    assert done.returncode == 0, done.stderr
    for name in ("glossary", "pages", "index.md"):
        source = ROOT / "content" / name
        target = project / "content" / name
        if source.is_dir():
            for path in source.rglob("*"):
                if path.is_file():
                    (target / path.relative_to(source)).parent.mkdir(parents=True, exist_ok=True)
                    (target / path.relative_to(source)).write_bytes(path.read_bytes())
        else:
            target.write_bytes(source.read_bytes())
    done = build_py(project, "build", "--content", "content", "--no-pdf")
    assert done.returncode == 0, done.stderr
    return project


def test_the_reader_writes_the_table_as_one_block_with_its_caption(docx_path: Path) -> None:
    source = read_report(docx_path)
    block = next(b for b in source.text.split("\n\n") if b.startswith(CAPTION))
    assert is_table(block)
    assert read_table(block).rows[1][1] == "4.24亿元"  # a cell's line break joined as a wrapped line is
    assert read_table(block).rows[0][2] == "同比增长|幅度"
    first = source.text.split("\n").index(CAPTION) + 1
    assert [source.place(first + i) for i in range(4)] == [
        "paragraph 14",
        "table 1 row 1",
        "table 1 row 1",
        "table 1 row 2",
    ]


def test_the_import_writes_a_pipe_table(project: Path) -> None:
    section = (project / "content" / "2023" / "part-1" / "section-1.md").read_text(encoding="utf-8")
    assert f"\n\n{TABLE_MARKDOWN}\n\n" in section


def test_the_page_has_an_accessible_table(project: Path) -> None:
    page = (project / "output" / "2023" / "part-1" / "section-1.html").read_text(encoding="utf-8")
    assert (
        '<div class="table-scroll" role="region" tabindex="0" id="part-1-section-1-t1" '
        'aria-labelledby="part-1-section-1-t1-caption">\n<table>\n'
        f'<caption id="part-1-section-1-t1-caption">{CAPTION}</caption>'
    ) in page
    assert page.count('<th scope="col">') == 5
    assert "<td>4.24亿元</td>" in page and '<th scope="col">同比增长|幅度</th>' in page
    assert f"<p>{CAPTION}</p>" not in page  # the caption is the table's, not a paragraph too


def test_a_table_without_a_caption_gets_one_that_says_so(tmp_path: Path) -> None:
    project = tmp_path
    word_with_table(tmp_path / "report.docx", caption="下表列出主要指标：")
    assert build_py(project, "import", "report.docx", "--content", "content").returncode == 0
    section = (project / "content" / "2023" / "part-1" / "section-1.md").read_text(encoding="utf-8")
    assert "\n\n下表列出主要指标：\n\n| 指标 |" in section  # a paragraph of its own, not taken for a caption
    (project / "content" / "index.md").write_bytes((ROOT / "content" / "index.md").read_bytes())
    done = build_py(project, "build", "--content", "content", "--no-pdf", "--no-search")
    assert done.returncode == 0, done.stderr
    page = (project / "output" / "2023" / "part-1" / "section-1.html").read_text(encoding="utf-8")
    assert '<caption class="caption-fallback" id="part-1-section-1-t1-caption">表格 1</caption>' in page


def dropping_a_cell(table: object) -> object:
    return lambda block: table(block).replace("重大项目投资占比过半", "")  # type: ignore[operator]


def test_the_guard_catches_a_dropped_cell(docx_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(arrange, "table", dropping_a_cell(arrange.table))
    with pytest.raises(ContentError) as caught:
        report.import_source(read_report(docx_path))
    assert [str(p) for p in caught.value.problems] == [
        f"{docx_path}:table 1 row 3: the import would lose or move the text from “重大项目投资占比过半社会…” on; "
        "nothing written"
    ]


def test_a_footnote_call_in_a_cell_is_a_call() -> None:
    table = pipe_table([["指标", "数值"], ["三站一场⁶", "2"]], "表1 主要指标")
    text = TEXT.replace("产业转型实现突破。", f"{table}\n\n⁶ 一个注释。\n\n产业转型实现突破。", 1)
    files = report.import_text(text, "report.txt").files
    section = files["part-1/section-1.md"]
    assert "| 三站一场[^6] | 2 |" in section and "[^6]: 一个注释。" in section


def test_a_pipe_in_ordinary_text_is_still_escaped() -> None:
    text = TEXT.replace("过去一年，", "过去|一年，", 1).replace(
        "产业转型实现突破。", "| 不是 | 表格 |\n\n产业转型实现突破。", 1
    )
    files = report.import_text(text, "report.txt").files
    assert "过去\\|一年，" in files["index.md"] + files["part-1/index.md"]
    assert "\\| 不是 \\| 表格 \\|" in files["part-1/section-1.md"]


@pytest.mark.parametrize(
    "text, expected",
    [("表1 主要指标", True), ("附表：重点项目", True), ("2023年民生实事项目一览表", True), ("表明我们的决心", False)],
)
def test_a_caption_names_a_table(text: str, expected: bool) -> None:
    assert is_caption(text) is expected
