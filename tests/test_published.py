"""The build's own fidelity guard: a template or rule that drops text is a build error naming the file and the first
missing words, and output/ stays as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.cli import build_py
from tests.sitecheck import tree_digest
from tests.test_errors import built_project, project, replace, run  # noqa: F401 - fixtures shared with the catalogue


def test_a_template_that_forgets_a_block_fails_the_build(project: Path) -> None:  # noqa: F811
    output_before = tree_digest(project / "output")
    conclusion = (project / "content/2099/conclusion.md").read_text(encoding="utf-8")
    lines = conclusion.split("\n")
    number, first_words = next((n, t) for n, t in enumerate(lines, 1) if t and not t.startswith(("---", "role:")))
    replace("templates/fulltext.html", "{% if report.conclusion %}", "{% if false %}")(project)
    result = run(project, "build")
    assert result.returncode == 1
    expected = f"content/2099/conclusion.md:{number}: “{first_words[:16]}…” is not in the published 2099/full.html"
    assert result.stderr.startswith(expected), result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(project / "output") == output_before


def test_a_rule_that_drops_a_paragraph_fails_the_build(project: Path) -> None:  # noqa: F811
    """A paragraph the page template shows but the full text leaves out (a broken loop) is caught too."""
    replace("templates/fulltext.html", "{{ html.body(section", "{{ '' if true else html.body(section")(project)
    result = run(project, "build")
    assert result.returncode == 1 and "is not in the published 2099/full.html" in result.stderr, result.stderr


def test_a_build_that_fails_after_writing_some_pages_leaves_nothing(project: Path) -> None:  # noqa: F811
    """A report's pages go into the staging folder as soon as two worker processes render them; when words are
    then found lost, output/ is still the last good build and no staging folder is left beside it."""
    shutil.copytree(project / "content/2099", project / "content/2098")
    replace("templates/fulltext.html", "{% if report.conclusion %}", "{% if false %}")(project)
    output_before = tree_digest(project / "output")
    result = build_py(project, "build", "--no-pdf", env={"GOVREPORT_WORKERS": "2"})
    assert result.returncode == 1
    for year in ("2098", "2099"):
        assert f"is not in the published {year}/full.html" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(project / "output") == output_before
    assert [p.name for p in project.iterdir() if p.name.startswith(".output")] == []
