"""The search index stage: Han characters indexed one by one, what Pagefind stores of them, the bundle, and its errors."""

from __future__ import annotations

import gzip
import json

import pytest

from govreport.errors import ContentError
from govreport.searchindex import BUNDLE, OWN_SPACE, ZWSP, index_site, indexing_copy, pagefind_executable, separate_han


def page(body: str, marked: bool = True) -> str:
    attr = " data-pagefind-body" if marked else ""
    return (
        f'<!DOCTYPE html><html lang="zh-CN"><head><title>t</title></head><body><main{attr}>{body}</main></body></html>'
    )


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>加装电梯</p>", "<p> 加 装 电 梯 </p>"),
        # Tags and attributes are left alone, Han characters and spaces in them included.
        ('<p class="lead" title="加装 电梯">“三站”</p>', f'<p class="lead" title="加装 电梯">“ 三 站 ”{ZWSP}</p>'),
        # The report's own space beside a Han character is marked with a word of its own.
        ("<p>地铁 18 号线</p>", f"<p> 地 铁  {OWN_SPACE} 18 {OWN_SPACE}  号 线 </p>"),
        # ... also with tags between them.
        (
            '<h1><span>云数网端</span> <span lang="zh-Latn">yún shù</span></h1>',
            f'<h1><span> 云 数 网 端 </span> {OWN_SPACE} <span lang="zh-Latn">yún shù{ZWSP}</span></h1>',
        ),
        ("<p>工作回顾</p>\n<p>进一步</p>", f"<p> 工 作 回 顾 </p> {OWN_SPACE}\n<p> 进 一 步 </p>"),
        # Spaces stay beside their characters, so none is lost inside a footnote marker, which Pagefind leaves out.
        ('<p>端”<sup class="fn-ref">[5]</sup>神经</p>', '<p> 端 ”<sup class="fn-ref">[5]</sup> 神 经 </p>'),
        # Without Han characters only the zero-width space that stops Pagefind's full stop at a block's end.
        ("<p>12345 hotline</p>", f"<p>12345 hotline{ZWSP}</p>"),
        ('<li><a href="x">L-07</a></li>', f'<li><a href="x">L-07{ZWSP}</a></li>'),
        ("<p>“三站”。</p>", f"<p>“ 三 站 ”。{ZWSP}</p>"),
    ],
)
def test_separate_han(html: str, expected: str) -> None:
    assert separate_han(html) == expected


def test_only_the_indexed_part_of_a_page_is_separated() -> None:
    html = page('<h1 id="t">加装</h1>').replace("<title>t</title>", "<title>标题</title>")
    assert indexing_copy(html) == page('<h1 id="t"> 加 装 </h1>').replace("<title>t</title>", "<title>标题</title>")


def test_pagefind_stores_words_as_search_js_reads_them() -> None:
    """What search.js relies on: words joined by one space each, OWN_SPACE kept as a word, ZWSP dropped,
    no full stop added at a block's end, and anchors' locations counted in those words (punctuation too)."""
    bundle = index_site(
        {
            "a.html": page(
                '<h1 id="t">一、2022 年工作回顾</h1>\n<p id="p1">把握地铁 18 号线，“云、数、网、端”<sup class="fn-ref">[5]</sup>神经元</p>\n'
                '<p id="p2">12345 hotline</p>'
            )
        }
    )
    [fragment] = [
        json.loads(gzip.decompress(data)[len(b"pagefind_dcd") :])
        for path, data in bundle.items()
        if path.endswith(".pf_fragment")
    ]
    words = fragment["content"].split(" ")
    assert words == [
        "一",
        "、2022",
        OWN_SPACE,
        "年",
        "工",
        "作",
        "回",
        "顾",
        OWN_SPACE,
        "把",
        "握",
        "地",
        "铁",
        OWN_SPACE,
        "18",
        OWN_SPACE,
        "号",
        "线",
        "，“",
        "云",
        "、",
        "数",
        "、",
        "网",
        "、",
        "端",
        "”",
        "神",
        "经",
        "元",
        OWN_SPACE,
        "12345",
        "hotline",
    ]
    assert {anchor["id"]: anchor["location"] for anchor in fragment["anchors"]} == {"t": 0, "p1": 9, "p2": 31}
    assert fragment["word_count"] == len(words)


def test_the_indexer_is_pagefinds_plain_build() -> None:
    assert pagefind_executable().name == "pagefind"
    assert pagefind_executable().is_file()


def test_index_site_returns_only_the_bundle_the_site_uses() -> None:
    files: dict[str, str | bytes] = {
        "index.html": page("<h1>首页</h1>", marked=False),
        "a.html": page('<h1 id="a">甲</h1><p id="p1">加装电梯成片化成效显著</p>'),
        "b/c.html": page('<h1 id="c">乙</h1><p id="p1">老年助餐点</p>'),
        "assets/x.css": "p {}",
    }
    bundle = index_site(files)
    assert all(path.startswith(f"{BUNDLE}/") for path in bundle)
    names = {path.split("/", 1)[1] for path in bundle}
    assert {"pagefind.js", "pagefind-worker.js", "pagefind-entry.json"} <= names
    assert not [name for name in names if "-ui." in name or "highlight" in name]
    entry = json.loads(bundle[f"{BUNDLE}/pagefind-entry.json"])
    assert list(entry["languages"]) == ["zh-cn"]
    assert entry["languages"]["zh-cn"]["page_count"] == 2


def test_index_site_fails_when_a_marked_page_is_left_out() -> None:
    files: dict[str, str | bytes] = {
        "a.html": page('<h1 id="a">甲</h1><p>加装电梯</p>'),
        "empty.html": page(""),
    }
    with pytest.raises(ContentError) as caught:
        index_site(files)
    assert str(caught.value.problems[0]) == (
        "pagefind: Pagefind indexed 1 pages, but 2 are marked data-pagefind-body: a.html, empty.html"
    )
