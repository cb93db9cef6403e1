"""Standalone pages (content/pages/*.md) and the accessibility statement's contact: what is built, and the messages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from govreport.check import check_content
from govreport.errors import ContentError
from govreport.site import BuildOptions, render_files

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the real content folder, to add pages to."""
    folder = tmp_path / "content"
    shutil.copytree(REPO / "content", folder)
    return folder


def build(content: Path) -> tuple[dict[str, str | bytes], list[str]]:
    """content/ rendered in this process, without the PDF: these tests read the pages (tests/test_pdf.py reads the PDF)."""
    files, warnings = render_files(
        BuildOptions(
            content=content, out=content.parent / "out", templates=REPO / "templates", assets=REPO / "assets", pdf=False
        )
    )
    return files, [str(w) for w in warnings]


def test_page_is_written_at_the_root_and_linked_from_every_footer(content: Path) -> None:
    (content / "pages" / "help.md").write_text("# 使用帮助\n\n按 Tab 键。\n", encoding="utf-8")
    files, _ = build(content)
    page = str(files["help.html"])
    assert "<title>使用帮助 - 庙行镇政府工作报告</title>" in page and "<p>按 Tab 键。</p>" in page
    for path, html in files.items():
        if path.endswith(".html"):
            footer = str(html)[str(html).index("<footer") :]
            assert "使用帮助</a>" in footer and "无障碍声明</a>" in footer, f"{path}: footer lacks the pages"


def test_statement_shows_the_contact_from_site_settings(content: Path) -> None:
    index = content / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8")
        .replace("  placeholder: true\n", "")
        .replace("phone: 待补充", "phone: 021-1234 5678")
        .replace("email: 待补充", "email: a11y@example.org"),
        encoding="utf-8",
    )
    files, warnings = build(content)
    statement = str(files["accessibility.html"])
    assert '<a href="tel:02112345678">021-1234 5678</a>' in statement
    assert '<a href="mailto:a11y@example.org">a11y@example.org</a>' in statement
    assert not [w for w in warnings if "contact" in w]


def test_placeholder_contact_is_flagged_by_check_and_build(content: Path) -> None:
    """Staff see it in the check before publishing, and every build warns, so that `build --strict` fails (issue 27:
    content/index.md always said so)."""
    message = f"{content / 'index.md'}:20: warning: contact: is a placeholder: put the real phone or e-mail for accessibility problems here and delete `placeholder: true`"
    _, warnings = build(content)
    assert message in warnings
    assert message in [str(p) for p in check_content(content)]
    with pytest.raises(ContentError):
        render_files(BuildOptions(content=content, out=content.parent / "out", pdf=False, strict=True))


@pytest.mark.parametrize(
    "name,text,message",
    [
        ("notes.md", "没有标题。\n", "{path}:1: a page must start with its title: `# …`"),
        (
            "index.md",
            "# 首页\n",
            "{path}:1: this page would be published as index.html, which the site's home page already uses: give it"
            " another name",
        ),
        (
            "Help.md",
            "# 帮助\n",
            "{path}: page name 'Help' must be lower-case letters, digits and hyphens",
        ),
    ],
)
def test_bad_pages_are_reported(content: Path, name: str, text: str, message: str) -> None:
    path = content / "pages" / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        build(content)
    assert message.format(path=path) in caught.value.format_message().splitlines()
