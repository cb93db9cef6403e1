"""`check` and `build` share one front half: every bad input that `build` refuses, `check` reports with the same
`path:line: message`, glossary entries and content/pages/ included."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.cli import build_py
from tests.test_errors import CASES, GOLDEN, ROOT, append, replace, write_bytes

MORE_CASES = {
    "glossary definition not quoted": replace("content/glossary/san-zhan-yi-chang.md", "甲站、乙站", "甲站和乙站"),
    "glossary entry with no term": replace(
        "content/glossary/san-zhan-yi-chang.md", "term: 三站一场", "title: 三站一场"
    ),
    "glossary source report missing": replace("content/glossary/san-zhan-yi-chang.md", "report: 2099", "report: 1999"),
    "page with a bad name": write_bytes("content/pages/Bad Name.md", "# 标题\n\n正文。\n".encode()),
    "page with no title": write_bytes("content/pages/about.md", "正文，没有标题。\n".encode()),
}
ALL_CASES = {name: change for name, (change, _) in CASES.items()} | MORE_CASES


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(GOLDEN, tmp_path / "content")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    (tmp_path / "content/pages").mkdir()
    return tmp_path


def errors(output: str) -> set[str]:
    """The `path:line: message` lines that are errors: not warnings, not the closing count."""
    lines = {line for line in output.splitlines() if ": " in line}
    return {line for line in lines if ": warning: " not in line}


@pytest.mark.parametrize("name", ALL_CASES)
def test_check_reports_every_error_that_build_reports(project: Path, name: str) -> None:
    ALL_CASES[name](project)
    built = build_py(project, "build", "--no-pdf", "--no-search")
    checked = build_py(project, "check")
    assert built.returncode == 1 and checked.returncode == 1, (built.stderr, checked.stdout)
    assert errors(built.stderr), built.stderr
    assert errors(checked.stdout) == errors(built.stderr)
    assert "Traceback" not in built.stderr + checked.stdout + checked.stderr


def test_check_names_glossary_and_page_errors(project: Path) -> None:
    """Before the shared front half, `check` modelled neither the glossary nor content/pages/ and was silent here."""
    MORE_CASES["glossary definition not quoted"](project)
    MORE_CASES["page with no title"](project)
    result = build_py(project, "check")
    assert result.returncode == 1
    assert (
        "content/glossary/san-zhan-yi-chang.md:9: the definition is not quoted from footnote [^1] of report 2099: copy the report's words exactly (do not paraphrase), or correct `source:`"
        in result.stdout.splitlines()
    )
    assert "content/pages/about.md:1: a page must start with its title: `# …`" in result.stdout.splitlines()
    assert result.stdout.splitlines()[-1] == "2 error(s), 0 warning(s) in content"


def test_a_clean_check_passes(project: Path) -> None:
    append("content/2099/conclusion.md", "")(project)
    result = build_py(project, "check")
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[-1].endswith("warning(s) in content")
