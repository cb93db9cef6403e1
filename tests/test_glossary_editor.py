"""Explanations written by the site's editors (`source: editor`): built, labelled as the site's words on the term
page, in the tap preview and in the PDF, linked from every use, and never checked against the report's wording."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.cli import BuiltSite, build_py

EDITORIAL = "本站解释（非报告原文）"
QUOTED = "报告原文注释"


def test_an_editors_explanation_is_labelled_on_its_page(built_site: Path) -> None:
    page = (built_site / "glossary/yi-wang-tong-guan.html").read_text(encoding="utf-8")
    assert f'<p class="term-label term-label-editorial">{EDITORIAL}</p>' in page
    assert '<div class="term-definition term-definition-editorial">' in page
    quoted = (built_site / "glossary/san-zhan-yi-chang.html").read_text(encoding="utf-8")
    assert f'<p class="term-label">{QUOTED}</p>' in quoted and EDITORIAL not in quoted


def test_an_editors_explanation_is_labelled_in_the_preview_and_linked(built_site: Path) -> None:
    page = (built_site / "2023/part-1/section-4.html").read_text(encoding="utf-8")
    assert 'data-term="yi-wang-tong-guan">一网统管</a>' in page
    preview = re.search(r'<template id="term-preview-yi-wang-tong-guan">.*?</template>', page, re.S)
    assert preview and f'<span class="term-preview-label term-label-editorial">{EDITORIAL}</span>' in preview.group()


def test_the_pdf_glossary_says_whose_words_each_explanation_is(built_site_with_pdf: BuiltSite) -> None:
    text = subprocess.run(
        ["pdftotext", str(built_site_with_pdf.root / "2023/report.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    glossary = re.sub(r"\s+", "", text[text.index("词语解释") :])  # its heading; the running header repeats it
    assert f"一网统管{EDITORIAL}上海推行的城市管理办法" in glossary
    assert f"三站一场{QUOTED}大康路站" in glossary


def project(tmp_path: Path, term_file: str) -> Path:
    """A small report and one glossary entry."""
    files = {
        "content/index.md": "---\nsite_name: 测试\n---\n",
        "content/2023/index.md": "---\ntitle: 政府工作报告\ndate: 2023-01-05\n---\n\n各位代表：\n",
        "content/2023/part-1/index.md": "# 一、回顾\n\n推进“一网统管”建设。\n",
        "content/glossary/yi-wang-tong-guan.md": term_file,
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    return tmp_path


REPO = Path(__file__).resolve().parents[1]
BUILD = ["build", "--no-pdf"]  # a project without templates/ or assets/ uses the checkout's own


def test_a_reference_is_shown_and_a_bad_one_refused(tmp_path: Path) -> None:
    good = "---\nterm: 一网统管\nsource: editor\nreference:\n  title: 一网统管\n  url: https://example.org/x\n---\n\n城市管理办法。\n"
    assert build_py(project(tmp_path / "good", good), *BUILD).returncode == 0
    page = (tmp_path / "good/output/glossary/yi-wang-tong-guan.html").read_text(encoding="utf-8")
    assert '延伸阅读：<a href="https://example.org/x" rel="external">一网统管</a>' in page
    bad = good.replace("https://example.org/x", "javascript:alert(1)")
    result = build_py(project(tmp_path / "bad", bad), *BUILD)
    assert (result.returncode, result.stderr.splitlines()[0]) == (
        1,
        "content/glossary/yi-wang-tong-guan.md:4: `reference:` url 'javascript:alert(1)' must be a web address"
        " starting with https://",
    )


@pytest.mark.parametrize("source", ["source: editor", "source:\n  report: 2023"])
def test_an_editors_words_are_not_checked_but_a_quote_still_is(tmp_path: Path, source: str) -> None:
    term = f"---\nterm: 一网统管\n{source}\n---\n\n报告里没有这句话。\n"
    result = build_py(project(tmp_path, term), *BUILD)
    assert result.returncode == (0 if "editor" in source else 1), result.stderr
    if "editor" not in source:
        assert "the definition is not quoted from the text of report 2023" in result.stderr
