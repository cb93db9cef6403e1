"""Title blocks in the forms reports print them, web page lines around them, and a title that names its year."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from markdown_it.utils import read_fixture_file

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from govreport.importer.report import import_text, summary  # noqa: E402
from govreport.model.document import names_a_year  # noqa: E402
from tests.cli import build_py  # noqa: E402

CASES = read_fixture_file(Path(__file__).parent / "fixtures/import_title_blocks.md")
WEB_PAGE_CASE = next(c for c in CASES if "web page" in c[1] and "left out" in c[1] and "nothing" not in c[1])


@pytest.mark.parametrize("line,title,raw,expected", CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_title_block_fixture(line: int, title: str, raw: str, expected: str) -> None:
    files = import_text(raw, "report.txt").files
    assert "\n".join(f"=== {rel}\n{text}" for rel, text in files.items()) == expected


def test_every_web_page_line_left_out_is_listed_with_its_line() -> None:
    raw = WEB_PAGE_CASE[2]
    lines = raw.split("\n")
    report = import_text(raw, "report.txt")
    listed = [line for line in summary(report, "report.txt").split("\n") if " left out " in line]
    expected = ["首页 > 政务公开 > 政府工作报告", "【字号：大 中 小】", "打印 下载", "来源：南湖日报"]
    expected += ["时间：2024-01-15", "大会现场。记者 王明 摄", "相关报道：", "南湖区人大会议开幕", "分享到微信"]
    expected += ["打印本页 关闭窗口"]
    assert [entry.split(": ", 1)[0] for entry in listed] == [f"report.txt:{lines.index(t) + 1}" for t in expected]
    assert [entry.rsplit("): ", 1)[1] for entry in listed] == expected


@pytest.mark.parametrize(
    ("title", "named"),
    [
        ("2024年政府工作报告", True),
        ("青溪镇二〇二四年政府工作报告", True),
        ("政府工作报告", False),
        ("十四五规划", False),
    ],
)
def test_a_title_names_its_year(title: str, named: bool) -> None:
    assert names_a_year(title) is named


def test_a_title_with_its_year_is_not_given_it_again(tmp_path: Path) -> None:
    raw = CASES[0][2]
    assert "2024年" in raw.split("\n")[0]
    (tmp_path / "report.txt").write_text(raw, encoding="utf-8")
    assert build_py(tmp_path, "import", "report.txt").returncode == 0
    built = build_py(tmp_path, "build", "--no-pdf")
    assert built.returncode == 0, built.stderr
    cover = (tmp_path / "output/2024/index.html").read_text(encoding="utf-8")
    assert "<title>青溪镇2024年政府工作报告" in cover
    assert "2024 年青溪镇2024年" not in cover
