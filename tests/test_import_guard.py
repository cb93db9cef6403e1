"""The import's guard: a rule that drops, changes or adds text fails the import with the source line, writes nothing."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from govreport.cli import cli  # noqa: E402
from govreport.errors import ContentError  # noqa: E402
from govreport.importer import arrange, report  # noqa: E402
from govreport.importer.guard import check_nothing_lost  # noqa: E402

SOURCE_2023 = REPO_ROOT / "sources" / "miaohang-2023-report.txt"
TEXT = SOURCE_2023.read_text(encoding="utf-8")
LOST_LINE = next(n for n, line in enumerate(TEXT.split("\n"), start=1) if line.startswith("产业转型实现突破。"))


def test_the_2023_report_imports_with_nothing_lost() -> None:
    files = report.import_text(TEXT, "report.txt").files
    assert check_nothing_lost(TEXT, "report.txt", files) == []


def dropping(line: int, arrange: Callable[..., Any]) -> Callable[..., Any]:
    """arrange_pages with a bug: the block starting on `line` goes missing."""
    return lambda meta, body: arrange(meta, [b for b in body if b.line != line])


def test_a_rule_that_drops_a_paragraph_fails_the_import_at_its_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(arrange, "arrange_pages", dropping(LOST_LINE, arrange.arrange_pages))
    with pytest.raises(ContentError) as caught:
        report.import_text(TEXT, "report.txt")
    assert [str(p) for p in caught.value.problems] == [
        f"report.txt:{LOST_LINE}: the import would lose or move the text from “产业转型实现突破。围绕数…” on; "
        "nothing written"
    ]


def test_a_rule_that_changes_a_footnote_or_adds_text_fails_the_import() -> None:
    files = report.import_text(TEXT, "report.txt").files
    changed = {rel: text.replace("[^1]: 大康路站", "[^1]: 大康站") for rel, text in files.items()}
    added = {**files, "conclusion.md": files["conclusion.md"] + "\n多出来的一段。\n"}
    assert [str(p) for p in check_nothing_lost(TEXT, "report.txt", changed)] == [
        "report.txt: the import would change footnote 1's text; nothing written"
    ]
    assert [str(p) for p in check_nothing_lost(TEXT, "report.txt", added)] == [
        "report.txt: the import would add text that is not in the report (conclusion.md); nothing written"
    ]


def test_markup_that_the_site_would_not_show_as_text_is_caught() -> None:
    """The guard reads the Markdown as the site does: a `*` of the report left unescaped is not shown, so it is lost."""
    text = TEXT.replace("过去一年，", "过去*一年*，", 1)
    files = report.import_text(text, "report.txt").files  # escaped by the import: nothing lost
    unescaped = {rel: markdown.replace("\\*", "*") for rel, markdown in files.items()}
    assert [p.line for p in check_nothing_lost(text, "report.txt", unescaped)] == [
        text[: text.index("过去*")].count("\n") + 1
    ]


def test_lines_the_import_says_it_left_out_are_not_missed() -> None:
    page_number = "— 3 —"
    text = TEXT.replace("一年来，我们主要做了以下工作：", f"一年来，我们主要做了以下工作：\n\n{page_number}", 1)
    line = text.split("\n").index(page_number) + 1
    files = report.import_text(TEXT, "report.txt").files
    assert check_nothing_lost(text, "report.txt", files, left_out={line}) == []
    assert check_nothing_lost(text, "report.txt", files) != []


def test_the_command_exits_1_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(arrange, "arrange_pages", dropping(LOST_LINE, arrange.arrange_pages))
    source = tmp_path / "report.txt"
    source.write_bytes(SOURCE_2023.read_bytes())
    result = CliRunner().invoke(cli, ["import", str(source), "--content", str(tmp_path / "content")])
    assert result.exit_code == 1
    assert f"report.txt:{LOST_LINE}: the import would lose" in result.output
    assert not (tmp_path / "content").exists()
    assert source.read_bytes() == SOURCE_2023.read_bytes()
