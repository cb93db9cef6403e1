"""`build.py serve` end to end: a copy of the project is served, edited, broken and mended while Chromium watches."""

from __future__ import annotations

import filecmp
import re
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from .helpers import ARTIFACTS
from .serving import Served, copy_project, serving

SECTION = "content/2023/part-1/section-1.md"
SECTION_PAGE = "2023/part-1/section-1.html"
LEAD = "经济指标稳步回升"
WAIT_MS = 20_000  # generous: CI machines are busy; this is a limit, not a measurement


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture
def served(project: Path) -> Iterator[Served]:
    with serving(project) as running:
        yield running


@pytest.fixture
def tab(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


def wait_until_caught_up(served: Served, tab: Page) -> None:
    """Until the tab shows the last build and listens for the next: then no reload for an earlier save can still come
    and interrupt what the test does next. (serve prints a build's line only after it has told the browsers.)"""
    live = tab.locator(f'html[data-serve="live"][data-serve-build="{served.build_number()}"]')
    expect(live).to_have_count(1, timeout=WAIT_MS)


def test_a_saved_edit_shows_in_the_browser_and_ctrl_c_stops_cleanly(served: Served, tab: Page) -> None:
    tab.goto(served.url + SECTION_PAGE)
    expect(tab.locator("main")).to_contain_text(LEAD, timeout=WAIT_MS)
    served.edit(SECTION, LEAD, "经济指标大幅回升")
    expect(tab.locator("main")).to_contain_text("经济指标大幅回升", timeout=WAIT_MS)
    served.wait_for_line(r"section-1\.md: \d+ of \d+ files updated in \d+ ms")
    assert served.interrupt() == 0
    assert served.lines[-1] == "serve: stopped" and "Traceback" not in served.output
    assert not (served.root / "output").exists()


BREAKAGES = {
    "undefined footnote": (
        SECTION,
        LEAD,
        LEAD + "[^99]",
        f"{SECTION}:5: footnote [^99] is referenced but never defined",
    ),
    "bad front matter": (
        "content/2023/index.md",
        "title: 政府工作报告",
        "title: [政府工作报告",
        "content/2023/index.md:3: front matter: expected ',' or ']', but got ':'",
    ),
    "template error": (
        "templates/page.html",
        "{% block main %}",
        "{% block main %}{{ no_such_thing }}",
        "templates/page.html:9: undefined template variable: 'no_such_thing' is undefined",
    ),
    "broken code": (
        "govreport/urls.py",
        "from __future__ import annotations",
        "from __future__ import annotations\ndef (:",
        "govreport/urls.py:{line}: SyntaxError: invalid syntax",  # the line of `def (:`, wherever the import is
    ),
}


@pytest.mark.parametrize("breakage", BREAKAGES.values(), ids=BREAKAGES.keys())
def test_a_broken_build_shows_its_problem_over_the_last_good_page_until_mended(
    served: Served, tab: Page, breakage: tuple[str, str, str, str]
) -> None:
    rel, good, bad, problem = breakage
    tab.goto(served.url + SECTION_PAGE)
    before = (served.root / rel).read_text(encoding="utf-8")
    problem = problem.format(line=before[: before.index(good)].count("\n") + bad.count("\n") + 1)
    served.edit(rel, good, bad)
    panel = tab.locator("#serve-problems")
    expect(panel).to_contain_text(problem, timeout=WAIT_MS)
    served.wait_for_line(rf"^{re.escape(problem)}$")  # the terminal says the same
    expect(tab.locator("main")).to_contain_text(LEAD)  # the last good page is still there, under the panel
    if rel == SECTION:
        tab.screenshot(path=str(ARTIFACTS / "serve-problems-1280.png"))
    served.edit(rel, bad, good)
    expect(panel).to_have_count(0, timeout=WAIT_MS)
    served.edit(SECTION, LEAD, "经济指标大幅回升")  # and the next good save reloads as usual
    expect(tab.locator("main")).to_contain_text("经济指标大幅回升", timeout=WAIT_MS)


PAGE_AS_SHOWN = """() => ({
  title: document.title,
  metas: Array.from(document.head.querySelectorAll("meta"), (m) => m.getAttribute("content")),
  main: document.querySelector("main").innerHTML,
})"""


def test_an_edit_of_words_is_put_in_place_and_anything_else_reloads(
    served: Served, tab: Page, browser: Browser
) -> None:
    """A save that changes only words of the page's text (and so its description) is shown without a reload: the
    reader keeps their place, and the page is then exactly what a fresh load of it shows. A save that changes an
    element or an attribute (a lead phrase: its anchor and the TOC) reloads the page."""
    tab.goto(served.url + SECTION_PAGE)
    wait_until_caught_up(served, tab)
    tab.evaluate("window.scrollTo(0, 600); window.servedTestMark = 'still the same page'")
    served.edit(SECTION, "双重压力", "双重压力和考验")
    expect(tab.locator("main")).to_contain_text("双重压力和考验", timeout=WAIT_MS)
    wait_until_caught_up(served, tab)
    assert tab.evaluate("window.servedTestMark") == "still the same page"
    assert tab.evaluate("window.scrollY") == 600
    fresh = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    fresh.goto(served.url + SECTION_PAGE)
    wait_until_caught_up(served, fresh)
    assert tab.evaluate(PAGE_AS_SHOWN) == fresh.evaluate(PAGE_AS_SHOWN)
    assert any("双重压力和考验" in (content or "") for content in tab.evaluate(PAGE_AS_SHOWN)["metas"])
    fresh.context.close()

    served.edit(SECTION, LEAD, "经济指标大幅回升")
    expect(tab.locator("main")).to_contain_text("经济指标大幅回升", timeout=WAIT_MS)
    wait_until_caught_up(served, tab)
    assert tab.evaluate("window.servedTestMark") is None


def test_a_stylesheet_edit_applies_without_reloading_the_page(served: Served, tab: Page) -> None:
    tab.goto(served.url + SECTION_PAGE)
    tab.evaluate("window.servedTestMark = 'still the same page'")
    css = served.root / "assets/css/site.css"
    css.write_text(css.read_text(encoding="utf-8") + "\nmain { outline: 3px solid rgb(1, 2, 3); }\n", encoding="utf-8")
    expect(tab.locator("main")).to_have_css("outline-color", "rgb(1, 2, 3)", timeout=WAIT_MS)
    assert tab.evaluate("window.servedTestMark") == "still the same page"


def test_files_added_renamed_and_deleted_while_serving(served: Served, tab: Page) -> None:
    new = served.root / "content/2023/part-1/section-6.md"
    new.write_text("## （六）新增的一节\n\n新增段落。\n", encoding="utf-8")
    served.wait_for_line(r"section-6\.md: \d+ of \d+ files updated")
    tab.goto(served.url + "2023/part-1/section-6.html")
    expect(tab.locator("main")).to_contain_text("新增段落。", timeout=WAIT_MS)
    new.rename(new.with_name("section-7.md"))
    served.wait_for_line(r"section-[67]\.md.*: \d+ of \d+ files updated")
    new.with_name("section-7.md").unlink()
    served.wait_for_line(r"section-7\.md: \d+ of \d+ files updated, \d+ removed")
    assert fetch(served.url + "2023/part-1/section-6.html")[0] == 404
    assert not (served.root / ".preview/2023/part-1/section-6.html").exists()
    served.edit(SECTION, LEAD, "经济指标大幅回升")
    served.wait_for_line(r"section-1\.md: \d+ of \d+ files updated")
    # A reload pushed to the open page while goto() runs would abort the navigation: first let it arrive.
    wait_until_caught_up(served, tab)
    tab.goto(served.url + SECTION_PAGE)
    expect(tab.locator("main")).to_contain_text("经济指标大幅回升", timeout=WAIT_MS)


def test_the_preview_is_what_build_writes_and_only_the_served_pages_carry_the_reload_script(
    served: Served, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    subprocess.run(
        [sys.executable, "build.py", "build", "--no-pdf", "--no-search", "--out", str(out)],
        cwd=served.root,
        check=True,
        capture_output=True,
    )
    comparison = filecmp.dircmp(out, served.root / ".preview")
    assert not (comparison.left_only or comparison.right_only or comparison.diff_files)
    assert not any("_serve/" in p.read_text(encoding="utf-8") for p in out.rglob("*.html"))
    status, html = fetch(served.url + SECTION_PAGE)
    assert status == 200 and '<script src="/_serve/client.js?v=' in html


def test_a_first_build_that_fails_waits_for_a_good_save(project: Path, tab: Page) -> None:
    section = project / SECTION
    section.write_text(section.read_text(encoding="utf-8").replace(LEAD, LEAD + "[^99]", 1), encoding="utf-8")
    with serving(project) as served:
        assert f"{SECTION}:5: footnote [^99] is referenced but never defined" in served.lines
        tab.goto(served.url)
        expect(tab.locator("#serve-problems")).to_contain_text(f"{SECTION}:5: footnote [^99]", timeout=WAIT_MS)
        served.edit(SECTION, LEAD + "[^99]", LEAD)
        expect(tab.locator(".site-name")).to_be_visible(timeout=WAIT_MS)
        expect(tab.locator("#serve-problems")).to_have_count(0)


def test_a_port_in_use_is_announced_and_the_next_one_used(project: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with serving(project, "--port", str(port)) as served:
            # Among the first build's lines (its warnings, such as content/index.md's placeholder settings, come first).
            said = (re.fullmatch(rf"serve: port {port} is in use; using (\d+) instead", line) for line in served.lines)
            moved = next((m for m in said if m), None)
            assert moved and served.url == f"http://127.0.0.1:{moved.group(1)}/", served.lines
            assert fetch(served.url)[0] == 200


def test_under_a_chinese_locale_the_panel_and_the_console_speak_chinese(project: Path, tab: Page) -> None:
    """`--lang zh` (as LANG=zh_CN.UTF-8 would): the panel's title, hint and button, its problem and serve's lines are
    Chinese, `path:line:` first; axe finds nothing wrong on the page with the panel open."""
    from tests.browser.helpers import format_violations, run_axe

    with serving(project, lang="zh") as served:
        tab.goto(served.url + SECTION_PAGE)
        served.edit(SECTION, LEAD, LEAD + "[^99]")
        panel = tab.locator("#serve-problems")
        problem = f"{SECTION}:5: 正文引用了脚注 [^99]"
        expect(panel).to_contain_text(problem, timeout=WAIT_MS)
        expect(panel.locator("h2")).to_have_text("生成失败：当前显示的是上一次成功生成的预览")
        expect(panel.get_by_role("button")).to_have_text("隐藏")
        assert panel.get_attribute("lang") == "zh-CN"
        served.wait_for_line(r"生成失败，浏览器中仍是上一次成功的预览：$")
        assert any(line.startswith(problem) for line in served.lines)
        violations = run_axe(tab)
        assert violations == [], format_violations(violations)
        tab.set_viewport_size({"width": 390, "height": 844})
        tab.screenshot(path=str(ARTIFACTS / "serve-problems-zh-390.png"))
        assert run_axe(tab) == []
        served.edit(SECTION, LEAD + "[^99]", LEAD)
        expect(panel).to_have_count(0, timeout=WAIT_MS)
        served.wait_for_line(r": (网站没有变化|\d+ 个文件中更新了 \d+ 个)，用时 \d+ 毫秒$")
    assert served.lines[-1] == "预览：已停止。"
