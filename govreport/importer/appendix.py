"""Appendices after the report's last paragraph: a 名词解释 (or 注释) list, and 附件 such as the year's 民生实事.

An appendix starts at a short line that names one, after the report's parts: `名词解释`, `注释`,
`附件：名词解释`, `附：有关名词解释`, `《政府工作报告》有关内容名词注释`, or `附件` / `附件1` / `附件：…项目`. Each
becomes a page of the report, word for word. The entries of a 名词解释 are read in the shapes reports print them:
`1.“两重”：是指…` on one line; `1.“四上”企业：` or `［1］一降三减：` with the explanation as the next paragraph;
or a term alone on a line, its explanation below. Each entry is also a glossary term whose definition is the
explanation, quoted from the appendix page (the build checks the quote).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import yaml

from ..errors import Problem
from ..i18n import _
from .markdown import escape, escape_line_start
from .rules import OPAQUE, SOURCE_BOLD_START_RE, Block

GLOSSARY_HEADING_RE = re.compile(
    r"^(?:附件\s*\d*\s*[：:]\s*|附\s*[：:]\s*)?(?:《[^》]{2,30}》)?(?:有关)?(?:内容)?(?:名词(?:术语)?(?:解释|注释)|注释)$"
)
ATTACHMENT_HEADING_RE = re.compile(r"^附件\s*\d*(?:\s*[：:]\s*[^。！？]{1,30})?$")
MARK = r"(?:\d{1,2}[.．、]|[［\[〔]\d{1,2}[］\]〕]|[①-⑳]|[（(]注\s*\d{1,2}[）)])"
ENTRY_RE = re.compile(rf"^(?P<mark>{MARK})?\s*(?P<term>[^：:。，、；]{{1,24}}?)[：:](?P<rest>.*)$")
TERM_LINE_RE = re.compile(r"^[^：:。，、；！？]{2,16}$")
# Marks the text calls an entry by (the numbers of `1.` entries are not calls: they only count the list).
CALL_STYLES = {
    "［］": re.compile(r"［(\d{1,2})］"),
    "[]": re.compile(r"\[(\d{1,2})\]"),
    "〔〕": re.compile(r"〔(\d{1,2})〕"),
    "①": re.compile(r"([①-⑳])"),
    "(注)": re.compile(r"[（(]注\s*(\d{1,2})[）)]"),
}
QUOTES_RE = re.compile(r"[“”‘’\"「」『』]")


@dataclass(frozen=True)
class Entry:
    """A term of a 名词解释 appendix and its explanation, as printed."""

    term: str
    definition: str
    line: int
    spelling: str = ""  # the term as printed, quotes and all (“四上”企业), when that differs from `term`
    mark: str = ""  # the entry's mark as printed (［1］, ①, (注1)), when it has one
    called: tuple[str, ...] = ()  # the term with its mark as the text calls it (“一降三减”［1］): linked whole


@dataclass
class Appendix:
    """An appendix: its heading block, its blocks, and (for a 名词解释) its entries."""

    heading: Block
    blocks: list[Block] = field(default_factory=list)
    glossary: bool = False
    entries: list[Entry] = field(default_factory=list)


def heading_text(block: Block) -> str:
    bold = SOURCE_BOLD_START_RE.match(block.text)
    return bold.group(1) if bold and bold.end() == len(block.text) else block.text


def is_appendix_heading(block: Block) -> bool:
    text = heading_text(block)
    return block.kind == "para" and bool(GLOSSARY_HEADING_RE.match(text) or ATTACHMENT_HEADING_RE.match(text))


def split_appendices(body: list[Block]) -> tuple[list[Block], list[Appendix]]:
    """The report's own blocks, and the appendices after them (none before its first part)."""
    first_part = next((i for i, b in enumerate(body) if b.kind == "part"), len(body))
    start = next((i for i in range(first_part, len(body)) if is_appendix_heading(body[i])), None)
    if start is None:
        return body, []
    appendices: list[Appendix] = []
    for block in body[start:]:
        if is_appendix_heading(block):
            appendices.append(Appendix(block, glossary=bool(GLOSSARY_HEADING_RE.match(heading_text(block)))))
        elif block.kind != "note":
            appendices[-1].blocks.append(block)
    for appendix in appendices:
        if appendix.glossary:
            appendix.entries = read_entries(appendix.blocks)
    return body[:start] + [b for b in body[start:] if b.kind == "note"], appendices


