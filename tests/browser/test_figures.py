"""The 数说 page (issue 18) in real Chromium: axe and the Nu checker find nothing in every display mode, nothing
scrolls sideways at 320 px or in 大字版, a card's link lands on its highlighted sentence and back; screenshots of the
2023 page and of the invented two-year fixture's trend chart at 390 and 1280 px (tests/artifacts/)."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from .conftest import served_folder
from .helpers import REPO_ROOT, NewTab, Site, format_violations, run_axe, run_vnu, screenshot, visit
from .measures import overflow

FIXTURE = REPO_ROOT / "tests/fixtures/figures/content"
MODES: dict[str, dict[str, Any]] = {
    "normal": {},
    "large": {"stored_text": "large"},
    "high": {"stored_contrast": "high"},
    "dark": {"color_scheme": "dark"},
    "large-high-dark": {"stored_text": "large", "stored_contrast": "high", "color_scheme": "dark"},
}
PAGES_2023 = ["2023/figures.html", "2023/part-1/section-1.html"]
TREND_PAGES = ["2099/figures.html", "trends.html"]


@pytest.fixture(scope="module")
def trend_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The invented two-year fixture, built without the PDF, and served."""
    project = tmp_path_factory.mktemp("figures-site")
    command = [sys.executable, str(REPO_ROOT / "build.py"), "build", "--no-pdf", "--content", str(FIXTURE)]
    result = subprocess.run(
        [*command, "--out", str(project / "output")], capture_output=True, text=True, check=False, cwd=project
    )
    assert result.returncode == 0, result.stderr
    with served_folder(project / "output") as site:
        yield site


def axe_failures(tab: Any, site: Site, pages: list[str]) -> list[str]:
    failures = []
    for rel in pages:
        visit(tab, site, rel)
        violations = run_axe(tab) + run_axe(tab, rules=["heading-order", "page-has-heading-one"])
        if violations:
            failures.append(f"{rel}:\n{format_violations(violations)}")
    return failures


@pytest.mark.parametrize("mode", list(MODES))
def test_axe_finds_nothing_in_every_mode(site: Site, trend_site: Site, new_tab: NewTab, mode: str) -> None:
    failures = []
    for width in (390, 1280):
        failures += axe_failures(new_tab(width, **MODES[mode]), site, PAGES_2023)
        failures += axe_failures(new_tab(width, **MODES[mode]), trend_site, TREND_PAGES)
    assert not failures, f"axe-core violations in {mode}:\n" + "\n".join(failures)


def test_html_is_valid(site: Site, trend_site: Site) -> None:
    paths = [site.root / rel for rel in PAGES_2023] + [trend_site.root / rel for rel in TREND_PAGES]
    errors = run_vnu(paths)
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize(("width", "mode"), [(320, "normal"), (320, "large"), (390, "large"), (1280, "large")])
def test_no_sideways_scroll(site: Site, trend_site: Site, new_tab: NewTab, width: int, mode: str) -> None:
    tab = new_tab(width, **MODES[mode])
    wide = []
    for served, pages in ((site, PAGES_2023), (trend_site, TREND_PAGES)):
        for rel in pages:
            visit(tab, served, rel)
            if overflow(tab):
                wide.append(f"{rel}: {overflow(tab)}")
    assert not wide, "\n".join(wide)


def test_card_lands_on_its_sentence_and_back(site: Site, new_tab: NewTab) -> None:
    tab = visit(new_tab(390), site, "2023/figures.html")
    card = tab.locator("#card-fig-lifts-completed")
    value = card.locator(".figure-number").inner_text()
    card.locator(".figure-source a").click()
    tab.wait_for_url("**/section-3.html#fig-lifts-completed")
    mark = tab.locator("mark.fig-quote:target")
    assert mark.count() == 1 and value in mark.inner_text()
    assert mark.evaluate("m => getComputedStyle(m).backgroundColor") != "rgba(0, 0, 0, 0)", "the sentence is not lit"
    tab.locator('a.fig-back[href$="#card-fig-lifts-completed"]').click()
    tab.wait_for_url("**/figures.html#card-fig-lifts-completed")
    assert tab.locator(".figure-card:target").count() == 1


@pytest.mark.parametrize("width", [390, 1280])
def test_screenshots(site: Site, trend_site: Site, new_tab: NewTab, width: int) -> None:
    tab = visit(new_tab(width), site, "2023/figures.html")
    assert screenshot(tab, f"figures-2023-{width}").stat().st_size > 0
    tab = visit(new_tab(width), trend_site, "2099/figures.html")
    chart = tab.locator(".trend").first
    path = screenshot(tab, f"figures-trend-page-{width}").with_name(f"figures-trend-chart-{width}.png")
    chart.screenshot(path=str(path))
    assert path.stat().st_size > 0
    dark = visit(new_tab(width, color_scheme="dark"), trend_site, "2099/figures.html")
    dark.locator(".trend").first.screenshot(path=str(path.with_name(f"figures-trend-chart-{width}-dark.png")))


def test_cards_print_on_one_or_two_a4_pages(site: Site, new_tab: NewTab, tmp_path: Any) -> None:
    tab = visit(new_tab(1280), site, "2023/figures.html")
    pdf = tab.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 2, f"the 数说 page prints on {pages} A4 pages"
