"""Figures (数说, issue 18): each bad figures.yml fails the build with exact `path:line: message` lines, exit 1, no
traceback and output/ untouched; a good two-year fixture gets cards, sentence anchors both ways and a trend; and
`figures suggest` prints pasteable lines, best first, writing nothing."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from tests.cli import build_py
from tests.sitecheck import tree_digest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "figures" / "content"
Y99 = "content/2099/figures.yml"
Y98 = "content/2098/figures.yml"


@pytest.fixture(scope="module")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two-year fixture (invented), built once into output/."""
    root = tmp_path_factory.mktemp("figures")
    shutil.copytree(FIXTURE, root / "content")
    result = build_py(root, "build", "--no-pdf")
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture
def project(built_project: Path, tmp_path: Path) -> Path:
    shutil.copytree(built_project, tmp_path, dirs_exist_ok=True)
    return tmp_path


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


BAD = {
    "wrong quote": (
        [(Y99, "quote: 帮助就业 2100 人次", "quote: 帮助就业群众 2100 人次")],
        [f"{Y99}:17: the quote is not in the report (whitespace aside): 帮助就业群众 2100 人次"],
    ),
    "value outside its quote": (
        [(Y99, 'value: "20"', 'value: "21"')],
        [f"{Y99}:9: 21 台 is not in the quote: copy the value and unit as the quote prints them"],
    ),
    "duplicate key": (
        [(Y99, "key: jobs", "key: lifts")],
        [f"{Y99}:18: the key lifts is used twice in this report (first at line 12)"],
    ),
    "mixed units": (
        [(Y98, "key: lifts", "key: jobs")],
        [f"{Y98}:9: jobs is in 台 here and in 人次 in 2099: these cannot be charted together"],
    ),
    "not valid YAML": (
        [(Y99, "  unit: 台\n", "  unit: [台\n")],
        [f"{Y99}:11: figures file: expected ',' or ']', but got ':'"],
    ),
    "unknown field and missing unit": (
        [(Y99, "  unit: 台\n", "  units: 台\n")],
        [
            f"{Y99}:8: this figure has no unit",
            f"{Y99}:10: unknown field units (known: label, value, unit, quote, compare, key, group)",
        ],
    ),
    "not a list": (
        [(Y98, "- label: 镇级财政收入\n", "label: 镇级财政收入\n- x: 1\n")],
        None,
    ),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_figures_fail_with_their_line(project: Path, case: str) -> None:
    edits, expected = BAD[case]
    for rel, old, new in edits:
        edit(project, rel, old, new)
    before = tree_digest(project / "output")
    result = build_py(project, "build", "--no-pdf")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = [
        line for line in result.stderr.splitlines() if "warning" not in line and not re.fullmatch(r"\d+ errors", line)
    ]
    if expected is None:
        assert lines and all(re.match(r"content/2098/figures\.yml:\d+: ", line) for line in lines), lines
    else:
        assert lines == expected
    assert tree_digest(project / "output") == before


def test_cards_link_to_their_sentences_and_back(built_project: Path) -> None:
    out = built_project / "output"
    page = (out / "2099" / "figures.html").read_text(encoding="utf-8")
    for figure in yaml.safe_load((FIXTURE / "2099" / "figures.yml").read_text(encoding="utf-8")):
        anchor = f"fig-{figure['key']}"
        assert f'id="card-{anchor}"' in page
        href = re.search(rf'href="([^"#]+)#{anchor}"', page)
        assert href, anchor
        target = (out / "2099" / href.group(1)).read_text(encoding="utf-8")
        mark = re.search(
            rf'<mark class="fig-quote" id="{anchor}">(.*?)</mark><a class="fig-back" href="([^"]+)"', target
        )
        assert mark and figure["value"] in mark.group(1)
        assert mark.group(2) == f"../figures.html#card-{anchor}"


def test_trend_has_words_table_and_no_script(built_project: Path) -> None:
    for rel in ("trends.html", "2099/figures.html", "2098/figures.html"):
        page = (built_project / "output" / rel).read_text(encoding="utf-8")
        assert "镇级财政收入：2098 年 0.95 亿元，2099 年 1.2 亿元；2098 年至 2099 年上升 0.25 亿元（26.3%）。" in page
        assert '<svg class="trend-chart"' in page and 'role="img" aria-labelledby="trend-1-words"' in page
        assert '<th scope="row">2098 年</th><td>0.95</td>' in page
        svg = re.search(r"<svg.*?</svg>", page, re.S)
        assert svg and "<script" not in svg.group(0)
    home = (built_project / "output" / "index.html").read_text(encoding="utf-8")
    assert 'href="trends.html"' in home and 'href="2099/figures.html"' in home


def test_one_year_has_no_trend(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "content")
    shutil.rmtree(tmp_path / "content" / "2098")
    assert build_py(tmp_path, "build", "--no-pdf").returncode == 0
    assert not (tmp_path / "output" / "trends.html").exists()
    assert "trend-chart" not in (tmp_path / "output" / "2099" / "figures.html").read_text(encoding="utf-8")


def test_suggest_lists_pasteable_figures_and_writes_nothing(built_project: Path) -> None:
    before = tree_digest(built_project)
    result = build_py(built_project, "figures", "suggest", "2099")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("# 2099")
    figures = yaml.safe_load("\n".join(lines))
    assert figures[0] == {
        "label": "镇级财政收入",
        "value": "1.2",
        "unit": "亿元",
        "quote": "全年完成镇级财政收入 1.2 亿元",
    }
    assert {f["label"] for f in figures} >= {"加装电梯完工", "帮助就业"}
    assert tree_digest(built_project) == before


def test_suggest_unknown_year(built_project: Path) -> None:
    result = build_py(built_project, "figures", "suggest", "1999")
    assert result.returncode == 1 and "there is no report 1999" in result.stderr and "Traceback" not in result.stderr


EDITOR_PICKS = ROOT / "tests" / "fixtures" / "figures" / "editor-picks-2023.tsv"


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_suggest_on_2023_lists_an_editors_picks_in_its_first_30_lines() -> None:
    """Each figure a reader picked from the report alone (tests/fixtures/figures/editor-picks-2023.tsv) is among
    suggest's first 30 lines: the same value and unit, in a quote that holds the picked words or lies inside them."""
    picks = [
        line.split("\t")
        for line in EDITOR_PICKS.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert len(picks) >= 12
    result = build_py(ROOT, "figures", "suggest", "2023")
    assert result.returncode == 0, result.stderr
    top = yaml.safe_load("\n".join(result.stdout.splitlines()[:30]))
    missing = [
        label
        for label, value, unit, quote in picks
        if not any(
            f["value"] == value
            and f["unit"].removeprefix("余") == unit
            and (squeezed(quote) in squeezed(f["quote"]) or squeezed(f["quote"]) in squeezed(quote))
            for f in top
        )
    ]
    assert not missing


def test_suggest_reads_counts_in_chinese_numerals_only_after_a_making_verb() -> None:
    from govreport.figures.suggest import paragraph_candidates

    text = "新建成一所普惠性幼儿园，打造一个服务中心，启动建设两所学校，落实“十四五”规划。"
    found = [(c.label, c.value, c.unit) for c in paragraph_candidates(text, "x.md", 1, "", True)]
    assert found == [("新建成普惠性幼儿园", "一", "所"), ("启动建设学校", "两", "所")]


def test_a_figure_in_chinese_numerals_is_checked_and_charted(project: Path) -> None:
    from govreport.figures import numeric

    assert [numeric(v) for v in ("两", "一百零三", "1,200", "十十", "三站")] == [2.0, 103.0, 1200.0, None, None]
    for year, count in (("2098", "两"), ("2099", "三")):
        edit(project, f"content/{year}/part-1/section-1.md", "帮助就业", f"新建成{count}所幼儿园，帮助就业")
        figure = f"- label: 新建成幼儿园\n  value: {count}\n  unit: 所\n  quote: 新建成{count}所幼儿园\n  key: kindergartens\n"
        path = project / f"content/{year}/figures.yml"
        path.write_text(path.read_text(encoding="utf-8") + figure, encoding="utf-8")
    result = build_py(project, "build", "--no-pdf")
    assert result.returncode == 0, result.stderr
    page = (project / "output" / "trends.html").read_text(encoding="utf-8")
    assert "新建成幼儿园：2098 年 2 所，2099 年 3 所；" in page
    card = (project / "output" / "2099" / "figures.html").read_text(encoding="utf-8")
    assert '<span class="figure-number">3</span> <span class="figure-unit">所</span>' in card  # a bold 三 reads badly


def test_a_quote_cut_by_a_footnote_call_is_marked_around_it() -> None:
    """An editor's quote leaves the footnote number out; the mark goes round the call, which stays whole."""
    from govreport.figures import Figure, Placed
    from govreport.figures.anchors import mark_one

    call = '<sup class="fn-ref"><a href="#fn-1" id="fnref-1" role="doc-noteref">[1]</a></sup>'
    html = f'<div class="prose"><p>完成“<a href="g.html">三站一场</a>”{call}共 6 个地块约 300 亩土地。</p></div>'
    quote = "完成“三站一场”共 6 个地块约 300 亩土地"
    figure = Figure({"label": "动迁腾地", "value": "300", "unit": "亩", "quote": quote, "key": "land"}, {}, 1, 1)
    marked = mark_one(html, Placed(figure, "x.html"), "../figures.html")
    assert call in marked
    assert '<mark class="fig-quote" id="fig-land">完成“</mark>' in marked
    assert f'<mark class="fig-quote">”</mark>{call}<mark class="fig-quote">共 6 个地块约 300 亩土地</mark>' in marked
    assert re.sub(r"<[^>]*>", "", marked) == re.sub(r"<[^>]*>", "", html)