def read_entries(blocks: list[Block]) -> list[Entry]:
    """The entries, in any of the printed shapes; a block that is none of them is an explanation's second
    paragraph and stays on the page only."""
    entries: list[Entry] = []
    waiting: tuple[str, int, str | None] | None = None  # a term (as printed) whose explanation is the next block
    for block in blocks:
        if block.kind in OPAQUE:  # a table in a 名词解释 stays on its page, and is no entry
            continue
        text = heading_text(block)
        found = ENTRY_RE.match(text)
        if waiting:
            entries.append(entry(waiting[0], text, waiting[1], waiting[2]))
            waiting = None
        elif found and found.group("rest").strip():
            entries.append(entry(found.group("term"), found.group("rest").strip(), block.line, found.group("mark")))
        elif found or TERM_LINE_RE.match(text):
            waiting = (found.group("term"), block.line, found.group("mark")) if found else (text, block.line, None)
    return entries


def entry(printed: str, definition: str, line: int, mark: str | None) -> Entry:
    term = clean_term(printed)
    return Entry(term, definition, line, printed.strip() if printed.strip() != term else "", mark or "")


def call_of(mark: str) -> tuple[str, str] | None:
    """A mark's style and number, if the text can call an entry by it: ［1］ → (［］, 1), ② → (①, ②)."""
    return next(((style, m.group(1)) for style, p in CALL_STYLES.items() for m in [p.fullmatch(mark)] if m), None)


def check_calls(body: list[Block], entries: list[Entry], path: str) -> list[Problem]:
    """A mark in the text, in the style the 名词解释 numbers its entries, must call an entry that is there."""
    known = {call for e in entries for call in [call_of(e.mark)] if call}
    problems = []
    for style in {style for style, _number in known}:
        for block in body:
            if block.kind == "note":
                continue
            for found in CALL_STYLES[style].finditer(block.text):
                if (style, found.group(1)) not in known:
                    message = _("note mark {mark} has no footnote and no entry in the 名词解释").format(
                        mark=found.group()
                    )
                    problems.append(Problem(path, block.line, message))
    return problems


def clean_term(term: str) -> str:
    """“四上”企业 → 四上企业: the quotes mark the term, they are not part of it."""
    return QUOTES_RE.sub("", term).strip()


def with_calls(entries: list[Entry], body: list[Block]) -> list[Entry]:
    """Each entry with the spellings by which the text calls it, mark and all (“一降三减”［1］): a spelling of the
    term, so that the glossary links the mark with the words it follows, to the entry's page."""
    text = "\n".join(block.text for block in body if block.kind != "note")
    out = []
    for entry in entries:
        call = call_of(entry.mark)
        if call is None:
            out.append(entry)
            continue
        marks = [m.group() for m in CALL_STYLES[call[0]].finditer(text) if m.group(1) == call[1]]
        spellings = [s for s in dict.fromkeys([entry.spelling, entry.term, f"“{entry.term}”"]) if s]
        called = [s + m for m in dict.fromkeys(marks) for s in spellings if s + m in text]
        out.append(replace(entry, called=tuple(dict.fromkeys(called))))
    return out


def term_file(entry: Entry, report: str) -> str:
    """The glossary file of an entry: its term, the spellings the report uses, and the definition it quotes."""
    meta: dict[str, object] = {"term": entry.term}
    variants = [s for s in (entry.spelling, *entry.called) if s]
    if variants:
        meta["variants"] = variants
    meta["source"] = {"report": report}
    dumped = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{dumped}---\n\n{escape_line_start(escape(entry.definition))}\n"
