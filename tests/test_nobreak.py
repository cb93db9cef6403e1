"""Rendering: a dash (——) or an ellipsis (……) is wrapped so it never splits across lines (clreq)."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it.utils import read_fixture_file

from govreport.parse import make_markdown
from govreport.render.html import install_renderers

FIXTURES = Path(__file__).parent / "fixtures" / "nobreak.md"


@pytest.mark.parametrize(
    "line,title,text,expected",
    read_fixture_file(FIXTURES),
    ids=lambda v: v if isinstance(v, str) and "\n" not in v else None,
)
def test_render(line: int, title: str, text: str, expected: str) -> None:
    md = make_markdown()
    install_renderers(md)
    assert md.render(text) == expected, f"{FIXTURES}:{line}: {title}"
