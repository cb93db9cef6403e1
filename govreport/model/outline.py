"""A page's outline: its lead phrases and, inside a part or section file, its headings (`### 1.…`, `#### （1）…`), each
with an anchor, as a tree in reading order (a lead phrase under the heading above it); every paragraph and table
gets an id."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it.token import Token

from ..parse import plain_text
from ..slug import pinyin_slug, unique

SENTENCE_END = "。！？"
# GB/T 9704-2012, 7.3.3: inside a section （一）, the third level 1. and the fourth （1）.
SUBHEADING_TAGS = {"h3": 3, "h4": 4}
# The heading's own number (1. 1、 （1） (1) （一）) is left out of its anchor: ids then start with a letter.
NUMBER_RE = re.compile(r"^\s*(?:[（(][0-9０-９一二三四五六七八九十]+[）)]|[0-9０-９]+\s*[.．、])\s*")


@dataclass(frozen=True)
class Lead:
    """The short topic sentence that opens a paragraph, and the paragraph's anchor."""

    text: str
    anchor: str


@dataclass(frozen=True)
class Subheading:
    """A heading inside a part or section file: its Markdown level (3 for `###`, 4 for `####`), its depth in the page's
    outline (1 right under the page's own heading, 2 under another subheading), its words, anchor and line."""

    level: int
    depth: int
    text: str
    anchor: str
    line: int | None


@dataclass(frozen=True)
class Entry:
    """One place in a page's outline, a subheading or a lead phrase, with the entries that fall under a subheading."""

    text: str
    anchor: str
    is_heading: bool
    children: tuple[Entry, ...] = ()


@dataclass(frozen=True)
class Outline:
    """What anchor_blocks finds on a page: its lead phrases and subheadings in reading order, and them as a tree."""

    leads: tuple[Lead, ...]
    subheadings: tuple[Subheading, ...]
    entries: tuple[Entry, ...]


def anchor_blocks(body: list[Token], page_anchor_id: str, taken: set[str], subheadings: bool) -> Outline:
    """Give every paragraph an id (glossary and search link to it): a lead phrase's id is its pinyin; and, where the
    file may have `subheadings`, each `###` and `####` an id of its own pinyin, its depth and a class for it."""
    leads: list[Lead] = []
    found: list[Subheading] = []
    placed: list[tuple[int, Lead | Subheading]] = []  # each with its depth, in reading order
    open_levels: list[int] = []  # the levels of the subheadings that the next block falls under
    count = tables = 0
    for i, token in enumerate(body):
        if token.level != 0:
            continue
        if token.type == "table_open":
            tables += 1
            token.attrSet("id", unique(f"{page_anchor_id}-t{tables}", taken))
            token.meta["number"] = tables
        if subheadings and token.type == "heading_open" and token.tag in SUBHEADING_TAGS:
            heading = mark_subheading(body, i, open_levels, f"{page_anchor_id}-h{len(found) + 1}", taken)
            found.append(heading)
            placed.append((heading.depth, heading))
        elif token.type == "paragraph_open":
            count += 1
            lead = mark_paragraph(token, body[i + 1], f"{page_anchor_id}-p{count}", taken)
            if lead:
                token.meta["depth"] = len(open_levels) + 1
                leads.append(lead)
                placed.append((len(open_levels) + 1, lead))
    return Outline(tuple(leads), tuple(found), tree(placed))


def mark_paragraph(token: Token, inline: Token, fallback: str, taken: set[str]) -> Lead | None:
    """The paragraph's id, and its lead phrase if it opens with one (then it is also marked class="lead")."""
    text = lead_phrase(inline)
    if not text:
        token.attrSet("id", unique(fallback, taken))
        return None
    token.attrSet("class", "lead")
    token.attrSet("id", unique(pinyin_slug(text), taken))
    return Lead(text, str(token.attrGet("id")))


def mark_subheading(body: list[Token], i: int, open_levels: list[int], fallback: str, taken: set[str]) -> Subheading:
    """The heading at body[i] gets its id, class and depth (the renderer's level for it): one below the nearest
    open subheading of a higher level, so a `####` straight under the section's `##` is at depth 1."""
    level = SUBHEADING_TAGS[body[i].tag]
    while open_levels and open_levels[-1] >= level:
        open_levels.pop()
    open_levels.append(level)
    depth = len(open_levels)
    text = plain_text(body[i + 1])
    words = NUMBER_RE.sub("", text, count=1).strip()
    anchor = unique(pinyin_slug(words) if words else fallback, taken)
    body[i].attrSet("id", anchor)
    body[i].attrSet("class", f"subhead-{depth}")
    body[i].meta["depth"] = body[i + 2].meta["depth"] = depth  # heading_open, inline, heading_close
    return Subheading(level, depth, text, anchor, body[i].map[0] + 1 if body[i].map else None)


def lead_phrase(inline: Token) -> str | None:
    """Bold at the very start of a paragraph, followed at once by a full stop: **经济指标稳步回升**。"""
    children = [c for c in inline.children or [] if not (c.type == "text" and not c.content)]
    if len(children) < 4 or children[0].type != "strong_open":
        return None
    close = next((i for i, c in enumerate(children) if c.type == "strong_close"), None)
    if close is None or close + 1 >= len(children):
        return None
    after = children[close + 1]
    inner = "".join(c.content for c in children[1:close] if c.type == "text")
    ends_sentence = inner.endswith(tuple(SENTENCE_END)) or (
        after.type == "text" and after.content.startswith(tuple(SENTENCE_END))
    )
    return inner if ends_sentence and inner else None


def tree(placed: list[tuple[int, Lead | Subheading]]) -> tuple[Entry, ...]:
    """(depth, lead or subheading) in reading order → entries, each under the subheading one depth above it."""

    def take(start: int, depth: int) -> tuple[tuple[Entry, ...], int]:
        entries: list[Entry] = []
        i = start
        while i < len(placed) and placed[i][0] >= depth:
            item = placed[i][1]
            if isinstance(item, Subheading):
                children, i = take(i + 1, placed[i][0] + 1)
                entries.append(Entry(item.text, item.anchor, True, children))
            else:
                entries.append(Entry(item.text, item.anchor, False))
                i += 1
        return tuple(entries), i

    return take(0, 1)[0]


def without_leads(entries: tuple[Entry, ...]) -> tuple[Entry, ...]:
    """The subheadings of an outline alone, still nested."""
    return tuple(Entry(e.text, e.anchor, True, without_leads(e.children)) for e in entries if e.is_heading)
