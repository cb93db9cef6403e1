"""Plain report text → Markdown that renders back to exactly the same characters."""

from __future__ import annotations

import re

from .read.pipetable import read_table, row_line
from .rules import MARKER_RE, superscript_number

# Bold the source already has (**在速度上**) stays bold; every other markup character is escaped.
SOURCE_BOLD_RE = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
ESCAPED = re.compile(r"([\\`*_\[\]<>&!~|{}])")
LINE_START = re.compile(r"^([#>+=-]|\d+[.)])")
# A lead phrase: a short first sentence with no inner pause (经济指标稳步回升。).
# An address to the delegates (各位代表！…) opens a paragraph the way a lead phrase does, but says nothing of its topic.
ADDRESS_RE = re.compile(r"^(?:各位|同志们|代表们)")
LEAD_RE = re.compile(r"^([^。！？，、；：*\n]{2,25})(?=[。！？])")


def inline(text: str) -> str:
    """Escape markup, keep source bold, turn superscript markers into [^n] references."""
    pieces, last = [], 0
    for bold in SOURCE_BOLD_RE.finditer(text):
        pieces.append(escape(text[last : bold.start()]))
        pieces.append("**" + escape(bold.group(1)) + "**")
        last = bold.end()
    pieces.append(escape(text[last:]))
    return "".join(pieces)


def escape(text: str) -> str:
    escaped = ESCAPED.sub(r"\\\1", text)
    return MARKER_RE.sub(lambda m: f"[^{superscript_number(m.group())}]", escaped)


def escape_line_start(markdown: str) -> str:
    """A paragraph must not start like a heading, quote, list or rule."""
    match = LINE_START.match(markdown)
    if not match:
        return markdown
    end = match.end()
    return markdown[: end - 1] + "\\" + markdown[end - 1 :]


def paragraph(text: str) -> str:
    """A body paragraph; its lead phrase, if any, is bolded before its full stop."""
    lead = LEAD_RE.match(text)
    if lead and len(text) > lead.end() + 1 and not ADDRESS_RE.match(lead.group(1)):
        # A space before the stop stays outside: `**…**` cannot close after whitespace.
        phrase = lead.group(1).rstrip()
        return "**" + inline(phrase) + "**" + inline(text[len(phrase) :])
    return escape_line_start(inline(text))


def heading(level: int, text: str) -> str:
    """An ATX heading; a trailing # is escaped so that it is not read as a closing sequence."""
    markdown = inline(text)
    if markdown.endswith("#"):
        markdown = markdown[:-1] + "\\#"
    return "#" * level + " " + markdown


def footnote_definition(number: int, text: str) -> str:
    return f"[^{number}]: " + escape_line_start(inline(text))


def table(block: str) -> str:
    """A table block of the source (read/pipetable.py) → its caption as a paragraph of its own, then the pipe table,
    each cell escaped as inline text is (a `|` in a cell becomes `\\|`): the site reads the caption back as the
    table's (govreport/tables.py), since it names a table as the reader required."""
    found = read_table(block)
    width = len(found.rows[0])
    lines = [row_line([inline(cell) for cell in found.rows[0]]), row_line(["---"] * width)]
    lines += [row_line([inline(cell) for cell in row]) for row in found.rows[1:]]
    caption = escape_line_start(inline(found.caption)) + "\n\n" if found.caption else ""
    return caption + "\n".join(lines)
