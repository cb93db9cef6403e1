"""A markdown-it rule for `*`/`_` emphasis that also closes beside CJK punctuation (**要求是：**以…), as markdown-it-cjk-friendly does."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.rules_inline.state_inline import Delimiter, StateInline

from .han import CJK_TEXT_RE

# Han and the CJK punctuation and full-width forms too: in **要求是：**以 the closing ** sits between a
# full-width colon and a Han character, and either may be the CJK character beside the punctuation.
CJK_RE = CJK_TEXT_RE


def cjk_emphasis_plugin(md: MarkdownIt) -> None:
    """Replace the emphasis tokenizer; the standard post-processing pairs the delimiters."""
    md.inline.ruler.at("emphasis", tokenize)


def tokenize(state: StateInline, silent: bool) -> bool:
    marker = state.src[state.pos]
    if silent or marker not in ("_", "*"):
        return False
    can_open, can_close, length = scan(state, state.pos, marker == "*")
    for _ in range(length):
        token = state.push("text", "", 0)
        token.content = marker
        state.delimiters.append(Delimiter(ord(marker), length, len(state.tokens) - 1, -1, can_open, can_close))
    state.pos += length
    return True


def scan(state: StateInline, start: int, can_split_word: bool) -> tuple[bool, bool, int]:
    """CommonMark flanking rules, where a CJK character beside punctuation counts as punctuation does."""
    marker, pos = state.src[start], start
    while pos < state.posMax and state.src[pos] == marker:
        pos += 1
    last = state.src[start - 1] if start > 0 else " "
    nxt = state.src[pos] if pos < state.posMax else " "
    last_punct, next_punct = is_punct(last), is_punct(nxt)
    last_space, next_space = isWhiteSpace(ord(last)), isWhiteSpace(ord(nxt))
    last_cjk, next_cjk = bool(CJK_RE.match(last)), bool(CJK_RE.match(nxt))
    left = not next_space and (not next_punct or last_space or last_punct or last_cjk)
    right = not last_space and (not last_punct or next_space or next_punct or next_cjk)
    can_open = left and (can_split_word or not right or last_punct)
    can_close = right and (can_split_word or not left or next_punct)
    return can_open, can_close, pos - start


def is_punct(char: str) -> bool:
    return isMdAsciiPunct(ord(char)) or isPunctChar(char)
