"""Term matching: find every spelling of every glossary term in an inline token's text, longest first; a new copy of
the token wraps each in a term link, leaving footnote references, links and code alone."""

from __future__ import annotations

from dataclasses import dataclass, replace

from markdown_it.token import Token

from ..parse import TEXT_TYPES

LINK_OPEN = {"link_open", "term_link_open"}
LINK_CLOSE = {"link_close", "term_link_close"}


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


def find_in_inline(inline: Token, matcher: Matcher) -> list[Match]:
    """Every match in the inline's plain text, offsets as in `plain_text`; the token is left as it was.

    Only whole text tokens are searched, so a footnote reference, emphasis edge or existing link is never
    split, and the quotation marks around a term stay outside its link.
    """
    return [
        shifted(m, offset)
        for child, offset, searched in child_offsets(inline)
        if searched
        for m in matcher.find(child.content)
    ]


def link_inline(inline: Token, matches: list[Match]) -> Token:
    """A new inline token with a new list of children, each match a term link; `inline` and its children are left as they were."""
    children: list[Token] = []
    for child, offset, searched in child_offsets(inline):
        inside = [shifted(m, -offset) for m in matches if searched and offset <= m.start < offset + len(child.content)]
        children += split_text(child, inside) if inside else [child]
    return replace(inline, children=children)


def child_offsets(inline: Token) -> list[tuple[Token, int, bool]]:
    """Each child with where its text starts in `plain_text`, and whether it is searched (plain text outside any link)."""
    out: list[tuple[Token, int, bool]] = []
    offset, depth = 0, 0
    for child in inline.children or []:
        depth += (child.type in LINK_OPEN) - (child.type in LINK_CLOSE)
        out.append((child, offset, child.type == "text" and depth == 0))
        offset += len(child.content) if child.type in TEXT_TYPES else 0
    return out


def shifted(match: Match, by: int) -> Match:
    return Match(match.start + by, match.end + by, match.spelling, match.slug)


def split_text(token: Token, matches: list[Match]) -> list[Token]:
    """A text token cut into plain text and term links, in order; no character added or lost."""
    pieces: list[Token] = []
    pos = 0
    for m in matches:
        if m.start > pos:
            pieces.append(text_token(token, token.content[pos : m.start]))
        opener = Token("term_link_open", "a", 1, level=token.level, meta={"term": m.slug})
        closer = Token("term_link_close", "a", -1, level=token.level, meta={"term": m.slug})
        pieces += [opener, text_token(token, m.spelling, 1), closer]
        pos = m.end
    if pos < len(token.content):
        pieces.append(text_token(token, token.content[pos:]))
    return pieces


def text_token(like: Token, content: str, deeper: int = 0) -> Token:
    return Token("text", "", 0, level=like.level + deeper, content=content)
