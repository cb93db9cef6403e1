"""Deep nesting never loses text unseen: markdown-it drops everything past its nesting limit, so nesting deeper than
a report needs is an error with its line, and build and check both refuse it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sitecheck import tree_digest
from tests.test_errors import SECTION, built_project, project, run  # noqa: F401 - fixtures shared with the catalogue

LIST_10_DEEP = "".join("  " * i + f"- 第{i + 1}层\n" for i in range(10)) + "\n其后的段落。\n"
QUOTE_20_DEEP = "> " * 20 + "引文。\n\n其后的段落。\n"
MESSAGE = "lists or quotes are nested deeper than a report needs here: flatten them, so that no text is lost"


@pytest.mark.parametrize(("text", "line"), [(LIST_10_DEEP, 9 + 7), (QUOTE_20_DEEP, 9)], ids=["list", "quote"])
@pytest.mark.parametrize("command", ["build", "check"])
def test_nesting_deeper_than_a_report_needs_is_an_error(project: Path, text: str, line: int, command: str) -> None:  # noqa: F811
    output_before = tree_digest(project / "output")
    with open(project / SECTION, "a", encoding="utf-8") as file:
        file.write("\n" + text)
    result = run(project, command)
    shown = result.stderr if command == "build" else result.stdout
    assert result.returncode == 1
    assert f"{SECTION}:{line}: {MESSAGE}" in shown.splitlines()
    assert tree_digest(project / "output") == output_before


def test_a_list_three_deep_is_fine(project: Path) -> None:  # noqa: F811
    with open(project / SECTION, "a", encoding="utf-8") as file:
        file.write("\n- 一\n  - 二\n    - 三\n\n其后的段落。\n")
    assert run(project, "build").returncode == 0
    assert "其后的段落。" in (project / "output/2099/part-1/section-1.html").read_text(encoding="utf-8")
