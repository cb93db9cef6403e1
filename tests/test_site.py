"""The built site's structure: landmarks, headings, navigation, footnote markup, CSP, reproducible and strict builds."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.cli import build_py
from tests.sitecheck import Element, Page, html_pages, tree_digest

ROOT = Path(__file__).resolve().parent.parent


def build(out: Path, *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return build_py(cwd, "build", "--no-pdf", "--out", str(out), *args)


@pytest.fixture(scope="module")
def site(built_site: Path) -> Path:
    """content/ built without the PDF (tests/conftest.py: once a session, shared with other read-only tests)."""
    return built_site


@pytest.fixture(scope="module")
def pages(site: Path) -> dict[str, Page]:
    return html_pages(site)


def elements(page: Page, tag: str) -> list[Element]:
    return [e for e in page.root.walk() if e.tag == tag]


def test_every_page_is_chinese_with_csp_and_landmarks(pages: dict[str, Page]) -> None:
    for name, page in pages.items():
        html = elements(page, "html")[0]
        assert html.attrs.get("lang") == "zh-CN", name
        csp = [m for m in elements(page, "meta") if m.attrs.get("http-equiv") == "Content-Security-Policy"]
        assert csp and "default-src 'self'" in csp[0].attrs["content"], name
        for tag in ("header", "main", "footer"):
            assert len(elements(page, tag)) == 1, f"{name}: {tag}"
        assert all(n.attrs.get("aria-label") or n.attrs.get("aria-labelledby") for n in elements(page, "nav")), name


def test_one_h1_and_no_heading_gaps(pages: dict[str, Page]) -> None:
    for name, page in pages.items():
        levels = [int(e.tag[1]) for e in page.root.walk() if re.fullmatch(r"h[1-6]", e.tag)]
        assert levels.count(1) == 1 and levels[0] == 1, name
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), f"{name}: {levels}"


def test_skip_link_is_first_and_targets_main(pages: dict[str, Page]) -> None:
    for name, page in pages.items():
        first = next(e for e in page.root.walk() if e.tag == "a")
        main = elements(page, "main")[0]
        assert first.attrs["href"] == "#" + main.attrs["id"], name


def test_section_page_navigation(pages: dict[str, Page]) -> None:
    page = pages["2023/part-1/section-1.html"]
    current = [a for a in elements(page, "a") if a.attrs.get("aria-current") == "page"]
    assert [a.attrs["href"] for a in current] == ["section-1.html"]
    assert [a.attrs["href"] for a in elements(page, "a") if a.attrs.get("rel") in ("prev", "next")] == [
        "index.html",
        "section-2.html",
    ]
    on_page = [a.attrs["href"] for a in elements(page, "a") if a.attrs.get("href", "").startswith("#jing-ji")]
    assert "#jing-ji-zhi-biao-wen-bu-hui-sheng" in on_page
    crumbs = next(n for n in elements(page, "nav") if n.attrs.get("class") == "breadcrumbs")
    assert [a.attrs["href"] for a in crumbs.walk() if a.tag == "a"] == [
        "../../index.html",
        "../index.html",
        "index.html",
    ]


def test_home_toc_has_three_levels(pages: dict[str, Page]) -> None:
    home = pages["2023/index.html"]
    hrefs = [a.attrs["href"] for a in elements(home, "a")]
    assert "part-1/index.html" in hrefs and "part-1/section-1.html" in hrefs
    assert "part-1/section-1.html#jing-ji-zhi-biao-wen-bu-hui-sheng" in hrefs
    assert "part-2/section-4.html#ti-sheng-zhi-hui-guan-li-neng-xiao" in hrefs
    assert "full.html" in hrefs


def test_footnote_markup_follows_govspeak(pages: dict[str, Page]) -> None:
    page = pages["2023/part-1/section-4.html"]
    refs = [a for a in elements(page, "a") if a.attrs.get("role") == "doc-noteref"]
    assert [(a.attrs["aria-label"], a.parent.tag if a.parent else "") for a in refs] == [
        ("脚注 2", "sup"),
        ("脚注 3", "sup"),
    ]
    notes = next(s for s in elements(page, "section") if s.attrs.get("class") == "notes")
    assert [h.text() for h in notes.walk() if h.tag == "h2"] == ["注释"]
    backs = [a for a in notes.walk() if a.attrs.get("role") == "doc-backlink"]
    assert len(backs) == 2 and all(a.text().startswith("返回正文") for a in backs)
    assert [li.attrs["value"] for li in notes.walk() if li.tag == "li"] == ["2", "3"]


def test_no_external_resources(site: Path) -> None:
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"""(src|href)=["'](https?:)?//""", text), path


def test_404_and_sitemap(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build(out, "--base-url", "https://example.gov.cn/bg/").returncode == 0
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.gov.cn/bg/2023/part-1/section-1.html</loc>" in sitemap and "404.html" not in sitemap
    page = (out / "2023/part-1/section-1.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.gov.cn/bg/2023/part-1/section-1.html">' in page
    assert 'href="https://example.gov.cn/bg/index.html"' in (out / "404.html").read_text(encoding="utf-8")


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    assert build(tmp_path / "a").returncode == 0 and build(tmp_path / "b").returncode == 0
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")


def test_strict_turns_warnings_into_errors(tmp_path: Path) -> None:
    for folder in ("templates", "assets"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    shutil.copytree(ROOT / "tests/golden/content", tmp_path / "content")
    with open(tmp_path / "content/2099/conclusion.md", "a", encoding="utf-8") as f:
        f.write("\n[^7]: 没有引用。\n")
    warning = "content/2099/conclusion.md:3: warning: footnote [^7] is defined but never referenced"
    relaxed = build(tmp_path / "out", cwd=tmp_path)
    assert relaxed.returncode == 0 and warning in relaxed.stderr
    strict = build(tmp_path / "out2", "--strict", cwd=tmp_path)
    assert (
        strict.returncode == 1
        and "content/2099/conclusion.md:3: footnote [^7] is defined but never referenced" in strict.stderr
    )
    assert not (tmp_path / "out2").exists()
