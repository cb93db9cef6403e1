"""ASCII slugs from Chinese text (pinyin, via pypinyin), and the check that a slug stays inside the output folder."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from .cache import Memo, package_stamp

SAFE_SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@lru_cache(maxsize=1)
def pinyin_memo() -> Memo:
    """Pinyin already looked up, by text: pypinyin's dictionaries take longer to load than a whole small build."""
    return Memo("pinyin", package_stamp("pypinyin", "pinyin_dict.json", "phrases_dict.json"))


def pinyin_words(text: str, style: str = "") -> list[str]:
    """pypinyin.lazy_pinyin(text, style=Style.<style>) ("" plain, "TONE" marks, "TONE3" numbers), from the build
    cache when it has it; pypinyin is imported only on a miss."""
    memo = pinyin_memo()
    key = f"{style}:{text}" if style else text
    words = memo.get(key)
    if not (isinstance(words, list) and all(isinstance(w, str) for w in words)):
        from pypinyin import Style, lazy_pinyin  # slow to import: only when the cache lacks this text

        words = lazy_pinyin(text, style=getattr(Style, style)) if style else lazy_pinyin(text)
        memo.put(key, words)
    return list(words)


@cache
def pinyin_slug(text: str, limit: int = 8) -> str:
    """经济指标稳步回升 → jing-ji-zhi-biao-wen-bu-hui-sheng (at most `limit` syllables)."""
    words = [re.sub(r"[^a-z0-9]+", "", w.lower()) for w in pinyin_words(text)]
    return "-".join([w for w in words if w][:limit]) or "x"


def is_safe_slug(slug: object) -> bool:
    """Lower-case ASCII letters, digits and hyphens: no dots, slashes or `..`."""
    return isinstance(slug, str) and bool(SAFE_SLUG_RE.match(slug))


def unique(slug: str, taken: set[str]) -> str:
    """slug, or slug-2, slug-3… if taken; records the result."""
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    taken.add(candidate)
    return candidate
