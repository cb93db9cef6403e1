"""Hesitations kept where the editor reads: each goes into the front matter (`doubts:`) of the file that holds its
words, and `check` repeats it as a warning until the editor, having read the text there, deletes the line."""

from __future__ import annotations

import re

import yaml

from ..i18n import _
from .arrange import SKIPPED_NUMBER
from .read import Left
from .read.source import SUPERSCRIPT

WORDS_SHOWN = 16
MARKUP_RE = re.compile(rf"\s+|\*\*|\\|\[\^\d+\]|[{SUPERSCRIPT}]")


def keep_doubts(files: dict[str, str], doubts: tuple[Left, ...], source: str) -> dict[str, str]:
    """The files, each with the doubts about its own words in its front matter."""
    held: dict[str, list[str]] = {}
    for doubt in doubts:
        if is_skipped_number(doubt.reason):
            continue  # `check` finds a skipped number in the content itself (validate.check_heading_numbers)
        rel = holder(files, doubt.text)
        if rel is not None:
            words = doubt.text.strip()
            where = words if len(words) <= WORDS_SHOWN else "…" + words[-WORDS_SHOWN:]
            said = _("{reason} (the line “{words}”)").format(reason=doubt.reason, words=where)
            held.setdefault(rel, []).append(f"{source}:{doubt.place}: {said}")
    return {rel: with_doubts(text, held[rel]) if rel in held else text for rel, text in files.items()}


def is_skipped_number(reason: str) -> bool:
    """The reason is arrange's skipped heading number, in the language it was told in."""
    told = re.escape(_(SKIPPED_NUMBER))
    for name in ("number", "expected"):
        told = told.replace(re.escape("{" + name + "}"), r"\S+")
    return re.fullmatch(told, reason) is not None


def holder(files: dict[str, str], words: str) -> str | None:
    """The file whose text holds the line's words (the first one: a title-block line is in index.md)."""
    wanted = MARKUP_RE.sub("", words)
    return next((rel for rel, text in files.items() if wanted and wanted in MARKUP_RE.sub("", text)), None)


def with_doubts(markdown: str, doubts: list[str]) -> str:
    """`doubts:` added to the file's front matter, or a front matter holding only it."""
    block = yaml.safe_dump({"doubts": doubts}, allow_unicode=True, sort_keys=False, width=1000)
    if markdown.startswith("---\n"):
        end = markdown.index("\n---", 3) + 1
        return markdown[:end] + block + markdown[end:]
    return f"---\n{block}---\n\n{markdown}"
