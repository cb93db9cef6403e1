"""Term matching: find every spelling of every glossary term in the plain text of an inline token, longest first,
across bold, emphasis, footnote marks and soft line breaks between Han characters; a new copy of the token wraps each
in term links, one per stretch of text between markup, so links nest inside the markup and never around a footnote mark.
Links, code, images and hard breaks are left alone and cut the text a spelling may span."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from markdown_it.token import Token

from ..han import CJK_TEXT_RE
from ..parse import TEXT_TYPES

LINK_OPEN = {"link_open", "term_link_open"}
LINK_CLOSE = {"link_close", "term_link_close"}
# Markup a spelling may run across: it adds no words, and a link can be cut on either side of it.
SEE_THROUGH = {"strong_open", "strong_close", "em_open", "em_close", "s_open", "s_close", "footnote_ref"}


@dataclass(frozen=True)
class Match:
    """One spelling of one term at [start, end) of a text."""

    start: int
    end: int
    spelling: str
    slug: str


class Matcher:
    """Finds the spellings of many terms in a text; where two overlap, the longer one wins."""

    def __init__(self, spellings: dict[str, str]) -> None:
        """`spellings` maps each spelling (三站一场, 云、数、网、端…) to its term's slug."""
        self.spellings = dict(sorted(spellings.items(), key=lambda item: -len(item[0])))

    def find(self, text: str) -> list[Match]:
        candidates = [
            Match(i, i + len(s), s, slug) for s, slug in self.spellings.items() if s for i in positions(text, s)
        ]
        chosen: list[Match] = []
        # Longest first, then leftmost: 主阵地、主城区、样板区 beats the 主阵地 inside it.
        for match in sorted(candidates, key=lambda m: (m.start - m.end, m.start)):
            if all(match.end <= c.start or match.start >= c.end for c in chosen):
                chosen.append(match)
        return sorted(chosen, key=lambda m: m.start)


def positions(text: str, needle: str) -> list[int]:
    """Every start of `needle` in `text`, overlapping ones included (the longest-match pass picks among them)."""
    found, i = [], text.find(needle)
    while i >= 0:
        found.append(i)
        i = text.find(needle, i + 1)
    return found


@dataclass
class Run:
    """A stretch of searched words with no barrier in it, and where each of its characters is in `plain_text`."""

    text: str = ""
    where: list[int] = field(default_factory=list)

    def add(self, content: str, offset: int) -> None:
        self.text += content
        self.where += range(offset, offset + len(content))


def find_in_inline(inline: Token, matcher: Matcher) -> list[Match]:
    """Every match in the inline's plain text, offsets as in `plain_text`; the token is left as it was.

    A match may run across bold, emphasis, a footnote mark or a soft line break between two CJK characters (none of
    them has any text in `plain_text`); the quotation marks around a term stay outside its link."""
    return [back_in_place(m, run) for run in runs(inline) for m in matcher.find(run.text)]


def back_in_place(match: Match, run: Run) -> Match:
    where = run.where
    return Match(where[match.start], where[match.end - 1] + 1, match.spelling, match.slug)


def runs(inline: Token) -> list[Run]:
    """The searched text of the inline, cut at every barrier: a link, code, an image, a hard break, other markup, or
    a soft line break that is not between two CJK characters (a reader sees a space there)."""
    out, run = [], Run()
    children = inline.children or []
    for i, (child, offset, searched) in enumerate(child_offsets(inline)):
        if searched:
            run.add(child.content, offset)
        elif not (child.type in SEE_THROUGH or is_invisible_break(children, i)):
            out.append(run)
            run = Run()
    return [r for r in [*out, run] if r.text]


def is_invisible_break(children: Sequence[Token], i: int) -> bool:
    """A soft line break between two CJK characters, which joins them: 一网⏎统管 reads 一网统管 (CSS Text's segment
    break rule, which the renderer applies itself, since Chromium shows a space there)."""
    if children[i].type != "softbreak":
        return False
    before = next((c.content[-1:] for c in reversed(children[:i]) if c.content), "")
    after = next((c.content[:1] for c in children[i + 1 :] if c.content), "")
    return bool(CJK_TEXT_RE.fullmatch(before) and CJK_TEXT_RE.fullmatch(after))


def child_offsets(inline: Token) -> list[tuple[Token, int, bool]]:
    """Each child with where its text starts in `plain_text`, and whether it is searched (plain text outside any link)."""
    out: list[tuple[Token, int, bool]] = []
    offset, depth = 0, 0
    for child in inline.children or []:
        depth += (child.type in LINK_OPEN) - (child.type in LINK_CLOSE)
        out.append((child, offset, child.type == "text" and depth == 0))
        offset += len(child.content) if child.type in TEXT_TYPES else 0
    return out


def link_inline(inline: Token, matches: list[Match]) -> Token:
    """A new inline token with a new list of children, each match one or more term links; `inline` and its children are
    left as they were. A match that runs across markup is linked piece by piece, one link inside each stretch of text
    (so the links nest inside the bold, and a footnote mark stays outside them); a soft line break stays inside."""
    opens, closes = link_edges(inline, matches)
    children: list[Token] = []
    for i, (child, offset, _) in enumerate(child_offsets(inline)):
        starts = {p - offset: slug for (k, p), slug in opens.items() if k == i}
        ends = {p - offset: slug for (k, p), slug in closes.items() if k == i}
        children += cut_text(child, starts, ends) if starts or ends else [child]
    return replace(inline, children=children)


def cut_text(token: Token, starts: dict[int, str], ends: dict[int, str]) -> list[Token]:
    """A text token cut into plain text and term link edges, in order; no character added or lost."""
    out: list[Token] = []
    cuts = sorted({0, len(token.content), *starts, *ends})
    for a, b in zip(cuts, cuts[1:]):
        if a in starts:
            out.append(Token("term_link_open", "a", 1, level=token.level, meta={"term": starts[a]}))
        out.append(text_token(token, token.content[a:b], int(a in starts or b in ends)))
        if b in ends:
            out.append(Token("term_link_close", "a", -1, level=token.level, meta={"term": ends[b]}))
    return out


def link_edges(inline: Token, matches: list[Match]) -> tuple[dict[tuple[int, int], str], dict[tuple[int, int], str]]:
    """Where term links open and close, as (child index, offset of `plain_text`) with the term's slug: each match
    cut into the pieces that lie in one text child each, and pieces that only soft line breaks part joined again."""
    offsets = child_offsets(inline)
    texts = [(i, at, at + len(c.content)) for i, (c, at, searched) in enumerate(offsets) if searched and c.content]
    opens: dict[tuple[int, int], str] = {}
    closes: dict[tuple[int, int], str] = {}
    for m in matches:
        pieces = [(i, max(m.start, a), min(m.end, b)) for i, a, b in texts if a < m.end and m.start < b]
        for (i, _, end), (j, start, _) in zip(pieces, pieces[1:]):
            if not all(is_blank(offsets[k][0]) for k in range(i + 1, j)):
                closes[i, end], opens[j, start] = m.slug, m.slug
        opens[pieces[0][0], pieces[0][1]] = m.slug
        closes[pieces[-1][0], pieces[-1][2]] = m.slug
    return opens, closes


def is_blank(token: Token) -> bool:
    """A soft line break or an empty text: nothing a link needs to be cut at."""
    return token.type == "softbreak" or token.type == "text" and not token.content


def text_token(like: Token, content: str, deeper: int = 0) -> Token:
    return Token("text", "", 0, level=like.level + deeper, content=content)
