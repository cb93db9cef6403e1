"""The search index stage: Han characters indexed one by one, the bundle it returns, and its errors."""
from __future__ import annotations

import json

import pytest

from govreport.errors import ContentError
from govreport.searchindex import BUNDLE, ZWSP, index_site, pagefind_executable, separate_han


def page(body: str, marked: bool = True) -> str:
    attr = " data-pagefind-body" if marked else ""
    return f'<!DOCTYPE html><html lang="zh-CN"><head><title>t</title></head><body><main{attr}>{body}</main></body></html>'


@pytest.mark.parametrize(("html", "expected"), [
    ("<p>加装电梯</p>", f"<p>{ZWSP}加{ZWSP}装{ZWSP}电{ZWSP}梯{ZWSP}</p>"),
    # Punctuation is cut off from the characters, tags and attributes are left alone.
    ('<p class="lead" title="标题">“三站”</p>', f'<p class="lead" title="标题">“{ZWSP}三{ZWSP}站{ZWSP}”</p>'),
    # No zero-width space next to a real one, or Pagefind would lose the real space from the stored text.
    ("<p>完工 16 台</p>", f"<p>{ZWSP}完{ZWSP}工 16 台{ZWSP}</p>"),
    ('<h1><span>云数网端</span> <span lang="zh-Latn">yún</span></h1>', f'<h1><span>{ZWSP}云{ZWSP}数{ZWSP}网{ZWSP}端</span> <span lang="zh-Latn">yún</span></h1>'),
    # Characters on both sides of an inline tag are still cut apart.
    ('<p>词<a href="x">语</a>解释</p>', f'<p>{ZWSP}词{ZWSP}<a href="x">{ZWSP}语{ZWSP}</a>{ZWSP}解{ZWSP}释{ZWSP}</p>'),
    ("<p>12345 hotline</p>", "<p>12345 hotline</p>"),
])
def test_separate_han(html: str, expected: str) -> None:
    assert separate_han(html) == expected


def test_the_indexer_is_pagefinds_extended_build() -> None:
    assert pagefind_executable().name == "pagefind_extended"
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
        "pagefind: Pagefind indexed 1 pages, but 2 are marked data-pagefind-body: a.html, empty.html")
