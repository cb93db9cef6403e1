"""Issue 27 in a real browser: a site with every identifier, a local 党政机关网站标识, 信息公开 metadata and a
correction passes axe and the Nu checker on every page, and loads nothing from another host."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from .conftest import served_folder
from .helpers import REPO_ROOT, Site, format_violations, run_axe, run_vnu, visit

CORRECTION = """corrections:
  - date: 2099-02-01
    page: part-1/section-1.md
    note: 第二段的“12 家”更正为“21 家”，原稿录入有误。
"""
BADGE = "gov_badge:\n  image: assets/images/badge.png\n  link: https://badge.example.net/\n"


@pytest.fixture(scope="module")
def govsite(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    work = tmp_path_factory.mktemp("govsite")
    content, assets = work / "content", work / "assets"
    shutil.copytree(REPO_ROOT / "tests/golden/content", content)
    shutil.copytree(REPO_ROOT / "assets", assets)
    from PIL import Image  # an invented badge: a plain red square

    (assets / "images").mkdir(exist_ok=True)
    Image.new("RGB", (55, 64), (200, 0, 0)).save(assets / "images" / "badge.png")
    index = content / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("---\n", "---\n" + BADGE, 1), encoding="utf-8")
    report = content / "2099/index.md"
    text = report.read_text(encoding="utf-8").replace("# 信息公开 (invented)\n", CORRECTION + "# 信息公开 (invented)\n")
    report.write_text(text, encoding="utf-8")
    out = work / "site"
    args = ["build", "--content", str(content), "--assets", str(assets), "--out", str(out), "--no-pdf", "--strict"]
    result = subprocess.run(
        [sys.executable, "build.py", *args, "--base-url", "https://example.org/reports/"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    with served_folder(out) as site:
        yield site


def test_every_page_passes_axe_and_loads_nothing_from_elsewhere(govsite: Site, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 900})
    tab = context.new_page()
    elsewhere: list[str] = []
    on_404 = [False]  # 404.html links from --base-url on purpose (it is served at any depth): its requests go there
    tab.on("request", lambda r: None if on_404[0] or r.url.startswith(govsite.url) else elsewhere.append(r.url))
    failures = []
    pages = govsite.pages()
    assert "corrections.html" in pages
    for rel in sorted(pages, key=lambda p: p == "404.html"):
        on_404[0] = rel == "404.html"
        violations = run_axe(visit(tab, govsite, rel))
        if violations:
            failures.append(f"{rel}:\n{format_violations(violations)}")
    visit(tab, govsite, "index.html")
    assert tab.locator(".gov-badge img").evaluate("img => img.naturalWidth") == 55
    context.close()
    assert not failures, "\n".join(failures)
    assert elsewhere == []


def test_every_page_is_valid_html(govsite: Site) -> None:
    errors = run_vnu([govsite.root], base=govsite.root)
    assert not errors, f"{len(errors)} HTML validation errors:\n" + "\n".join(errors)


def test_a_printed_page_carries_a_qr_code_of_its_address(govsite: Site, browser: Browser, tmp_path: Path) -> None:
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    context = browser.new_context()
    tab = context.new_page()
    visit(tab, govsite, "2099/part-1/section-1.html")
    pdf = tmp_path / "printed.pdf"
    pdf.write_bytes(tab.pdf(format="A4"))
    context.close()
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(tmp_path / "printed")], check=True)
    found = [
        code.text for png in sorted(tmp_path.glob("printed*.png")) for code in zxingcpp.read_barcodes(Image.open(png))
    ]
    assert found == ["https://example.org/reports/2099/part-1/section-1.html"]
