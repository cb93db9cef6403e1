"""The built site publishes every character of the source report, in order, with its footnotes linked both ways."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.sitecheck import Page, html_pages, squash
from tests.sourcetext import chunks, sentences


@pytest.fixture(scope="module")
def site(built_site: Path) -> Path:
    """content/ built without the PDF (tests/conftest.py: once a session, shared with other read-only tests)."""
    return built_site


@pytest.fixture(scope="module")
def full(site: Path) -> Page:
    return Page(site / "2023" / "full.html")


def test_full_text_holds_every_chunk_in_order(full: Page) -> None:
    """Concatenated block text of the full-text page contains each source chunk, in source order."""
    text = "".join(full.blocks())
    body, _ = chunks()
    position = 0
    for chunk in body:
        found = text.find(chunk, position)
        assert found >= 0, f"missing or out of order: {chunk[:40]}…"
        position = found + len(chunk)


def test_every_sentence_sits_in_one_block(site: Path) -> None:
    """Each sentence (or title-block line) is inside one block element of some page."""
    blocks = [b for page in html_pages(site).values() for b in page.blocks()]
    body, _ = chunks()
    missing = [s for chunk in body for s in sentences(chunk) if not any(s in b for b in blocks)]
    assert missing == []


def test_page_break_halves_are_joined_in_one_paragraph(full: Page) -> None:
    """Each source chunk that stops mid-sentence continues in the same block as the next body chunk."""
    body, _ = chunks()
    blocks = full.blocks()
    cuts = [(a, b) for a, b in zip(body, body[1:]) if is_cut(a)]
    assert len(cuts) == 8
    for head, tail in cuts:
        assert any(head[-12:] + tail[:12] in b for b in blocks), f"not joined: …{head[-12:]} / {tail[:12]}…"


def is_cut(chunk: str) -> bool:
    """Not a heading, has sentence punctuation, and stops mid-sentence."""
    heading = re.match(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)", chunk)
    return not heading and bool(re.search("[，。、]", chunk)) and chunk.rstrip("”’）")[-1] not in "。！？：；…"


@pytest.mark.parametrize("number", [1, 2, 3, 4, 5])
def test_footnote_linked_both_ways(full: Page, number: int) -> None:
    _, notes = chunks()
    ids = full.ids()
    note = ids[f"fn-{number}"]
    assert notes[number] in squash(note.text())
    ref = ids[f"fnref-{number}"]
    assert ref.tag == "a" and ref.attrs["href"] == f"#fn-{number}" and ref.attrs["role"] == "doc-noteref"
    assert ref.parent is not None and ref.parent.tag == "sup"
    backs = [e for e in note.walk() if e.tag == "a" and e.attrs.get("href") == f"#fnref-{number}"]
    assert backs and backs[0].attrs.get("role") == "doc-backlink"


def test_title_block_and_salutation_published(full: Page) -> None:
    text = "".join(full.blocks())
    for words in (
        "政府工作报告",
        "——2023年1月5日在宝山区庙行镇第八届人民代表大会第三次会议上",
        "庙行镇镇长朱峻峰",
        "各位代表：",
    ):
        assert words in text
