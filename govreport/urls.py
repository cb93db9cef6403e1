"""Relative URLs between output files, so the site works under any sub-path and from file://."""
from __future__ import annotations

import functools
import posixpath


@functools.lru_cache(maxsize=8192)  # pure, and called thousands of times a build with the same few hundred pairs
def relative(from_path: str, to_path: str) -> str:
    """The link from one output file to another (or to `file#anchor`); never starts with `/`."""
    target, _, fragment = to_path.partition("#")
    if not target:
        return "#" + fragment
    rel = posixpath.relpath(target, posixpath.dirname(from_path) or ".")
    return rel + (f"#{fragment}" if fragment else "")
