"""Front-matter key lines come from PyYAML's node tree (parse.read_front_matter), so every message about a key names the line the key is on."""

from __future__ import annotations

from pathlib import Path

import pytest

from govreport.errors import ContentError
from govreport.load import Source
from govreport.model import model_reports
from govreport.parse import Parsed, make_markdown, parse_source
from govreport.validate import check_contact, validate_site
from tests.test_glossary import GOOD, build, problems, render_small

TERM = "---\n# a comment line moves every key down\nterm: 三站一场\nvariants:\n  - 大康路\n  - 三站一场站\nsource:\n  report: 2023\n  footnote: 1\n...\n\n大康路站、呼兰路站、爱辉路站，场北车辆段。\n"


def parse(text: str, rel: str = "glossary/a.md") -> Parsed:
    return parse_source(make_markdown(), Source(Path("content") / rel, rel, text))


def test_every_key_nested_key_and_list_item_has_its_line() -> None:
    item = parse(TERM)
    assert item.meta_lines == {
        "term": 3,
        "variants": 4,
        "variants.0": 5,
        "variants.1": 6,
        "source": 7,
        "source.report": 8,
        "source.footnote": 9,
    }
    assert item.meta["source"] == {"report": "2023", "footnote": 1}  # a report's name, read as typed


def test_the_body_starts_below_the_closing_marker_as_markdown_it_maps_it() -> None:
    md = make_markdown()
    block = next(t for t in md.parse(TERM, {}) if t.type == "front_matter")
    assert block.map == [0, 10]
    assert parse(TERM).body_line == 11  # the blank line after `...`, where a definition would begin
    assert parse(GOOD).body_line == 7


def test_a_file_without_front_matter_has_no_key_lines() -> None:
    item = parse("正文。\n")
    assert (item.meta, item.meta_lines, item.body_line) == ({}, {}, 1)


def test_flow_lists_and_repeated_keys() -> None:
    item = parse("---\nterm: 云数网端\nvariants: [云、数、网、端,\n  云数网端平台]\nterm: 云数网端\n---\n")
    assert item.meta_lines == {
        "term": 5,
        "variants": 3,
        "variants.0": 3,
        "variants.1": 4,
    }  # the last `term:` is the one whose value counts


def test_an_alias_that_contains_itself_is_walked_once() -> None:
    item = parse("---\nloop: &a [1, *a]\nafter: 2\n---\n")
    assert item.meta_lines == {"loop": 2, "loop.0": 2, "loop.1": 2, "after": 3}


def test_a_yaml_error_keeps_its_line_and_the_body_line() -> None:
    item = parse("---\nterm: 三站一场\nvariants: [甲\nsource: 2023\n---\n\n定义。\n")
    assert [str(p) for p in item.problems] == [
        "content/glossary/a.md:4: front matter: expected ',' or ']', but got ':'"
    ]
    assert (item.meta, item.meta_lines, item.body_line) == ({}, {}, 6)


# ------------------------------------------------------------------ messages that name a key's line


def test_variants_that_are_not_spellings_name_the_variants_line(tmp_path: Path) -> None:
    bad = GOOD.replace("term: 三站一场\n", "term: 三站一场\npinyin: sān zhàn yī chǎng\nvariants: 3\n")
    assert problems(tmp_path, {"a.md": bad}) == [
        f"{tmp_path}/content/glossary/a.md:4: `variants:` must be a list of spellings, e.g. [云、数、网、端]"
    ]


def test_a_source_without_report_names_the_source_line(tmp_path: Path) -> None:
    bad = "---\nterm: 三站一场\npinyin: sān zhàn yī chǎng\n\nsource:\n  footnote: 1\n---\n\n大康路站、呼兰路站、爱辉路站，场北车辆段。\n"
    assert problems(tmp_path, {"a.md": bad}) == [
        f"{tmp_path}/content/glossary/a.md:5: front matter needs `source:` with `report:` (e.g. 2023) and, for a footnote, `footnote:` (its number);"
        " or `source: editor` for an explanation written by the site's editors",
    ]


