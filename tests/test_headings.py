"""Headings at four levels, own-line or run in; unnumbered parts; skipped numbers; addresses to the delegates."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from markdown_it.utils import read_fixture_file

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from govreport.importer.report import import_text, summary  # noqa: E402
from govreport.numbering import counted, level_of  # noqa: E402
from tests.cli import build_py, is_page_tags_hint  # noqa: E402

CASES = read_fixture_file(Path(__file__).parent / "fixtures/import_headings.md")


def shown(raw: str) -> str:
    report = import_text(raw, "report.txt")
    files = "\n".join(f"=== {rel}\n{text}" for rel, text in report.files.items()).rstrip("\n")
    doubts = [line for line in summary(report, "report.txt").split("\n") if "hesitated" in line]
    return files + ("\n=== hesitations\n" + "\n".join(doubts) if doubts else "") + "\n"


@pytest.mark.parametrize("line,title,raw,expected", CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_headings_fixture(line: int, title: str, raw: str, expected: str) -> None:
    assert shown(raw) == expected


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("一、工作回顾", "part"),
        ("十二、其他", "part"),
        ("（三）民生", "section"),
        ("(三)民生", "section"),
        ("1.产业", "item"),
        ("12．产业", "item"),
        ("3、产业", "item"),
        ("（2）投资", "subitem"),
        ("(2)投资", "subitem"),
        ("1.5亿元的投资", None),
        ("一是扩大供给，二是提升质量。", None),
        ("2023年工作回顾", None),
    ],
)
def test_the_level_of_a_heading_is_told_by_its_number(text: str, level: str | None) -> None:
    assert level_of(text) == level


@pytest.mark.parametrize(
    ("numeral", "value"), [("三", 3), ("十", 10), ("十二", 12), ("二十", 20), ("二十九", 29), ("12", 12)]
)
def test_heading_numbers(numeral: str, value: int) -> None:
    assert counted(numeral) == value


def test_check_warns_of_a_skipped_number_and_build_keeps_it(tmp_path: Path) -> None:
    raw = "政府工作报告\n\n——2024年1月9日在青溪镇人民代表大会上\n\n各位代表：\n\n一、工作回顾\n\n（一）经济\n\n正文。\n\n（三）民生\n\n正文。\n"
    (tmp_path / "report.txt").write_text(raw, encoding="utf-8")
    imported = build_py(tmp_path, "import", "report.txt")
    assert "report.txt:13: hesitated: heading number 3 where 2 was due" in imported.stdout
    checked = build_py(tmp_path, "check")
    assert (checked.returncode, [line for line in checked.stdout.splitlines() if not is_page_tags_hint(line)][0]) == (
        0,
        "content/2024/part-1/section-2.md:1: warning: section number 3 where 2 was due: check that none is missing",
    )
    assert build_py(tmp_path, "check", "--strict").returncode == 1
