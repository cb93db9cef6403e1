"""The built site publishes every character of the source report, in order, with its footnotes linked both ways."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.cli import build_py
from tests.pdfcheck import missing_in_order
from tests.sitecheck import Page, html_pages, squash
from tests.sourcetext import chunks, sentences, strip_markers
from tests.sourcetext import squash as source_squash


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
    assert missing_in_order(body, text) == []


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


# --- Reports of the genre: each line of the source, in order, on the built full-text page --------------------------

GENRE = Path(__file__).parent / "fixtures/genre"
GENRE_REPORTS = [e for e in yaml.safe_load((GENRE / "expected.yml").read_text(encoding="utf-8")) if e["kind"]]
PAGE_NUMBER_RE = re.compile(r"^[—\-–]\s*\d+\s*[—\-–]$")  # as these fixtures print them
SUPERSCRIPT_START_RE = re.compile(r"^[⁰¹²³⁴⁵⁶⁷⁸⁹]+\s")


def report_lines(entry: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The source's own lines (web page lines and page numbers aside), read without the importer: body lines
    and footnote lines, each squashed, footnote calls taken out."""
    body, notes = [], []
    for line in (GENRE / entry["file"]).read_text(encoding="utf-8").split("\n"):
        if not line.strip() or line.strip() in entry["page_chrome"] or PAGE_NUMBER_RE.match(line.strip()):
            continue
        (notes if SUPERSCRIPT_START_RE.match(line) else body).append(source_squash(strip_markers(line)))
    return body, notes


@pytest.fixture(scope="module")
def genre_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each report of the genre imported and built on its own (without the PDF), with the checkout's templates."""
    built = {}
    for entry in GENRE_REPORTS:
        project = tmp_path_factory.mktemp("genre")
        assert build_py(project, "import", str(GENRE / entry["file"])).returncode == 0
        result = build_py(project, "build", "--no-pdf")
        assert result.returncode == 0, result.stderr
        built[entry["file"]] = project / "output"
    return built


def full_text_page(site: Path) -> Page:
    return Page(next(site.glob("*/full.html")))


@pytest.mark.parametrize("entry", GENRE_REPORTS, ids=[e["file"] for e in GENRE_REPORTS])
def test_every_line_of_a_genre_report_is_on_its_full_text_page_in_order(
    genre_sites: dict[str, Path], entry: dict[str, Any]
) -> None:
    """Headings, appendices and note marks included. A hard-wrapped line is a piece of its paragraph, and a
    footnote's second line is not told from the text by its look: there, each line need only be in a block. A
    run-in heading is a block of its own, so its line may run on into the next block."""
    page = full_text_page(genre_sites[entry["file"]]).blocks()
    blocks = [a + b for a, b in zip(page, page[1:] + [""])]
    body, notes = report_lines(entry)
    if entry["shape"] == "wrapped":
        assert [line for line in body + notes if not any(line in b for b in blocks)] == []
        return
    position = 0
    for line in body:
        found = next((i for i in range(position, len(blocks)) if line in blocks[i]), None)
        assert found is not None, f"missing or out of order: {line[:40]}…"
        position = found
    assert [
        line for line in notes if not any(line[len(line) - len(line.lstrip("⁰¹²³⁴⁵⁶⁷⁸⁹")) :] in b for b in blocks)
    ] == []


@pytest.mark.parametrize("entry", [e for e in GENRE_REPORTS if e["glossary"]], ids=lambda e: e["file"])
def test_every_glossary_entry_of_an_appendix_has_a_page_linked_from_the_text(
    genre_sites: dict[str, Path], entry: dict[str, Any]
) -> None:
    site = genre_sites[entry["file"]]
    index = Page(site / "glossary/index.html")
    listed = "".join(index.blocks())
    assert [term for term in entry["glossary"]["entries"] if term not in listed] == []
    full = full_text_page(site)
    linked = {a.attrs.get("href", "").split("#")[0] for a in full.root.walk() if a.tag == "a"}
    assert len([h for h in linked if "glossary/" in h and not h.endswith("index.html")]) >= len(
        entry["glossary"]["entries"]
    )
    toc = [a for a in full.root.walk() if a.tag == "a" and a.attrs.get("href", "").startswith("#appendix-")]
    assert [squash(a.text()) for a in toc][:1] == [squash(entry["glossary"]["heading"])]
