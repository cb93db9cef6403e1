"""The glossary stage changes nothing it is given: term links go into new tokens and new reports, and the occurrences point at those new, rendered pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from markdown_it.token import Token

from govreport.glossary import GlossaryResult, find_on_page, model_glossary, places
from govreport.glossary.matcher import Matcher, find_in_inline, link_inline
from govreport.load import load_sources
from govreport.model import model_reports
from govreport.model.workreport import Report
from govreport.parse import Parsed, make_markdown, parse_source
from govreport.parse import plain_text as inline_text
from govreport.render.html import install_renderers

REPO = Path(__file__).resolve().parents[1]


def every_token(tokens: list[Token]) -> list[Token]:
    return [t for token in tokens for t in [token, *every_token(token.children or [])]]


def snapshot(parsed: list[Parsed], reports: list[Report]) -> list[Any]:
    """Every token list the parse and model hold, by identity and by value (children included)."""
    lists = [item.tokens for item in parsed] + [n.tokens for item in parsed for n in item.notes]
    lists += [page.tokens for r in reports for page in r.pages] + [n.tokens for r in reports for n in r.notes]
    headings = [page.heading for r in reports for page in r.pages if page.heading]
    return [(id(tokens), described(tokens)) for tokens in lists] + [described([h]) for h in headings]


def described(tokens: list[Token]) -> list[Any]:
    return [(id(t), id(t.children), t.as_dict()) for t in every_token(tokens)]


def rendered(md: Any, report: Report) -> list[str]:
    env = {"url": lambda target: target}
    return [
        md.renderer.render(page.tokens + [t for n in page.notes for t in n.tokens], md.options, env)
        for page in report.pages
    ]


@pytest.fixture(scope="module")
def stage() -> tuple[Any, list[Parsed], list[Report], list[Any], list[list[str]], GlossaryResult]:
    md = make_markdown()
    install_renderers(md)
    parsed = [parse_source(md, source) for source in load_sources(REPO / "content")]
    reports = model_reports(parsed).reports
    before, html_before = snapshot(parsed, reports), [rendered(md, r) for r in reports]
    return md, parsed, reports, before, html_before, model_glossary(parsed, reports)


def test_the_parsed_tokens_and_the_reports_given_are_untouched(stage: Any) -> None:
    md, parsed, reports, before, html_before, _ = stage
    assert snapshot(parsed, reports) == before
    assert [rendered(md, r) for r in reports] == html_before
    assert not any('class="term-link"' in html for pages in html_before for html in pages)


def test_the_linked_reports_are_new_and_carry_the_links(stage: Any) -> None:
    md, _, reports, _, _, result = stage
    assert [r.slug for r in result.reports] == [r.slug for r in reports]
    assert all(new is not old for new, old in zip(result.reports, reports))
    assert all(new is not old for n, o in zip(result.reports, reports) for new, old in zip(n.pages, o.pages))
    assert sum(html.count('class="term-link"') for r in result.reports for html in rendered(md, r)) == 11


def test_linked_pages_share_no_changed_token_with_the_originals(stage: Any) -> None:
    _, _, reports, _, _, result = stage
    for new, old in zip(result.reports, reports):
        for new_page, old_page in zip(new.pages, old.pages):
            for a, b in zip(new_page.tokens, old_page.tokens):
                assert a is b or (a.type == "inline" and a.children is not b.children), new_page.path


def test_occurrences_and_citations_point_at_the_rendered_pages(stage: Any) -> None:
    _, _, reports, _, _, result = stage
    rendered_pages = {id(p) for r in result.reports for p in r.pages}
    occurrences = [o for t in result.glossary.terms for o in t.occurrences]
    assert occurrences and all(
        id(o.page) in rendered_pages and any(o.report is r for r in result.reports) for o in occurrences
    )
    quoted = [t for t in result.glossary.terms if not t.editorial]  # the site's own explanations quote nothing
    assert quoted and all(t.citation and id(t.citation.page) in rendered_pages for t in quoted)
    linked_on = [t.slug for t in result.glossary.linked_on(result.reports[0].pages)]
    assert linked_on and [t.slug for t in result.glossary.linked_on(reports[0].pages)] == []


def test_the_stage_gives_the_same_answer_twice(stage: Any) -> None:
    """Before, the first run's links hid the terms from a second run (text inside a link is not searched)."""
    md, parsed, reports, _, _, first = stage
    second = model_glossary(parsed, reports)
    assert [
        (t.slug, [(o.page.path, o.anchor, o.spelling, o.before, o.after) for o in t.occurrences])
        for t in second.glossary.terms
    ] == [
        (t.slug, [(o.page.path, o.anchor, o.spelling, o.before, o.after) for o in t.occurrences])
        for t in first.glossary.terms
    ]
    assert [rendered(md, r) for r in second.reports] == [rendered(md, r) for r in first.reports]
    assert [str(p) for p in second.problems] == [str(p) for p in first.problems]


def test_finding_returns_the_token_spelling_offsets_and_sentence(stage: Any) -> None:
    _, _, reports, _, _, _ = stage
    page = next(p for p in reports[0].pages if p.path == "2023/part-1/section-2.html")
    found = find_on_page(page, Matcher({"三站一场": "san-zhan-yi-chang"}))
    assert found and all(any(f.place.inline is where.inline for where in places(page)) for f in found)
    for f in found:
        text = inline_text(f.place.inline)
        assert text[f.match.start : f.match.end] == f.match.spelling == "三站一场"
        assert text[: f.match.start].endswith(f.before) and text[f.match.end :].startswith(f.after)
    assert found[0].before == "全面完成“"


def test_link_inline_makes_a_new_token_and_leaves_the_old_one() -> None:
    md = make_markdown()
    inline = next(t for t in md.parse("推进“三站一场”[^1]与[三站一场](x)。\n\n[^1]: 注。\n") if t.type == "inline")
    children, values = list(inline.children or []), [c.as_dict() for c in inline.children or []]
    matches = find_in_inline(inline, Matcher({"三站一场": "s"}))
    assert [(m.start, m.end) for m in matches] == [(3, 7)]  # not the one inside the link
    linked = link_inline(inline, matches)
    assert linked is not inline and linked.children is not inline.children
    assert inline.children == children and all(a is b for a, b in zip(inline.children or [], children))
    assert [c.as_dict() for c in inline.children or []] == values
    assert [c.type for c in linked.children or []].count("term_link_open") == 1
    assert inline_text(linked) == inline_text(inline)