def test_a_term_that_is_not_a_word_names_the_term_line(tmp_path: Path) -> None:
    bad = GOOD.replace("term: 三站一场", "# the headword\nterm: [三站一场]")
    assert problems(tmp_path, {"a.md": bad}) == [
        f"{tmp_path}/content/glossary/a.md:3: front matter needs `term:`, the word as the report writes it"
    ]


def test_a_spelling_claimed_twice_names_the_list_item_line(tmp_path: Path) -> None:
    other = "---\nterm: 云数网端\nvariants:\n  - 云、数、网、端\n  - 三站一场\nsource:\n  report: 2023\n  footnote: 1\n---\n\n大康路站、呼兰路站、爱辉路站，场北车辆段。\n"
    flow = "---\nsource:\n  report: 2023\n  footnote: 1\n\n\nterm: 大康路站\nvariants: [呼兰路站, 三站一场]\n---\n\n大康路站、呼兰路站、爱辉路站，场北车辆段。\n"
    assert problems(tmp_path, {"a.md": GOOD, "b.md": other, "c.md": flow}) == [
        f"{tmp_path}/content/glossary/b.md:5: “三站一场” is already claimed by {tmp_path}/content/glossary/a.md:2: a term or spelling belongs to one file only",
        f"{tmp_path}/content/glossary/c.md:8: “三站一场” is already claimed by {tmp_path}/content/glossary/a.md:2: a term or spelling belongs to one file only",
    ]


def test_a_missing_report_names_the_source_line(tmp_path: Path) -> None:
    moved = "---\nsource:\n  report: 2024\n  footnote: 1\nterm: 三站一场\n---\n\n大康路站、呼兰路站、爱辉路站，场北车辆段。\n"
    assert problems(tmp_path, {"a.md": moved}) == [
        f"{tmp_path}/content/glossary/a.md:2: source: there is no report '2024' (reports: 2023)"
    ]


def test_a_bad_date_names_the_date_line(tmp_path: Path) -> None:
    index = "---\ntitle: 政府工作报告\n# the date of the meeting\nmeeting: 第三次会议\ndate: 2023年1月5日\n---\n\n各位代表：\n"
    with pytest.raises(ContentError) as caught:
        render_small(tmp_path, {"a.md": GOOD}, report={"2023/index.md": index})
    assert [str(p) for p in caught.value.problems] == [
        f"{tmp_path}/content/2023/index.md:5: date '2023年1月5日' is not a date such as 2023-01-05"
    ]


def test_the_date_line_does_not_need_the_file_on_disk() -> None:
    """The line comes from the parsed text: the report's path need not exist from the current folder."""
    parsed = [
        parse("---\ntitle: 政府工作报告\ndate: 一月\n---\n", "2023/index.md"),
        parse("# 一、回顾\n\n正文。\n", "2023/part-1/index.md"),
    ]
    found = [str(p) for p in validate_site(parsed, model_reports(parsed).reports, Path("content"))]
    # content/2023/index.md of this repository has its date on line 4: reading the file again would say 4.
    assert found == ["content/2023/index.md:3: date '一月' is not a date such as 2023-01-05"]


def test_a_slug_named_further_down_names_its_line(tmp_path: Path) -> None:
    item = parse("---\ntitle: 政府工作报告\ndate: 2023-01-05\nspeaker: 镇长\n\nslug: 二〇二三\n---\n", "2023/index.md")
    assert [str(p) for p in validate_site([item], [], Path("content"))] == [
        "content/2023/index.md:6: slug '二〇二三' must be lower-case letters, digits and hyphens (no / or ..)"
    ]


def test_a_placeholder_contact_names_the_nested_line_at_any_indent() -> None:
    site = parse(
        "---\nsite_name: 测试\ncontact:\n    unit: 镇政府\n    placeholder: true\nplaceholder: note\n---\n", "index.md"
    )
    assert [str(p) for p in check_contact([site])] == [
        "content/index.md:5: warning: contact: is a placeholder: put the real phone or e-mail for accessibility problems here and delete `placeholder: true`",
    ]


def test_a_good_term_file_with_moved_keys_still_builds(tmp_path: Path) -> None:
    assert build(tmp_path, {"a.md": TERM.replace("  - 三站一场站\n", "")}) == []
