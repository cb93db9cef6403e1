"""Tables: markdown-it's pipe-table rule, plus a caption: the paragraph right before a table becomes its caption
when it names a table (`表1 …`, `附表…`, `…情况表`, `…一览表`), moved inside it; header cells get `scope="col"`.

The caption is the paragraph's own inline token, moved, not copied: its words are read once, in reading order,
by everything that reads text (the import's guard, check, the glossary, search).
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

CAPTION_RE = re.compile(r"^(?:表\s*[0-9０-９一二三四五六七八九十]+|附表)|(?:情况表|一览表)$")
CAPTION_MAX = 60  # characters: a caption names a table, it is not a paragraph about one


def is_caption(text: str) -> bool:
    """A line that names a table: 表1 2023年主要指标, 附表：…, 重点项目一览表."""
    text = text.strip()
    return 0 < len(text) <= CAPTION_MAX and bool(CAPTION_RE.search(text))


def table_plugin(md: MarkdownIt) -> None:
    md.enable("table")
    md.core.ruler.after("inline", "table_captions", move_captions)


def move_captions(state: StateCore) -> None:
    """paragraph_open, inline, paragraph_close, table_open → table_open, caption_open, inline, caption_close."""
    out: list[Token] = []
    for token in state.tokens:
        if token.type == "th_open":
            token.attrSet("scope", "col")
        if token.type == "table_open" and has_caption_before(out, token):
            paragraph, inline = out[-3], out[-2]
            del out[-3:]
            token.meta["caption"] = True
            inline.level = token.level + 1
            out += [
                token,
                Token("caption_open", "caption", 1, map=paragraph.map, level=token.level + 1),
                inline,
                Token("caption_close", "caption", -1, level=token.level + 1),
            ]
            continue
        out.append(token)
    state.tokens = out


def has_caption_before(out: list[Token], table: Token) -> bool:
    if len(out) < 3 or out[-3].type != "paragraph_open" or out[-1].type != "paragraph_close":
        return False
    words = "".join(c.content for c in out[-2].children or [] if c.type in ("text", "code_inline"))
    return out[-3].level == table.level and is_caption(words)
