"""Text copied out of a PDF by `pdftotext` (poppler-utils): wrapped lines, `—1—` page numbers, a running header
on every page, and footnote calls that lost their raise. Imported and built, it publishes the whole report."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from tests.cli import build_py  # noqa: E402
from tests.pdfcheck import missing_in_order  # noqa: E402
from tests.sitecheck import Page  # noqa: E402
from tests.sourcetext import chunks  # noqa: E402

OFFICE = REPO_ROOT / "tests/fixtures/office"
PDFS = ["miaohang-2023-weasyprint.pdf", "miaohang-2023-libreoffice.pdf"]
RUNNING_HEADER = {"miaohang-2023-weasyprint.pdf": "庙行镇 2023 年政府工作报告"}  # LibreOffice's has none

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")


@pytest.fixture(scope="module", params=PDFS)
def imported(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    project = tmp_path_factory.mktemp("pdftotext")
    text = project / "report.txt"
    subprocess.run(["pdftotext", str(OFFICE / request.param), str(text)], check=True)
    result = build_py(project, "import", "report.txt")
    assert result.returncode == 0, result.stderr
    built = build_py(project, "build", "--no-pdf")
    assert built.returncode == 0, built.stderr
    return project, result.stdout + RUNNING_HEADER.get(request.param, "")


def test_the_structure_is_found_and_page_furniture_left_out(imported: tuple[Path, str]) -> None:
    project, output = imported
    summary, header = output.rsplit("\n", 1)
    assert "read as hard-wrapped; found 2 parts, 10 sections" in summary
    assert ", 5 footnotes," in summary
    assert "left out (page number): —1—" in summary
    assert ("left out (running header): " in summary) == bool(header)
    assert summary.count(f"left out (running header): {header}") == (
        summary.count("(page number)") - 1 if header else 0
    )
    full = "".join(Page(project / "output/2023/full.html").blocks())
    assert "庙行镇2023年政府工作报告庙行镇" not in full and "—1—" not in full


def test_every_chunk_of_the_source_is_on_the_full_text_page_in_order(imported: tuple[Path, str]) -> None:
    project, _ = imported
    text = "".join(Page(project / "output/2023/full.html").blocks())
    body, _ = chunks()
    assert missing_in_order(body, text) == []


@pytest.mark.parametrize("number", [1, 2, 3, 4, 5])
def test_each_footnote_comes_back_linked_both_ways(imported: tuple[Path, str], number: int) -> None:
    project, _ = imported
    _, notes = chunks()
    ids = Page(project / "output/2023/full.html").ids()
    assert notes[number] in "".join(ids[f"fn-{number}"].text().split())
    assert ids[f"fnref-{number}"].attrs["href"] == f"#fn-{number}"
