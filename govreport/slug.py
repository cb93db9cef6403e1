"""ASCII slugs from Chinese text (pinyin, via pypinyin), and the check that a slug stays inside the output folder."""
from __future__ import annotations

import re

from pypinyin import lazy_pinyin

SAFE_SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def pinyin_slug(text: str, limit: int = 8) -> str:
    """经济指标稳步回升 → jing-ji-zhi-biao-wen-bu-hui-sheng (at most `limit` syllables)."""
    words = [re.sub(r"[^a-z0-9]+", "", w.lower()) for w in lazy_pinyin(text)]
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
