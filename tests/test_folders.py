"""Several reports in one content folder: each import finds its own folder and never writes into another's."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from tests.cli import build_py  # noqa: E402

GENRE = REPO_ROOT / "tests/fixtures/genre"
QINGXI = GENRE / "01-qingxi-2024.txt"  # 青溪镇's 2024 work report
NANHU = GENRE / "03-nanhu-2024-web.txt"  # 南湖区's, the same year
BUDGET = GENRE / "02-qingxi-budget-2024.txt"  # 青溪镇's 2024 budget report
MEISHAN = GENRE / "10-meishan-2023-lines.txt"  # 2023, names no government
MIAOHANG = REPO_ROOT / "sources/miaohang-2023-report.txt"


def imported(project: Path, source: Path, *options: str) -> str:
    result = build_py(project, "import", str(source), *options)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()[-1].split(", ")[0]  # without the glossary files it wrote


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_two_governments_and_two_documents_of_one_year_live_side_by_side(tmp_path: Path) -> None:
    assert imported(tmp_path, QINGXI).endswith("written under content/2024")
    first = snapshot(tmp_path / "content/2024")
    assert imported(tmp_path, NANHU).endswith("written under content/2024-nan-hu-qu")
    assert imported(tmp_path, BUDGET).endswith("written under content/2024-yu-suan")
    assert snapshot(tmp_path / "content/2024") == first
    assert imported(tmp_path, QINGXI) == "imported " + str(QINGXI) + ": 0 file(s) written under content/2024"
    assert imported(tmp_path, NANHU).endswith("0 file(s) written under content/2024-nan-hu-qu")


def test_a_report_that_cannot_be_told_apart_is_refused_and_names_the_option(tmp_path: Path) -> None:
    imported(tmp_path, MIAOHANG)
    before = snapshot(tmp_path)
    result = build_py(tmp_path, "import", str(MEISHAN))
    assert result.returncode == 1
    assert result.stderr == (
        f"{MEISHAN}: these folders hold other reports: content/2023 (庙行镇人民政府 政府工作报告); "
        "choose a folder with --folder NAME\n"
    )
    assert snapshot(tmp_path) == before
    assert imported(tmp_path, MEISHAN, "--folder", "2023-mei-shan").endswith("written under content/2023-mei-shan")


@pytest.mark.parametrize(("folder", "message"), [("2023", "holds another report"), ("../x", "must be lower-case")])
def test_folder_option_never_writes_into_another_report_or_outside(tmp_path: Path, folder: str, message: str) -> None:
    imported(tmp_path, MIAOHANG)
    before = snapshot(tmp_path)
    result = build_py(tmp_path, "import", str(MEISHAN), "--folder", folder)
    assert (result.returncode, message in result.stderr, "Traceback" in result.stderr) == (1, True, False)
    assert snapshot(tmp_path) == before


def test_the_home_page_groups_reports_by_year_then_government(tmp_path: Path) -> None:
    for source in (MIAOHANG, NANHU, BUDGET):
        imported(tmp_path, source)
    built = build_py(tmp_path, "build", "--no-pdf")
    assert built.returncode == 0, built.stderr
    home = (tmp_path / "output/index.html").read_text(encoding="utf-8")
    listed = home[home.index('id="all-reports"') :]
    order = ["2024 年", "南湖区人民政府", "2024/index.html", "青溪镇人民政府", "2024-yu-suan/index.html"]
    order += ["2023 年", "庙行镇人民政府", "2023/index.html"]
    positions = [listed.index(text) for text in order]
    assert positions == sorted(positions)
