"""Invented reports of the genre (tests/fixtures/genre/): every one imports, with the structure written down for it
by hand in expected.yml, no web page line published, every sentence kept, and its three shapes alike."""

from __future__ import annotations

import re
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from govreport.importer.read import read_report  # noqa: E402
from govreport.importer.report import ImportedReport, import_source  # noqa: E402
from tests.cli import build_py  # noqa: E402
from tests.test_shapes import without_doubts  # noqa: E402

GENRE = Path(__file__).parent / "fixtures/genre"
EXPECTED: list[dict[str, Any]] = yaml.safe_load((GENRE / "expected.yml").read_text(encoding="utf-8"))
REPORTS = [e for e in EXPECTED if e["kind"]]
NOT_REPORTS = [e for e in EXPECTED if not e["kind"]]
SENTENCE_END_RE = re.compile(r"[。！？]")


def imported(entry: dict[str, Any]) -> ImportedReport:
    """The report imported, its files as they would be had the import not hesitated (doubts: tests/test_shapes.py)."""
    report = import_source(read_report(GENRE / entry["file"]))
    return replace(report, files={rel: without_doubts(text) for rel, text in report.files.items()})


def headings(report: ImportedReport, marks: tuple[str, ...], appendices: bool = False) -> list[str]:
    return [
        line.split(" ", 1)[1]
        for rel, text in report.files.items()
        if rel.startswith("appendix-") == appendices
        for line in text.split("\n")
        if line.startswith(tuple(m + " " for m in marks))
    ]


def front_matter(report: ImportedReport) -> dict[str, Any]:
    return yaml.safe_load(report.files["index.md"].split("---\n")[1])


@pytest.mark.parametrize("entry", REPORTS, ids=[e["file"] for e in REPORTS])
def test_the_structure_written_down_for_each_report_is_found(entry: dict[str, Any]) -> None:
    report = imported(entry)
    meta = front_matter(report)
    assert {"lines": "one paragraph a line", "blank": "blank lines", "wrapped": "hard-wrapped"}[entry["shape"]] == (
        report.shape
    )
    assert (meta["title"], meta["meeting"], meta.get("speaker"), meta["date"].year) == (
        entry["title"],
        entry["meeting"],
        entry["speaker"],
        entry["year"],
    )
    assert headings(report, ("#",)) == entry["parts"]
    assert headings(report, ("##",)) == entry["sections"]
    assert headings(report, ("###", "####")) == entry["deeper"]
    assert report.found["footnotes"] == entry["footnotes"]


@pytest.mark.parametrize("entry", REPORTS, ids=[e["file"] for e in REPORTS])
def test_appendices_are_pages_and_their_entries_glossary_terms(entry: dict[str, Any]) -> None:
    report = imported(entry)
    glossary, attachment = entry["glossary"], entry["appendix"]
    expected = [a["heading"] for a in (glossary, attachment) if a]
    assert headings(report, ("#",), appendices=True) == expected
    assert [term.term for term in report.terms] == (glossary["entries"] if glossary else [])
    if attachment:
        page = report.files[f"appendix-{len(expected)}.md"]
        assert len([p for p in page.split("\n\n") if re.match(r"^\d+\\?\.", p)]) == attachment["items"]


@pytest.mark.parametrize("entry", REPORTS, ids=[e["file"] for e in REPORTS])
def test_no_web_page_line_is_published_and_each_is_listed(entry: dict[str, Any]) -> None:
    report = imported(entry)
    published = {line.strip() for text in report.files.values() for line in text.split("\n")}
    assert [line for line in entry["page_chrome"] if line in published] == []
    listed = [left.text for left in report.left_out if left.reason != "page number"]
    assert listed == entry["page_chrome"]
    assert len([left for left in report.left_out if left.reason == "page number"]) == entry["page_numbers"]


@pytest.mark.parametrize("entry", REPORTS, ids=[e["file"] for e in REPORTS])
def test_every_sentence_reaches_the_markdown(entry: dict[str, Any]) -> None:
    report = imported(entry)
    assert len(SENTENCE_END_RE.findall("".join(report.files.values()))) == entry["sentences"]


def test_the_three_shapes_of_one_report_import_alike() -> None:
    blank, lines, wrapped = (imported({"file": f"shape-{s}/report.txt"}).files for s in ("blank", "lines", "wrapped"))
    assert blank == lines
    assert blank == wrapped


def test_the_2023_report_one_paragraph_a_line_imports_as_the_source_does() -> None:
    source = REPO_ROOT / "sources/miaohang-2023-report.txt"
    assert imported({"file": "shape-lines/miaohang-2023.txt"}).files == import_source(read_report(source)).files


@pytest.mark.parametrize("entry", NOT_REPORTS, ids=[e["file"] for e in NOT_REPORTS])
def test_what_is_not_a_report_is_refused_and_nothing_written(entry: dict[str, Any], tmp_path: Path) -> None:
    result = build_py(tmp_path, "import", str(GENRE / entry["file"]))
    assert result.returncode == 1
    assert "no recognisable structure" in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []
