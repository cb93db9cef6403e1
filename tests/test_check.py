"""`build.py check`: editorial warnings with path:line, a summary, --strict exit status, and no file ever changed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from govreport.check import half_width_punctuation, impossible_percentages, unbalanced_marks
from tests.cli import build_py
from tests.sitecheck import tree_digest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "接警数分别下降 32.3%、300%、31%。",
            ["下降 300%: a decrease of more than 100% is impossible; check the figure"],
        ),
        ("同比下降 30.4%，增长 500%。", []),
        ("超额完成全年目标的 156%。", []),
        ("优良率为 187%。", ["率 187%: a rate above 100% is unlikely; check the figure"]),
        ("覆盖率 100%。", []),
    ],
)
def test_percentages(text: str, expected: list[str]) -> None:
    assert impossible_percentages(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“数智庙行”与《规划》（草案）", []),
        ("打造“数智庙行，全力", ["“ is never closed: unbalanced “”"]),
        ("全力”打造", ["” closes nothing: unbalanced “”"]),
        ("（一）经济（好", ["（ is never closed: unbalanced （）"]),
        ("《规划》》", ["》 closes nothing: unbalanced 《》"]),
    ],
)
def test_unbalanced_marks(text: str, expected: list[str]) -> None:
    assert unbalanced_marks(text) == expected


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("经济稳步回升,全年完成", 1),
        ("是否完成?是的!", 2),
        ("投入 1,183 万元；时间 8:30", 0),
        ("AQI 优良率", 0),
    ],
)
def test_half_width_punctuation(text: str, count: int) -> None:
    assert len(half_width_punctuation(text)) == count


def run_check(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python build.py check` run in a project folder, as staff run it."""
    return build_py(project, "check", *args)


def test_check_on_the_2023_report_flags_footnote_2(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    before = tree_digest(tmp_path / "content")
    result = run_check(tmp_path)
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "content/2023/index.md:1: warning: the page tags ColumnDescription, ColumnKeywords, Keywords, ColumnType, PubDate, ContentSource are left out of this report's pages: set `description:`, `keywords:`, `column_type:`, `disclosure.published:`, `disclosure.issuer:` here to fill them",
        "content/2023/part-1/section-4.md:15: warning: 下降 300%: a decrease of more than 100% is impossible; check the figure",
        "content/2023/part-1/section-4.md:15: warning: 下降 500%: a decrease of more than 100% is impossible; check the figure",
        "content/index.md:8: warning: site_id: is a placeholder: put the real 网站标识码 here before publishing",
        "content/index.md:9: warning: icp: is a placeholder: put the real ICP备案编号 here before publishing",
        "content/index.md:10: warning: police_record: is a placeholder: put the real 公安机关备案号 here before publishing",
        "content/index.md:20: warning: contact: is a placeholder: put the real phone or e-mail for accessibility problems here and delete `placeholder: true`",
        "7 warning(s) in content",
    ]
    strict = run_check(tmp_path, "--strict")
    assert strict.returncode == 1
    assert tree_digest(tmp_path / "content") == before


def test_check_reports_an_undefined_footnote_as_the_error_build_stops_at(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "tests" / "golden" / "content", tmp_path / "content")
    section = tmp_path / "content/2099/part-1/section-1.md"
    section.write_text(
        section.read_text(encoding="utf-8") + "\n又见[^7],然后。\n\n[^8]: 没有引用。\n", encoding="utf-8"
    )
    result = run_check(tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "content/2099/part-1/section-1.md:9: footnote [^7] is referenced but never defined",
        "content/2099/part-1/section-1.md:9: warning: half-width ',' in Chinese text (…又见[^7],然后。…): use the full-width mark",
        "content/2099/part-1/section-1.md:11: warning: footnote [^8] is defined but never referenced",
        "1 error(s), 2 warning(s) in content",
    ]
