"""The build's own fidelity guard: a template or rule that drops text is a build error naming the file and the first
missing words, and output/ stays as it was."""

from __future__ import annotations

from pathlib import Path

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
